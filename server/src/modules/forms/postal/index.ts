export { PostalCodeDirectory } from './postal-code-directory.js';
export type { PostalAddress } from './postal-code-directory.js';
