/**
 * The Teams single sign-on token the portal tab sends: an access token Microsoft Entra ID issued
 * to the signed-in person for the tab's app. Checked as Microsoft documents for Teams tab SSO:
 * the issuer is the person's own tenant, the audience the tab app's Application ID URI (or its
 * client id), the signature one of that tenant's published keys, and it is current. `jose` does
 * the JWT and signature work; the keys of each tenant are fetched as the bot's own are.
 */
import type { JWTPayload } from 'jose' with { 'resolution-mode': 'import' };
import type { TabSignIn } from '../../config/botConfig';
import { SigningKeys, type SigningKeySettings } from './signingKeys';

const ALGORITHMS = ['RS256'];
const CLOCK_SKEW_SECONDS = 5 * 60;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The scope the tab's app exposes for Teams to ask tokens for. */
export const TAB_SCOPE = 'access_as_user';
/** Tenants whose keys are kept at once; the one used least recently makes room. */
const MAX_TENANTS = 200;
/**
 * Tenants not seen before whose keys may be fetched per minute: a stream of tokens naming
 * made-up tenants costs Microsoft a few requests, not one each, and evicts nobody's keys.
 */
const NEW_TENANTS_PER_MINUTE = 20;

/** Where each tenant publishes its keys; `{tenant}` is replaced with its id. */
export const ENTRA_SIGNING_KEYS: SigningKeySettings = {
  metadataUrl: 'https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration',
  fetchTimeoutMs: 4_000,
  maxAgeMs: 24 * 60 * 60 * 1000,
  minFetchIntervalMs: 30_000,
};

export interface TabUser {
  readonly aadObjectId: string;
  readonly name: string;
  readonly tenantId: string;
}

export type TabTokenVerdict =
  | { readonly ok: true; readonly user: TabUser }
  /** `reason` is for the log only. */
  | { readonly ok: false; readonly reason: string };

export type TabTokenCheck = (authorization: string | undefined) => Promise<TabTokenVerdict>;

export async function createTabTokenCheck(
  app: TabSignIn,
  keySettings: SigningKeySettings = ENTRA_SIGNING_KEYS,
): Promise<TabTokenCheck> {
  const { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } = await import('jose');
  const keysByTenant = new Map<string, SigningKeys>();
  const newTenantsAt: number[] = [];
  const keysOf = (tenantId: string): SigningKeys | undefined => {
    let keys = keysByTenant.get(tenantId);
    if (keys) {
      // Most recently used last, so the first is the one to let go.
      keysByTenant.delete(tenantId);
      keysByTenant.set(tenantId, keys);
      return keys;
    }
    const now = Date.now();
    while (newTenantsAt.length > 0 && now - newTenantsAt[0]! > 60_000) newTenantsAt.shift();
    if (newTenantsAt.length >= NEW_TENANTS_PER_MINUTE) return undefined;
    newTenantsAt.push(now);
    if (keysByTenant.size >= MAX_TENANTS) keysByTenant.delete(keysByTenant.keys().next().value!);
    const metadataUrl = keySettings.metadataUrl.replace('{tenant}', tenantId);
    keys = new SigningKeys({ ...keySettings, metadataUrl });
    keysByTenant.set(tenantId, keys);
    return keys;
  };
  const refused = (reason: string): TabTokenVerdict => ({ ok: false, reason });

  return async (authorization) => {
    const token = /^Bearer +(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) return refused(authorization ? 'not a bearer token' : 'no token');
    let header;
    let unverified: JWTPayload;
    try {
      header = decodeProtectedHeader(token);
      unverified = decodeJwt(token);
    } catch {
      return refused('malformed token');
    }
    if (typeof header.alg !== 'string' || !ALGORITHMS.includes(header.alg))
      return refused(`algorithm ${String(header.alg)} not allowed`);
    if (typeof header.kid !== 'string') return refused('token names no key');
    // The tenant decides whose keys are asked for, so it must look like one before any fetch.
    const tenantId = unverified.tid;
    if (typeof tenantId !== 'string' || !GUID.test(tenantId)) return refused('no tenant id');
    const keys = keysOf(tenantId.toLowerCase());
    if (!keys) return refused('too many new tenants this minute');
    try {
      const key = await keys.find(header.kid);
      const { payload } = await jwtVerify(token, createLocalJWKSet({ keys: [key] }), {
        issuer: [
          `https://login.microsoftonline.com/${tenantId}/v2.0`,
          `https://sts.windows.net/${tenantId}/`,
        ],
        audience: [app.appIdUri, app.appId],
        algorithms: ALGORITHMS,
        clockTolerance: CLOCK_SKEW_SECONDS,
        requiredClaims: ['exp', 'oid', 'tid'],
      });
      const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
      if (!scopes.includes(TAB_SCOPE)) return refused(`the token is not for ${TAB_SCOPE}`);
      const oid = payload.oid;
      if (typeof oid !== 'string' || !GUID.test(oid)) return refused('no object id');
      const name = typeof payload.name === 'string' ? payload.name : '';
      return { ok: true, user: { aadObjectId: oid, name, tenantId: tenantId.toLowerCase() } };
    } catch (error) {
      return refused(error instanceof Error ? error.message : String(error));
    }
  };
}
