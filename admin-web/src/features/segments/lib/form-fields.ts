export interface ChoiceField {
  id: string;
  label: string;
  options: Array<{ id: string; label: string }>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The choice questions of a published form definition (JSON from the API), which a form-answer
 * condition can test by option id. Personal answers are stored encrypted and cannot be matched.
 */
export function choiceFieldsOf(definition: unknown): ChoiceField[] {
  if (!isRecord(definition) || !Array.isArray(definition['pages'])) return [];
  const out: ChoiceField[] = [];
  for (const page of definition['pages']) {
    if (!isRecord(page) || !Array.isArray(page['fields'])) continue;
    for (const field of page['fields']) {
      if (!isRecord(field) || field['personal'] === true) continue;
      if (field['type'] !== 'singleChoice' && field['type'] !== 'multipleChoice') continue;
      if (typeof field['id'] !== 'string' || !Array.isArray(field['options'])) continue;
      out.push({
        id: field['id'],
        label: typeof field['label'] === 'string' ? field['label'] : field['id'],
        options: field['options']
          .filter(isRecord)
          .flatMap((o) =>
            typeof o['id'] === 'string' ? [{ id: o['id'], label: typeof o['label'] === 'string' ? o['label'] : o['id'] }] : [],
          ),
      });
    }
  }
  return out;
}
