import type { IpAllowlistTranslation } from './ja';

/** English. Typed against the Japanese texts, so a missing or extra key fails the build. */
export const en: IpAllowlistTranslation = {
  nav: {
    label: 'IP restrictions',
    description: 'Restrict the IP addresses that may connect to the admin console.',
  },
  title: 'IP restrictions',
  description: 'Restrict the source IP addresses that may use the admin console and the API.',
  currentIp: 'Your current IP address',
  emptyWarning: 'The allowlist is empty, so there is no IP restriction (every address may connect).',
  notCoveredWarning:
    'Your current IP address ({{ip}}) is not in the allowlist. Depending on the settings you may lose access from this device.',
  add: 'Add',
  addTitle: 'Add an address range',
  useCurrentIp: 'Use my current IP address',
  empty: 'The allowlist is empty. To restrict access, add the address ranges of the office network.',
  columns: {
    cidr: 'Address range (CIDR)',
    description: 'Description',
    createdAt: 'Added',
  },
  fields: {
    cidr: 'Address range (CIDR)',
    cidrHint: 'e.g. 203.0.113.0/24 or 2001:db8::/32. A single address is also accepted.',
    description: 'Description',
    descriptionPlaceholder: 'e.g. City hall network',
  },
  validation: {
    cidr: 'The address range is not valid (e.g. 203.0.113.0/24).',
  },
  lockoutConfirmTitle: 'Your current address is not included',
  lockoutConfirm:
    'The range does not include your current IP address ({{ip}}). Adding it may stop you from using the admin console from this device. Add it anyway?',
  lockoutConfirmOk: 'Add',
  removeOf: 'Remove {{cidr}}',
  removeConfirm: 'Remove {{cidr}} from the allowlist?',
  removeLastWarning: 'Removing the last entry lifts the IP restriction.',
};
