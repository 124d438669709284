import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { describeApiError, isKnownReason } from '../lib/graphql-errors';
import type { ApiErrorInfo } from '../lib/graphql-errors';

export function errorTitle(info: ApiErrorInfo, t: TFunction): string {
  if (info.kind === 'network') return t('errors.titles.NETWORK');
  if (info.code === null) return t('errors.titles.UNKNOWN');
  return t(`errors.titles.${info.code}`);
}

/** The sentences that explain an error: the server's own message, then our hint for its reason. */
export function errorSentences(info: ApiErrorInfo, t: TFunction): string[] {
  if (info.kind === 'network') return [t('errors.network')];
  if (info.kind === 'unknown') return [t('errors.unknown')];
  const sentences = [info.message ?? t('errors.unknown')];
  if (isKnownReason(info.reason)) {
    const hint = t(`errors.reasons.${info.reason}`);
    if (!sentences.includes(hint)) sentences.push(hint);
  }
  return sentences;
}

export interface ErrorAlertProps {
  error: unknown;
  onRetry?: () => void;
  /** Further messages to list, e.g. per-field messages a form could not place. */
  extraMessages?: readonly string[];
  onClose?: () => void;
  className?: string;
  /** Replaces the title derived from the error code, where the context says more (e.g. login). */
  title?: string;
}

/** An error explained in the UI's language; `role="alert"` so screen readers announce it. */
export function ErrorAlert({ error, onRetry, extraMessages = [], onClose, className, title }: ErrorAlertProps) {
  const { t } = useTranslation();
  const info = describeApiError(error);
  const sentences = [...errorSentences(info, t), ...extraMessages];
  return (
    <Alert
      className={className}
      type="error"
      showIcon
      role="alert"
      title={title ?? errorTitle(info, t)}
      description={
        sentences.length === 1 ? (
          sentences[0]
        ) : (
          <ul className="error-list">
            {sentences.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        )
      }
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
      closable={onClose ? { onClose, 'aria-label': t('common.close') } : false}
    />
  );
}
