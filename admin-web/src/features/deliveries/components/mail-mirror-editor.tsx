import { useQuery } from '@apollo/client/react';
import { Alert, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DeliveryMailListsDocument } from '../../../gql/graphql';
import { Field, FieldErrors, describedBy } from './field';

/** The server's limits on a delivery's mail (deliveries/delivery-mail.service.ts). */
export const MAX_MAIL_LISTS = 10;
export const MAIL_SUBJECT_MAX = 150;

/**
 * SEG-05: the mail lists whose confirmed subscribers also get the delivery by mail when it is
 * really sent, the mail's subject, and the mail's text as it will go (from the Japanese messages).
 */
export function MailMirrorEditor({
  mailListIds,
  mailSubject,
  title,
  departmentId,
  preview,
  onMailListIdsChange,
  onMailSubjectChange,
  problems,
  disabled,
  canReadLists,
}: {
  mailListIds: string[];
  mailSubject: string;
  /** The delivery's title: the subject when it is left blank. */
  title: string;
  /** The delivery's department, when known: only its lists can be chosen. */
  departmentId: string | null;
  /** The mail's text; null while the Japanese messages have problems. */
  preview: string | null;
  onMailListIdsChange: (ids: string[]) => void;
  onMailSubjectChange: (subject: string) => void;
  problems: Record<string, readonly string[]>;
  disabled: boolean;
  canReadLists: boolean;
}) {
  const { t } = useTranslation();
  const listsQuery = useQuery(DeliveryMailListsDocument, { variables: { first: 100 }, skip: !canReadLists });
  const listErrors = problems['mailListIds'] ?? [];
  const subjectErrors = problems['mailSubject'] ?? [];
  if (!canReadLists)
    return (
      <>
        {mailListIds.length ? (
          <Alert type="info" showIcon title={t('deliveries.attachments.mail.unavailable')} style={{ marginBottom: 8 }} />
        ) : null}
        <FieldErrors errors={listErrors} />
      </>
    );
  const lists = (listsQuery.data?.mailLists.edges.map((e) => e.node) ?? []).filter(
    (l) => l.active && (departmentId === null || l.departmentId === departmentId),
  );
  const options = [
    ...lists.map((l) => ({ value: l.id, label: t('deliveries.attachments.mail.listOption', { name: l.name, n: l.subscriberCount }) })),
    ...(listsQuery.loading
      ? []
      : mailListIds
          .filter((id) => !lists.some((l) => l.id === id))
          .map((id) => ({ value: id, label: t('deliveries.attachments.mail.unknownList') }))),
  ];
  return (
    <div>
      <Field
        id="delivery-mail-lists"
        label={t('deliveries.attachments.mail.lists')}
        hint={t('deliveries.attachments.mail.listsHint', { max: MAX_MAIL_LISTS })}
        errors={listErrors}
      >
        <Select<string[]>
          {...describedBy('delivery-mail-lists', listErrors, true)}
          mode="multiple"
          value={mailListIds}
          disabled={disabled}
          loading={listsQuery.loading}
          placeholder={t('deliveries.attachments.mail.listsPlaceholder')}
          options={options}
          showSearch={{ optionFilterProp: 'label' }}
          maxCount={MAX_MAIL_LISTS}
          notFoundContent={listsQuery.loading ? t('app.loading') : t('deliveries.attachments.mail.noLists')}
          onChange={onMailListIdsChange}
        />
      </Field>
      {mailListIds.length ? (
        <>
          <Field
            id="delivery-mail-subject"
            label={t('deliveries.attachments.mail.subject')}
            hint={t('deliveries.attachments.mail.subjectHint')}
            errors={subjectErrors}
          >
            <Input
              {...describedBy('delivery-mail-subject', subjectErrors, true)}
              value={mailSubject}
              maxLength={MAIL_SUBJECT_MAX}
              placeholder={title}
              disabled={disabled}
              onChange={(e) => onMailSubjectChange(e.target.value)}
            />
          </Field>
          <section aria-labelledby="delivery-mail-preview-title">
            <Typography.Title level={3} id="delivery-mail-preview-title" style={{ fontSize: 15, marginBottom: 4 }}>
              {t('deliveries.attachments.mail.preview')}
            </Typography.Title>
            <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 8 }}>
              {t('deliveries.attachments.mail.previewNote')}
            </Typography.Paragraph>
            {preview === null ? (
              <Alert type="warning" showIcon title={t('deliveries.attachments.mail.previewInvalid')} />
            ) : (
              <pre
                data-testid="delivery-mail-preview"
                style={{
                  whiteSpace: 'pre-wrap',
                  wordBreak: 'break-word',
                  background: '#fafafa',
                  border: '1px solid #d9d9d9',
                  borderRadius: 6,
                  padding: 12,
                  fontSize: 14,
                  margin: 0,
                }}
              >
                <strong>{mailSubject.trim() || title}</strong>
                {'\n\n'}
                {preview}
              </pre>
            )}
          </section>
        </>
      ) : null}
    </div>
  );
}
