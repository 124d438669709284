import type { ReactNode } from 'react';

export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; href: string; text: string };

// Trailing punctuation (Japanese and ASCII) ends a URL: 「詳しくは https://example.jp/ をご覧ください。」
const URL_PATTERN = /https?:\/\/[^\s<>"'「」『』（）()、。！？]+/g;
const TRAILING = /[.,;:!?]+$/;

/** Splits plain text (staff wrote it; never HTML) into text and http(s) links. */
export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0].replace(TRAILING, '');
    const start = match.index;
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'link', href: url, text: url });
    last = start + url.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

/** Text with its URLs as links that open outside the form, so answers on the page are not lost. */
export function LinkifiedText({ text }: { text: string }): ReactNode {
  return splitLinks(text).map((part, i) =>
    part.kind === 'link' ? (
      <a key={i} href={part.href} target="_blank" rel="noopener noreferrer">
        {part.text}
      </a>
    ) : (
      part.text
    ),
  );
}
