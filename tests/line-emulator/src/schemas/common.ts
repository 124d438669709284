import { z } from 'zod';

// Building blocks whose error messages follow LINE's wording ("May not be empty",
// "Length must be between 0 and 5000", "Size must be between 1 and 5"), so the emulator's error
// details read like the real platform's.

export const MAY_NOT_BE_EMPTY = 'May not be empty';

const requiredOr = (other: string) => (issue: { input?: unknown }) => (issue.input === undefined ? MAY_NOT_BE_EMPTY : other);

/**
 * How LINE counts a text's length (docs/messaging-api/text-character-count): in UTF-16 code units
 * (🍎 is two), except action labels, postback and message action texts, template titles and texts
 * and rich menu names, which it counts in grapheme clusters (🇯🇵 is one).
 */
export type LengthUnit = 'utf16' | 'graphemes';

const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export function lineLength(value: string, unit: LengthUnit): number {
  if (unit === 'utf16') return value.length;
  return Array.from(graphemeSegmenter.segment(value)).length;
}

/**
 * A required string whose length, counted as LINE counts it, is between min and max. Refinements,
 * not zod's min/max: those count code points, so 2,501 emoji would pass a 5,000 limit.
 */
export function lineString(min: number, max: number, unit: LengthUnit = 'utf16') {
  const lengthMessage = `Length must be between ${min} and ${max}`;
  return z
    .string({ error: requiredOr('Must be a string') })
    .refine((value) => lineLength(value, unit) >= min, { error: min === 1 ? MAY_NOT_BE_EMPTY : lengthMessage })
    .refine((value) => lineLength(value, unit) <= max, { error: lengthMessage });
}

/** A required array whose size is between min and max. */
export function lineArray<T extends z.ZodType>(item: T, min: number, max: number) {
  const sizeMessage = `Size must be between ${min} and ${max}`;
  return z
    .array(item, { error: requiredOr('Must be an array') })
    .min(min, { error: sizeMessage })
    .max(max, { error: sizeMessage });
}

export function lineInteger(min: number, max: number) {
  const rangeMessage = `Must be between ${min} and ${max}`;
  return z
    .number({ error: requiredOr('Must be a number') })
    .int({ error: 'Must be an integer' })
    .min(min, { error: rangeMessage })
    .max(max, { error: rangeMessage });
}

export const lineNumber = z.number({ error: requiredOr('Must be a number') });
export const lineBoolean = z.boolean({ error: requiredOr('Must be a boolean') });

/** An https URL of at most maxLength characters (LINE's media and icon URLs must be HTTPS). */
export function httpsUrl(maxLength: number) {
  return lineString(1, maxLength).refine(
    (value) => {
      try {
        return new URL(value).protocol === 'https:';
      } catch {
        return false;
      }
    },
    { error: 'Must be a valid HTTPS URL' },
  );
}

/** URIs accepted by URI actions: http, https, line and tel schemes. */
export function actionUri(maxLength: number) {
  return lineString(1, maxLength).refine(
    (value) => {
      try {
        return ['http:', 'https:', 'line:', 'tel:'].includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { error: 'Must be a valid URI with the http, https, line or tel scheme' },
  );
}

export const USER_ID = z.string({ error: requiredOr('Must be a string') }).regex(/^U[0-9a-f]{32}$/, { error: 'Invalid user ID' });

export const CUSTOM_AGGREGATION_UNIT = z.string().regex(/^[a-zA-Z0-9_]{1,30}$/, {
  error: 'Must consist of 1 to 30 characters among a-z, A-Z, 0-9 and _',
});

/** A discriminated union whose failure for an unknown discriminator reads like LINE's. */
export function unknownTypeMessage(kind: string) {
  return (issue: { input?: unknown }) =>
    issue.input === undefined ? MAY_NOT_BE_EMPTY : `The ${kind} type is invalid or not supported by the emulator`;
}
