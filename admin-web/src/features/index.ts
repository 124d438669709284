import { apiKeysFeature } from './api-keys/api-keys.feature';
import { attributesFeature } from './attributes/attributes.feature';
import { auditFeature } from './audit/audit.feature';
import { authFeature } from './auth/auth.feature';
import { channelsFeature } from './channels/channels.feature';
import { deliveriesFeature } from './deliveries/deliveries.feature';
import { departmentsFeature } from './departments/departments.feature';
import { formsFeature } from './forms/forms.feature';
import { homeFeature } from './home/home.feature';
import { ipAllowlistFeature } from './ip-allowlist/ip-allowlist.feature';
import { mailFeature } from './mail/mail.feature';
import { mailListsFeature } from './mail-lists/mail-lists.feature';
import { publicCommentFeature } from './public-comment/public-comment.feature';
import { residentsFeature } from './residents/residents.feature';
import { rolesFeature } from './roles/roles.feature';
import { segmentsFeature } from './segments/segments.feature';
import { staffFeature } from './staff/staff.feature';

/**
 * Every feature of the console, in menu order: one line each. The router, the menu, the home
 * page's cards and the i18n resources are built from this list.
 */
export const FEATURES = [
  homeFeature,
  residentsFeature,
  attributesFeature,
  formsFeature,
  segmentsFeature,
  deliveriesFeature,
  mailListsFeature,
  publicCommentFeature,
  channelsFeature,
  staffFeature,
  departmentsFeature,
  rolesFeature,
  apiKeysFeature,
  ipAllowlistFeature,
  auditFeature,
  mailFeature,
  authFeature,
] as const;
