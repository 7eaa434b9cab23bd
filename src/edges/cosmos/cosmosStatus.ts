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
