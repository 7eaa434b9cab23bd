/**
 * The keys the Bot Framework signs its tokens with, as its OpenID metadata document publishes
 * them (metadata, then its jwks_uri). One fetch at a time, shared by every request waiting for
 * it, and bounded by a deadline: an unreachable, refusing or silent key server costs a request
 * at most `fetchTimeoutMs`. After any fetch, the next waits `minFetchIntervalMs`, so an outage
 * or a stream of tokens with made-up key ids cannot make the bot hammer Microsoft's endpoint.
 * Keys that could not be refreshed stay in use until new ones arrive.
 */
import { z } from 'zod';

export interface SigningKeySettings {
  /** The OpenID metadata document. Only tests pass another one (a loopback stand-in). */
  readonly metadataUrl: string;
  /** The whole fetch, metadata and keys together. */
  readonly fetchTimeoutMs: number;
  /** How long fetched keys are used before they are fetched again. */
  readonly maxAgeMs: number;
  readonly minFetchIntervalMs: number;
}

export const BOT_FRAMEWORK_SIGNING_KEYS: SigningKeySettings = {
  metadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  fetchTimeoutMs: 5_000,
  // Microsoft says the list is stable and may be cached for long; botbuilder keeps it a day.
  maxAgeMs: 24 * 60 * 60 * 1000,
  minFetchIntervalMs: 30_000,
};

const metadataSchema = z.object({ jwks_uri: z.string().url() });

const publishedKeySchema = z
  .object({
    kid: z.string(),
    kty: z.string(),
    /** The channels (msteams, ...) this key may sign tokens for. */
    endorsements: z.array(z.string()).optional(),
  })
  .passthrough();

const keySetSchema = z.object({ keys: z.array(publishedKeySchema) });

export type PublishedKey = z.infer<typeof publishedKeySchema>;

export class SigningKeys {
  private keys: readonly PublishedKey[] = [];
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private attemptedAt = Number.NEGATIVE_INFINITY;
  private lastFailure = 'not fetched yet';
  private fetching: Promise<void> | undefined;

  constructor(
    private readonly settings: SigningKeySettings,
    private readonly now: () => number = Date.now,
  ) {}

  /** The published key with this id; throws, saying why, when there is none to be had. */
  async find(kid: string): Promise<PublishedKey> {
    const stale = this.now() - this.fetchedAt > this.settings.maxAgeMs;
    if (stale || !this.keys.some((key) => key.kid === kid)) await this.refresh();
    const key = this.keys.find((k) => k.kid === kid);
    if (key) return key;
    throw new Error(
      this.keys.length === 0
        ? `no signing keys (${this.lastFailure})`
        : 'no published signing key has the token kid',
    );
  }

  private refresh(): Promise<void> {
    if (this.fetching) return this.fetching;
    if (this.now() - this.attemptedAt < this.settings.minFetchIntervalMs) return Promise.resolve();
    this.attemptedAt = this.now();
    this.fetching = this.fetchKeys()
      .then(
        (keys) => {
          this.keys = keys;
          this.fetchedAt = this.now();
          this.lastFailure = 'the published key set is empty';
        },
        (error: unknown) => {
          this.lastFailure = `fetching them failed: ${describe(error)}`;
        },
      )
      .finally(() => (this.fetching = undefined));
    return this.fetching;
  }

  private async fetchKeys(): Promise<PublishedKey[]> {
    const deadline = AbortSignal.timeout(this.settings.fetchTimeoutMs);
    const metadata = metadataSchema.parse(await fetchJson(this.settings.metadataUrl, deadline));
    return keySetSchema.parse(await fetchJson(metadata.jwks_uri, deadline)).keys;
  }
}

async function fetchJson(url: string, signal: AbortSignal): Promise<unknown> {
  const response = await fetch(url, { signal, headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}

function describe(error: unknown): string {
  if (error instanceof z.ZodError) return 'a document is not what the OpenID metadata promises';
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError') return 'no answer in time';
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === 'string' ? `${error.message} (${cause.code})` : error.message;
}
