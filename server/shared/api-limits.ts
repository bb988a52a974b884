/**
 * Limits the API and the browser's tRPC client agree on. The browser batches a page's few queries
 * into one request; a request may not carry more calls than this (one request provisioning hundreds
 * of projects was possible before).
 */
export const MAX_BATCH_SIZE = 10;
