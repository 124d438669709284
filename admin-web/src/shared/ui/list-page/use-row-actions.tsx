import { App } from 'antd';
import { useCallback, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../error-alert';

export interface RowActions {
  /** Runs a row's action (a mutation); says `done` when it worked, keeps the error for `alert` when not. */
  run: (action: () => Promise<unknown>, done?: string) => Promise<void>;
  /**
   * Asks before an action that removes or stops something (a danger button, 「削除」 unless
   * `okText` says otherwise), then runs it as `run` does; the dialog stays open while it runs.
   */
  confirm: (ask: ConfirmAsk, action: () => Promise<unknown>, done?: string) => void;
  /** The last action's error, closable; null when the last action worked. */
  alert: (className?: string) => ReactNode;
}

export interface ConfirmAsk {
  title: string;
  content?: ReactNode;
  /** The button that goes ahead; 「削除」 when absent. */
  okText?: string;
}

export function useRowActions(): RowActions {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [error, setError] = useState<unknown>(null);

  const run = useCallback(
    async (action: () => Promise<unknown>, done?: string) => {
      setError(null);
      try {
        await action();
        if (done) void message.success(done);
      } catch (e) {
        setError(e);
      }
    },
    [message],
  );

  const confirm = (ask: ConfirmAsk, action: () => Promise<unknown>, done?: string) => {
    void modal.confirm({
      title: ask.title,
      content: ask.content,
      okText: ask.okText ?? t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => run(action, done),
    });
  };

  const alert = (className?: string) =>
    error ? (
      <ErrorAlert
        className={className}
        error={error}
        onClose={() => {
          setError(null);
        }}
      />
    ) : null;

  return { run, confirm, alert };
}
