/** Reading the HTTP status of a failed Cosmos DB call. */
export function cosmosStatus(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'code' in error
    ? Number((error as { code: unknown }).code)
    : undefined;
}

/** Cosmos adds system properties; domain objects keep only their own. */
export function withoutSystemProperties<T>(document: Record<string, unknown>): T {
  const { _rid, _self, _etag, _attachments, _ts, ...own } = document;
  void _rid;
  void _self;
  void _etag;
  void _attachments;
  void _ts;
  return own as T;
}

/** A document as the use cases see it: its own properties, and the version to update it at. */
export function withEtag<T>(document: Record<string, unknown>): T & { etag: string } {
  return { ...withoutSystemProperties<T>(document), etag: String(document._etag) };
}

export const HTTP_NOT_FOUND = 404;
export const HTTP_CONFLICT = 409;
export const HTTP_PRECONDITION_FAILED = 412;
/** An operation of a transactional batch that was not attempted because an earlier one failed. */
export const HTTP_FAILED_DEPENDENCY = 424;

/** Statuses that say "not now": the request may succeed if tried again. */
const TRANSIENT_STATUSES = new Set([408, 429, 449, 500, 502, 503, 504]);
/** Network failures where the request may or may not have reached the database. */
const TRANSIENT_CODES = new Set([
  'TimeoutError',
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
]);

/** Whether a failed Cosmos DB call may be tried again (the outcome of a write is unknown). */
export function isTransientCosmosFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message, name } = error as { code?: unknown; message?: unknown; name?: unknown };
  // Given up at the bot's own deadline (readDeadline): the database did not answer in time.
  if (name === 'AbortError') return true;
  const status = Number(code);
  if (TRANSIENT_STATUSES.has(status)) return true;
  if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
  // The SDK reports a dropped connection as a plain error naming the socket.
  return typeof message === 'string' && /socket hang up|ECONNRESET|EPIPE/.test(message);
}
