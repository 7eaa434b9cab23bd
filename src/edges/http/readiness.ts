/**
 * /readyz asks the database at most once every few seconds, however often it is called:
 * the health check is public, and each check is a request to Cosmos DB.
 */
export const CHECK_EVERY_MS = 5_000;

export function readiness(
  check: () => Promise<boolean>,
  everyMs = CHECK_EVERY_MS,
  now: () => number = Date.now,
): () => Promise<boolean> {
  let last: { at: number; ready: Promise<boolean> } | undefined;
  return () => {
    if (!last || now() - last.at >= everyMs) {
      last = { at: now(), ready: check().catch(() => false) };
    }
    return last.ready;
  };
}
