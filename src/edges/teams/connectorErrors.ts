/** Bot Framework connector calls: how long one may take, and what a failed one said. */

/** Every connector call answers within this, or fails as a network error to retry. */
export const CONNECTOR_TIMEOUT_MS = 4_000;

export function statusOf(error: unknown): number | undefined {
  const e = error as { statusCode?: unknown; status?: unknown; response?: { status?: unknown } };
  const status = Number(e?.statusCode ?? e?.status ?? e?.response?.status);
  return Number.isInteger(status) && status > 0 ? status : undefined;
}

export function retryAfterOf(error: unknown): number | undefined {
  const headers = (
    error as { response?: { headers?: { get?: (name: string) => string | undefined } } }
  )?.response?.headers;
  const value = headers?.get?.('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
