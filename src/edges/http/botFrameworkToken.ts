/**
 * The bearer token the Bot Framework puts on every request to the bot, checked by the rules of
 * Microsoft's "Authentication with the Bot Connector API": issued by api.botframework.com for
 * this bot's app id, valid now (5 minutes of clock skew), signed with a key of the OpenID
 * metadata document; and, once the activity is read, endorsed for its channel and issued for
 * its service URL. `jose` does the JWT and signature work.
 *
 * The header is checked before the body is read; the activity-dependent rules after.
 */
import type { JWTPayload } from 'jose' with { 'resolution-mode': 'import' };
import { SigningKeys, type SigningKeySettings } from './signingKeys';

const ISSUER = 'https://api.botframework.com';
/** What botbuilder accepts for channel tokens; "none" and HMAC never. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512'];
const CLOCK_SKEW_SECONDS = 5 * 60;

export interface VerifiedToken {
  readonly claims: Readonly<JWTPayload>;
  /** The channels the signing key may sign for; undefined when the key names none. */
  readonly endorsements: readonly string[] | undefined;
}

export interface Refusal {
  readonly status: 401 | 403;
  /** For the log only: never sent to the caller. */
  readonly reason: string;
}

export type TokenVerdict =
  | { readonly ok: true; readonly token: VerifiedToken }
  | { readonly ok: false; readonly refusal: Refusal };

export interface BotFrameworkTokenCheck {
  /** The Authorization header alone: a signed, current token for this bot. */
  verifyHeader(authorization: string | undefined): Promise<TokenVerdict>;
  /** The token covers this activity: its channel is endorsed and its service URL signed. */
  refusalForActivity(
    token: VerifiedToken,
    activity: { readonly channelId: string; readonly serviceUrl: string },
  ): Refusal | undefined;
}

export async function createBotFrameworkTokenCheck(
  appId: string,
  keySettings: SigningKeySettings,
): Promise<BotFrameworkTokenCheck> {
  // jose is an ES module; this CommonJS build can only load it with import().
  const { createLocalJWKSet, decodeProtectedHeader, jwtVerify } = await import('jose');
  const keys = new SigningKeys(keySettings);
  const unauthorized = (reason: string): TokenVerdict => ({
    ok: false,
    refusal: { status: 401, reason },
  });

  return {
    async verifyHeader(authorization) {
      const token = /^Bearer +(\S+)$/i.exec(authorization ?? '')?.[1];
      if (!token) return unauthorized(authorization ? 'not a bearer token' : 'no token');
      let header;
      try {
        header = decodeProtectedHeader(token);
      } catch {
        return unauthorized('malformed token');
      }
      // Before any key lookup, so forged algorithms and key ids cost no fetch.
      if (typeof header.alg !== 'string' || !ALGORITHMS.includes(header.alg))
        return unauthorized(`algorithm ${String(header.alg)} not allowed`);
      if (typeof header.kid !== 'string') return unauthorized('token names no key');
      try {
        const key = await keys.find(header.kid);
        const { payload } = await jwtVerify(token, createLocalJWKSet({ keys: [key] }), {
          issuer: ISSUER,
          audience: appId,
          algorithms: ALGORITHMS,
          clockTolerance: CLOCK_SKEW_SECONDS,
          requiredClaims: ['exp'],
        });
        return { ok: true, token: { claims: payload, endorsements: key.endorsements } };
      } catch (error) {
        return unauthorized(error instanceof Error ? error.message : String(error));
      }
    },

    refusalForActivity(token, activity) {
      // As botbuilder: a key must name the channels it may sign for, and this one among them.
      if (!token.endorsements?.includes(activity.channelId))
        return { status: 403, reason: `signing key not endorsed for ${activity.channelId}` };
      if (token.claims.serviceurl !== activity.serviceUrl)
        return { status: 403, reason: 'serviceurl claim does not match the activity' };
      return undefined;
    },
  };
}
