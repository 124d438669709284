import type { MailTranslation } from './ja';

/** English. Typed against the Japanese texts, so a missing or extra key fails the build. */
export const en: MailTranslation = {
  nav: {
    label: 'Outbound mail',
    description: 'Check what mail the system sends and how it is sent, and send a test mail.',
  },
  title: 'Outbound mail',
  description:
    'Mail the system sends (receipts, test mails and so on). Each mail is first stored as pending and then sent in turn. Mail that failed can be sent again.',
  refresh: 'Refresh',
  empty: 'No mail matches the filter.',
  emptyAll: 'No mail has been sent yet. Use “Send a test mail” to check the mail settings.',
  settings: {
    title: 'Mail settings',
    status: 'Status',
    configured: 'Configured',
    notConfigured: 'Not configured',
    destination: 'Destination (SMTP server)',
    from: 'Sender (From)',
    notConfiguredTitle: 'No SMTP server is configured',
    notConfiguredDescription:
      'Mail is not sent; it waits in the outbox as pending. Set the SMTP_URL environment variable and restart the server, and the pending mail is sent in turn.',
    localSinkTitle: 'Mail goes to this machine',
    localSinkDescription:
      'A destination of smtp://127.0.0.1:… is probably the local development sink started by npm start. The local sink accepts mail and keeps it in .data/mail-sink without delivering it to anyone. In production, set SMTP_URL to a real SMTP server.',
    credentialsNote: 'The SMTP server’s credentials are never shown.',
  },
  filters: {
    status: 'Status',
    allStatuses: 'All statuses',
  },
  columns: {
    detail: 'Details',
    createdAt: 'Time',
    toAddress: 'To',
    subject: 'Subject',
    purpose: 'Purpose',
    status: 'Status',
    attempts: 'Attempts',
  },
  status: {
    PENDING: 'Pending',
    SENDING: 'Sending',
    SENT: 'Sent',
    FAILED: 'Failed',
  },
  purposes: {
    mail_test: 'Test mail',
  },
  detail: {
    body: 'Body',
    replyTo: 'Reply-To',
    messageId: 'Message ID',
    lastError: 'Last error',
    requestedBy: 'Requested by',
    sentAt: 'Sent at',
    createdAt: 'Queued at',
    updatedAt: 'Updated at',
    purposeCode: 'Purpose code',
    mailId: 'Mail ID',
  },
  test: {
    open: 'Send a test mail',
    title: 'Send a test mail',
    description:
      'Sends a test mail to check the mail settings. Check the recipient’s mailbox and the status in the list below to see whether it arrived.',
    to: 'Recipient address',
    toPlaceholder: 'e.g. taro@example.jp',
    toHint: 'Enter exactly one address (no display names, no lists).',
    invalidAddress: 'This is not a valid mail address (e.g. taro@example.jp).',
    submit: 'Send',
    queued: 'The test mail has been queued.',
    notConfiguredNote: 'No SMTP server is configured, so the test mail will wait in the outbox.',
  },
  retry: {
    action: 'Resend',
    actionOf: 'Resend {{subject}} ({{to}})',
    done: 'The mail has been queued again.',
    notFailed: 'This mail is no longer failed (it may have been resent already), so it was not resent. The list has been refreshed.',
  },
};
