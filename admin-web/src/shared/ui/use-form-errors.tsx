import { useCallback, useState } from 'react';
import type { ReactNode } from 'react';
import type { FormInstance } from 'antd';
import { formErrorOutcome } from '../lib/form-errors';
import { describeApiError } from '../lib/graphql-errors';
import { ErrorAlert } from './error-alert';

export interface FormErrors {
  /** Puts an API error's field messages beside the fields, and the rest in `alert`. */
  handle: (error: unknown) => void;
  clear: () => void;
  alert: ReactNode;
}

export function useFormErrors(
  form: FormInstance,
  formFieldNames: readonly string[],
  aliases?: Readonly<Record<string, string>>,
  options: { title?: string } = {},
): FormErrors {
  const [state, setState] = useState<{ error: unknown; extraMessages: string[] } | null>(null);

  const handle = useCallback(
    (error: unknown) => {
      const outcome = formErrorOutcome(describeApiError(error), formFieldNames, aliases);
      if (outcome.formErrors.length > 0) form.setFields(outcome.formErrors);
      setState(outcome.showAlert ? { error, extraMessages: outcome.extraMessages } : null);
    },
    [form, formFieldNames, aliases],
  );

  const clear = useCallback(() => {
    setState(null);
  }, []);

  const alert = state ? (
    <ErrorAlert className="form-alert" error={state.error} extraMessages={state.extraMessages} onClose={clear} title={options.title} />
  ) : null;

  return { handle, clear, alert };
}
