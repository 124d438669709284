import { useTranslation } from 'react-i18next';
import styles from './status-badge.module.css';

export type SubmissionStatusCode = 'RECEIVED' | 'REVIEWING' | 'RETURNED' | 'COMPLETED' | 'REJECTED';

/** 受付 / 確認中 / 差戻し / 完了 / 却下, in words and colour (never colour alone). */
export function StatusBadge({ status }: { status: SubmissionStatusCode }) {
  const { t } = useTranslation();
  return <span className={[styles.badge, styles[status]].join(' ')}>{t(`forms.status.${status}`)}</span>;
}
