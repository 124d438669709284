import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiErrorText } from '../lib/api-error-text';
import { describeApiError } from '../lib/graphql-errors';

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
  const { t, i18n } = useTranslation();
  const text = apiErrorText(describeApiError(error), t, i18n.language);
  const sentences = [...text.sentences, ...extraMessages];
  return (
    <Alert
      className={className}
      type="error"
      showIcon
      role="alert"
      title={title ?? text.title}
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
