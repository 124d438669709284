/** Normalises a display name for search: NFKC, lower case, katakana as hiragana, no spaces. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))
    .replace(/\s+/g, '');
}

/** Every character and every pair of neighbouring characters (deduplicated). */
export function nameTokens(name: string): string[] {
  const chars = [...normaliseName(name)];
  const tokens = new Set<string>(chars.map((c) => `1:${c}`));
  for (let i = 0; i + 1 < chars.length; i++) tokens.add(`2:${chars[i]}${chars[i + 1]}`);
  return [...tokens];
}

/** The tokens a query must all match: pairs when it has two characters or more. */
export function queryTokens(query: string): string[] {
  const chars = [...normaliseName(query)];
  if (chars.length === 0) return [];
  if (chars.length === 1) return [`1:${chars[0]}`];
  const tokens = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) tokens.add(`2:${chars[i]}${chars[i + 1]}`);
  return [...tokens];
}
