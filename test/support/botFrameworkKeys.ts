/**
 * A loopback stand-in for the Bot Framework's OpenID metadata and signing keys, and tokens
 * signed (or forged) the way the Bot Connector's look. The stand-in can also be refusing (a
 * port nothing listens on) or silent (it accepts connections and never answers).
 */
import {
  createHmac,
  createSign,
  generateKeyPairSync,
  randomUUID,
  type KeyObject,
} from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { freePort } from './freePort';

export const TEST_APP_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';

export interface TestSigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

export function newSigningKey(): TestSigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid: `test-${randomUUID()}`, privateKey, publicKey };
}

export interface KeyServer {
  /** Where the bot reads the OpenID metadata document. */
  readonly metadataUrl: string;
  /** How many requests reached the stand-in. */
  readonly requests: () => number;
  close(): Promise<void>;
}

/** Serves the metadata document and a key set holding `key`, endorsed for msteams. */
export async function startKeyServer(key: TestSigningKey): Promise<KeyServer> {
  let requests = 0;
  const server: Server = createServer((req, res) => {
    requests++;
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.setHeader('content-type', 'application/json');
    if (req.url === '/v1/.well-known/openidconfiguration') {
      res.end(JSON.stringify({ issuer: BOT_FRAMEWORK_ISSUER, jwks_uri: `${base}/v1/keys` }));
    } else if (req.url === '/v1/keys') {
      const jwk = key.publicKey.export({ format: 'jwk' });
      res.end(
        JSON.stringify({
          keys: [{ ...jwk, kid: key.kid, use: 'sig', endorsements: ['msteams', 'webchat'] }],
        }),
      );
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    metadataUrl: `http://127.0.0.1:${port}/v1/.well-known/openidconfiguration`,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A metadata URL on a port where nothing listens: every connection is refused. */
export async function refusingMetadataUrl(): Promise<string> {
  return `http://127.0.0.1:${await freePort()}/v1/.well-known/openidconfiguration`;
}

/** Accepts every connection and never answers. */
export async function startSilentServer(): Promise<KeyServer> {
  const sockets = new Set<Socket>();
  let requests = 0;
  const server = createTcpServer((socket) => {
    requests++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    metadataUrl: `http://127.0.0.1:${port}/v1/.well-known/openidconfiguration`,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The claims of a Bot Connector token for the test bot, valid for the next hour. */
export function connectorClaims(serviceUrl: string): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: BOT_FRAMEWORK_ISSUER,
    aud: TEST_APP_ID,
    serviceurl: serviceUrl,
    nbf: now - 60,
    iat: now - 60,
    exp: now + 3600,
  };
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/** An RS256 token signed with `signWith` (by default the key the header names). */
export function rs256Token(
  key: TestSigningKey,
  claims: Record<string, unknown>,
  signWith: KeyObject = key.privateKey,
): string {
  const signingInput = `${base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: key.kid }))}.${base64url(JSON.stringify(claims))}`;
  const signature = createSign('RSA-SHA256').update(signingInput).sign(signWith);
  return `${signingInput}.${base64url(signature)}`;
}

/** The classic forgery: "none" as the algorithm, and no signature. */
export function unsignedToken(key: TestSigningKey, claims: Record<string, unknown>): string {
  return `${base64url(JSON.stringify({ alg: 'none', typ: 'JWT', kid: key.kid }))}.${base64url(JSON.stringify(claims))}.`;
}

/** The other classic forgery: HS256 with the published public key as the HMAC secret. */
export function hmacWithPublicKeyToken(
  key: TestSigningKey,
  claims: Record<string, unknown>,
): string {
  const signingInput = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: key.kid }))}.${base64url(JSON.stringify(claims))}`;
  const secret = key.publicKey.export({ format: 'pem', type: 'spki' });
  const signature = createHmac('sha256', secret).update(signingInput).digest();
  return `${signingInput}.${base64url(signature)}`;
}
