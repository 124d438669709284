/**
 * The messages module's public surface: composing LINE messages (validation against LINE's limits
 * with Japanese problems per path, substitution, Flex templates, link cards) and finding and
 * rewriting their links for click tracking. Deliveries (and later any feature that sends) use it.
 */
export * from './compose/index.js';
