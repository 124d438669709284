import type { FormDefinition, FormField } from '@machi/form-engine';

export function allFieldsOf(definition: FormDefinition): FormField[] {
  return definition.pages.flatMap((p) => p.fields);
}
