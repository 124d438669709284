import { Alert, Checkbox, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FieldErrors } from './field';

const ID = 'delivery-record-engagement';

/**
 * 「反応を記録する」 (docs/adr/0016): real runs send the links through the LIFF app, which records who
 * opens them, for the segment condition 配信への反応. What it costs and that it is personal data are
 * said beside it. Impossible without a LIFF app: then disabled with the reason, unless a saved tick
 * is to be taken off.
 */
export function EngagementOption({
  checked,
  onChange,
  canRecord,
  hasLinks,
  problems,
  disabled,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** Whether the server can send links through a LIFF app; null while it is being asked. */
  canRecord: boolean | null;
  /** Whether the messages have a link to record; null when they cannot be read yet. */
  hasLinks: boolean | null;
  problems: readonly string[];
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const unavailable = canRecord === false;
  const notice = canRecord === null ? 'checking' : unavailable ? (checked ? 'unavailableSaved' : 'unavailable') : null;
  const described = [`${ID}-help`, notice ? `${ID}-reason` : null, `${ID}-errors`].filter(Boolean).join(' ');
  return (
    <Flex vertical gap={8}>
      <Checkbox
        id={ID}
        checked={checked}
        // A saved tick can always be taken off; a new one needs a LIFF app.
        disabled={disabled || (!checked && canRecord !== true)}
        aria-describedby={described}
        aria-invalid={problems.length > 0 ? true : undefined}
        onChange={(e) => onChange(e.target.checked)}
      >
        {t('deliveries.engagement.label')}
      </Checkbox>
      <div id={`${ID}-help`}>
        <Typography.Paragraph type="secondary" style={{ fontSize: 13, margin: 0 }}>
          {t('deliveries.engagement.help')}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary" style={{ fontSize: 13, margin: 0 }}>
          {t('deliveries.engagement.personal')}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary" style={{ fontSize: 13, margin: 0 }}>
          {t('deliveries.engagement.cost')}
        </Typography.Paragraph>
      </div>
      {notice ? (
        <div id={`${ID}-reason`}>
          {notice === 'checking' ? (
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {t('deliveries.engagement.checking')}
            </Typography.Text>
          ) : (
            <Alert type={notice === 'unavailableSaved' ? 'warning' : 'info'} showIcon title={t(`deliveries.engagement.${notice}`)} />
          )}
        </div>
      ) : null}
      {checked && canRecord && hasLinks === false ? <Alert type="warning" showIcon title={t('deliveries.engagement.noLinks')} /> : null}
      <FieldErrors id={`${ID}-errors`} errors={problems} />
    </Flex>
  );
}
