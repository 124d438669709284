import { App } from 'antd';
import { useCallback, useState } from 'react';
import type { ReactNode } from 'react';
import { ErrorAlert } from '../error-alert';

export interface RowActions {
  /** Runs a row's action (a mutation); says `done` when it worked, keeps the error for `alert` when not. */
  run: (action: () => Promise<unknown>, done?: string) => Promise<void>;
  /** The last action's error, closable; null when the last action worked. */
  alert: (className?: string) => ReactNode;
}

export function useRowActions(): RowActions {
  const { message } = App.useApp();
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

  return { run, alert };
}
