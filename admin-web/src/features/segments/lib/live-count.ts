/** How long the tree must stay unchanged before it is counted (each count is rate limited). */
export const COUNT_DEBOUNCE_MS = 600;
