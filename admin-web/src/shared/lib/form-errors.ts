import type { ApiErrorInfo } from './graphql-errors';

export interface FormFieldError {
  name: string;
  errors: string[];
}

export interface SplitFieldErrors {
  /** Messages for fields the form shows, ready for antd `form.setFields`. */
  formErrors: FormFieldError[];
  /** Messages for input fields the form does not have; shown in the form's alert instead. */
  unmatched: string[];
}

/**
 * Splits BAD_USER_INPUT's per-field messages between the form's own fields and the rest.
 * `aliases` maps an input field name to the form field that edits it (e.g. roleIds → roles).
 */
export function splitFieldErrors(
  fields: Record<string, string>,
  formFieldNames: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): SplitFieldErrors {
  const known = new Set(formFieldNames);
  const formErrors: FormFieldError[] = [];
  const unmatched: string[] = [];
  for (const [inputName, message] of Object.entries(fields)) {
    const name = aliases[inputName] ?? inputName;
    if (known.has(name)) formErrors.push({ name, errors: [message] });
    else unmatched.push(message);
  }
  return { formErrors, unmatched };
}

export interface FormErrorOutcome {
  formErrors: FormFieldError[];
  /** Whether the form still needs an alert: anything but a fully field-mapped BAD_USER_INPUT. */
  showAlert: boolean;
  extraMessages: string[];
}

/** Decides where each part of an API error goes in a form: beside the fields, or in the alert. */
export function formErrorOutcome(
  info: ApiErrorInfo,
  formFieldNames: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): FormErrorOutcome {
  if (info.code !== 'BAD_USER_INPUT') return { formErrors: [], showAlert: true, extraMessages: [] };
  const { formErrors, unmatched } = splitFieldErrors(info.fields, formFieldNames, aliases);
  return {
    formErrors,
    showAlert: formErrors.length === 0 || unmatched.length > 0,
    extraMessages: unmatched,
  };
}
