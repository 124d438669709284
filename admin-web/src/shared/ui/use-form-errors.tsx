import { useCallback, useState } from 'react';
import type { ReactNode } from 'react';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { localiseFieldMessages } from '../lib/api-error-text';
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
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<{ error: unknown; extraMessages: string[] } | null>(null);

  const handle = useCallback(
    (error: unknown) => {
      const info = describeApiError(error);
      // The field messages in the console's language where they are generic ones (too long, ...).
      const fields = localiseFieldMessages(info.fields, t, i18n.language);
      const outcome = formErrorOutcome({ ...info, fields }, formFieldNames, aliases);
      if (outcome.formErrors.length > 0) form.setFields(outcome.formErrors);
      setState(outcome.showAlert ? { error, extraMessages: outcome.extraMessages } : null);
    },
    [form, formFieldNames, aliases, t, i18n.language],
  );

  const clear = useCallback(() => {
    setState(null);
  }, []);

  const alert = state ? (
    <ErrorAlert className="form-alert" error={state.error} extraMessages={state.extraMessages} onClose={clear} title={options.title} />
  ) : null;

  return { handle, clear, alert };
}
