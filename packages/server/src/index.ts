/**
 * @kyoyaku/server: the HTTP API and web viewer.
 *
 * @module
 */
export {};
