import { useQuery } from '@apollo/client/react';
import { Alert, Card, Flex, Input, Radio, Spin, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PreviewRecurrenceDocument } from '../../../gql/graphql';
import type { DeliveryTiming } from '../../../gql/graphql';
import { describeApiError } from '../../../shared/lib/graphql-errors';
import { ErrorAlert } from '../../../shared/ui/error-alert';
import { formatJst } from '../lib/jst';
import { fieldsWithPaths, placeServerFields } from '../lib/problems';
import { toRule } from '../lib/recurrence';
import type { RecurrenceDraft } from '../lib/recurrence';
import { useSettled } from '../lib/use-settled';
import { Field, FieldErrors, describedBy } from './field';
import { RecurrenceForm } from './recurrence-form';

const TIMINGS: readonly DeliveryTiming[] = ['IMMEDIATE', 'SCHEDULED', 'RECURRING'];

/** How long the rule must stay unchanged before it is checked on the server. */
export const RECURRENCE_DEBOUNCE_MS = 500;

/** When the delivery goes: now, at a date and time (Tokyo), or by a recurrence rule with its live check. */
export function TimingEditor({
  timing,
  scheduledAt,
  recurrence,
  onTimingChange,
  onScheduledAtChange,
  onRecurrenceChange,
  problems,
  recurrenceProblems,
  disabled,
}: {
  timing: DeliveryTiming;
  scheduledAt: string;
  recurrence: RecurrenceDraft;
  onTimingChange: (timing: DeliveryTiming) => void;
  onScheduledAtChange: (value: string) => void;
  onRecurrenceChange: (value: RecurrenceDraft) => void;
  /** The server's problems by field (`timing`, `scheduledAt`) from the last save. */
  problems: Record<string, readonly string[]>;
  recurrenceProblems: Record<string, readonly string[]>;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div>
      <fieldset className="plain-fieldset" style={{ marginBottom: 12 }}>
        <legend className="visually-hidden">{t('deliveries.editor.timing.title')}</legend>
        <Radio.Group
          value={timing}
          disabled={disabled}
          optionType="button"
          buttonStyle="solid"
          options={TIMINGS.map((value) => ({ value, label: t(`deliveries.timing.${value}`) }))}
          onChange={(e) => onTimingChange(e.target.value as DeliveryTiming)}
        />
        <FieldErrors errors={problems['timing'] ?? []} />
      </fieldset>
      {timing === 'IMMEDIATE' ? (
        <Typography.Paragraph type="secondary">{t('deliveries.editor.timing.immediateHint')}</Typography.Paragraph>
      ) : null}
      {timing === 'SCHEDULED' ? (
        <Field
          id="delivery-scheduled-at"
          label={t('deliveries.editor.timing.scheduledAt')}
          hint={t('deliveries.editor.timing.scheduledAtHint')}
          errors={problems['scheduledAt'] ?? []}
        >
          <Input
            {...describedBy('delivery-scheduled-at', problems['scheduledAt'] ?? [], true)}
            type="datetime-local"
            value={scheduledAt}
            disabled={disabled}
            style={{ width: 240 }}
            onChange={(e) => onScheduledAtChange(e.target.value)}
          />
        </Field>
      ) : null}
      {timing === 'RECURRING' ? (
        <RecurringEditor value={recurrence} onChange={onRecurrenceChange} saveProblems={recurrenceProblems} disabled={disabled} />
      ) : null}
      {timing !== 'RECURRING' ? <FieldErrors errors={Object.values(recurrenceProblems).flat()} /> : null}
    </div>
  );
}

function RecurringEditor({
  value,
  onChange,
  saveProblems,
  disabled,
}: {
  value: RecurrenceDraft;
  onChange: (value: RecurrenceDraft) => void;
  saveProblems: Record<string, readonly string[]>;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const rule = useMemo(() => toRule(value), [value]);
  const key = useMemo(() => JSON.stringify(rule), [rule]);
  const settled = useSettled(rule, key, RECURRENCE_DEBOUNCE_MS);
  const current = settled.key === key;
  const preview = useQuery(PreviewRecurrenceDocument, { variables: { rule: settled.value }, notifyOnNetworkStatusChange: true });
  const info = preview.error ? describeApiError(preview.error) : null;
  const invalid = info?.code === 'BAD_USER_INPUT';
  // The live check's problems for the rule on screen; a save's problems until the rule changes.
  const liveProblems = invalid && current ? placeServerFields(fieldsWithPaths(preview.error), []).recurrence : {};
  const problems: Record<string, readonly string[]> = { ...saveProblems };
  for (const [field, messages] of Object.entries(liveProblems)) problems[field] = [...new Set([...(problems[field] ?? []), ...messages])];
  const result = preview.data?.previewRecurrence ?? (invalid ? null : preview.previousData?.previewRecurrence);
  const loading = preview.loading || !current;
  return (
    <Flex gap="large" wrap align="flex-start">
      <div style={{ flex: '1 1 360px', minWidth: 0 }}>
        <RecurrenceForm value={value} onChange={onChange} problems={problems} disabled={disabled} />
      </div>
      <Card
        size="small"
        style={{ flex: '1 1 260px', maxWidth: 360 }}
        title={
          <Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>
            {t('deliveries.recurrence.preview.title')}
          </Typography.Title>
        }
      >
        <div role="status" aria-live="polite" aria-atomic="true" aria-busy={loading} aria-label={t('deliveries.recurrence.preview.title')}>
          {invalid ? (
            <Alert type="error" showIcon title={t('deliveries.recurrence.preview.invalid')} />
          ) : preview.error ? (
            <ErrorAlert error={preview.error} />
          ) : result ? (
            <Spin spinning={loading} description={t('deliveries.recurrence.preview.loading')}>
              <Typography.Paragraph strong style={{ fontSize: 16, marginBottom: 8 }}>
                {result.summary}
              </Typography.Paragraph>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {t('deliveries.recurrence.preview.next')}
              </Typography.Text>
              {result.next.length === 0 ? (
                <Typography.Paragraph>{t('deliveries.recurrence.preview.none')}</Typography.Paragraph>
              ) : (
                <ol style={{ margin: '4px 0 0', paddingLeft: 22 }}>
                  {result.next.map((instant) => (
                    <li key={instant}>{formatJst(instant)}</li>
                  ))}
                </ol>
              )}
            </Spin>
          ) : (
            <Flex gap="small" align="center">
              <Spin size="small" />
              <Typography.Text>{t('deliveries.recurrence.preview.loading')}</Typography.Text>
            </Flex>
          )}
        </div>
      </Card>
    </Flex>
  );
}
