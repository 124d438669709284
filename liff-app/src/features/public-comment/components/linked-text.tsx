import { splitLinks } from '../lib/format';

/** Staff's plain text with its addresses as links that open beside the page. */
export function LinkedText({ text }: { text: string }) {
  return splitLinks(text).map((part, i) =>
    part.kind === 'link' ? (
      <a key={i} href={part.href} target="_blank" rel="noopener noreferrer">
        {part.href}
      </a>
    ) : (
      <span key={i}>{part.text}</span>
    ),
  );
}
