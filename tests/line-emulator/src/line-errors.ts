import type { Response } from 'express';
import type { z } from 'zod';

/** LINE's ErrorDetail (messaging-api.yml components.schemas.ErrorDetail). */
export interface LineErrorDetail {
  message: string;
  property: string;
}

/** LINE's ErrorResponse (messaging-api.yml components.schemas.ErrorResponse). */
export interface LineErrorBody {
  message: string;
  details?: LineErrorDetail[];
  sentMessages?: { id: string; quoteToken?: string }[];
}

// LINE tells a missing Authorization header (or one without the Bearer scheme) from a token it does
// not know; its reference only says 401 "Valid channel access token is not specified". Both messages
// are what api.line.me answers (e.g. invokable/laravel-line-sdk#9 quotes the first for a push).
export const AUTHORIZATION_HEADER_REQUIRED =
  "Authorization header required. Must follow the scheme, 'Authorization: Bearer <ACCESS TOKEN>'";
export const AUTHENTICATION_FAILED = 'Authentication failed. Confirm that the access token in the authorization header is valid.';

/**
 * 413 for a request body over MAX_REQUEST_BODY_BYTES. LINE documents the status, not a body: as in
 * its 429 ("Too Many Requests"), the message is the status text.
 */
export const PAYLOAD_TOO_LARGE: LineErrorBody = { message: 'Payload Too Large' };

/** Turns a zod path such as ['messages', 0, 'text'] into LINE's property notation "messages[0].text". */
export function propertyPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

/** Error details from a failed zod parse, one per issue, in LINE's wording where the schema did not give one. */
export function detailsFromZod(error: z.ZodError): LineErrorDetail[] {
  const details: LineErrorDetail[] = [];
  for (const issue of error.issues) {
    // A union that failed on every branch reports the branches' own issues: surface the closest ones.
    if (issue.code === 'invalid_union' && 'errors' in issue && Array.isArray(issue.errors) && issue.errors.length > 0) {
      const branch = issue.errors.reduce((best, current) => (current.length < best.length ? current : best));
      for (const inner of branch) details.push({ message: inner.message, property: propertyPath([...issue.path, ...inner.path]) });
      continue;
    }
    details.push({ message: issue.message, property: propertyPath(issue.path) });
  }
  return details;
}

export function requestBodyErrors(details: LineErrorDetail[]): LineErrorBody {
  return { message: `The request body has ${details.length} error(s)`, details };
}

export function sendLineError(res: Response, status: number, body: LineErrorBody): void {
  res.status(status).json(body);
}
