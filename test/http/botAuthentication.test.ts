import assert from 'node:assert/strict';
import { captureLog } from '../support/logCapture';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningApp } from '../../src/app';
import {
  connectorClaims,
  hmacWithPublicKeyToken,
  newSigningKey,
  refusingMetadataUrl,
  rs256Token,
  startKeyServer,
  startSilentServer,
  TEST_APP_ID,
  unsignedToken,
  type KeyServer,
  type TestSigningKey,
} from '../support/botFrameworkKeys';
import { startConnectorSink, type ConnectorSink } from '../support/connectorSink';
import { personalActivity, postJson, postRaw, refreshListInvoke } from '../support/httpRequests';
import { startTestApp } from '../support/startTestApp';

const WITH_APP_ID = { MICROSOFT_APP_ID: TEST_APP_ID, MICROSOFT_APP_PASSWORD: 'test-secret' };
const UNAUTHORIZED = { status: 401, body: { error: 'unauthorized' } };
const FORBIDDEN = { status: 403, body: { error: 'forbidden' } };
const minutes = (n: number) => n * 60;

/** The app with an app id, reading its signing keys from `metadataUrl` with short deadlines. */
function startAuthenticatedApp(metadataUrl: string): Promise<RunningApp> {
  return startTestApp(WITH_APP_ID, {
    signingKeys: { metadataUrl, fetchTimeoutMs: 300, minFetchIntervalMs: 0 },
  });
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('Bot Framework tokens on /api/messages (app id set, loopback signing keys)', () => {
  let connector: ConnectorSink;
  let key: TestSigningKey;

  before(async () => {
    connector = await startConnectorSink();
    key = newSigningKey();
  });
  after(() => connector.close());

  describe('with the signing keys reachable', () => {
    let keys: KeyServer;
    let app: RunningApp;

    before(async () => {
      keys = await startKeyServer(key);
      app = await startAuthenticatedApp(keys.metadataUrl);
    });
    after(async () => {
      await app.close();
      await keys.close();
    });

    const claims = () => connectorClaims(connector.serviceUrl);
    const send = (headers: Record<string, string>) =>
      postJson(app.url, refreshListInvoke(connector.serviceUrl), headers);

    it('accepts a token signed with a published key, and runs the turn', async () => {
      const answer = await send(bearer(rs256Token(key, claims())));
      assert.equal(answer.status, 200);
      assert.match(JSON.stringify(answer.body), /application\/vnd\.microsoft\.card\.adaptive/);
    });

    it('accepts a token that expired within the 5 minutes of clock skew', async () => {
      const now = Math.floor(Date.now() / 1000);
      const token = rs256Token(key, { ...claims(), exp: now - minutes(2) });
      assert.equal((await send(bearer(token))).status, 200);
    });

    const forgeries: [string, () => Record<string, string>, typeof UNAUTHORIZED][] = [
      ['no Authorization header', () => ({}), UNAUTHORIZED],
      ['a scheme other than Bearer', () => ({ authorization: 'Basic dXNlcjpwYXNz' }), UNAUTHORIZED],
      ['garbage for a token', () => bearer('not.a.token'), UNAUTHORIZED],
      [
        'a signature by another key under the published key id',
        () => bearer(rs256Token(key, claims(), newSigningKey().privateKey)),
        UNAUTHORIZED,
      ],
      [
        'a key id nobody published',
        () => bearer(rs256Token(newSigningKey(), claims())),
        UNAUTHORIZED,
      ],
      ['alg "none" and no signature', () => bearer(unsignedToken(key, claims())), UNAUTHORIZED],
      [
        'HS256 with the public key as the secret',
        () => bearer(hmacWithPublicKeyToken(key, claims())),
        UNAUTHORIZED,
      ],
      [
        'an expiry past the clock skew',
        () => {
          const now = Math.floor(Date.now() / 1000);
          return bearer(rs256Token(key, { ...claims(), exp: now - minutes(10) }));
        },
        UNAUTHORIZED,
      ],
      [
        'no expiry at all',
        () => bearer(rs256Token(key, { ...claims(), exp: undefined })),
        UNAUTHORIZED,
      ],
      [
        'another bot as the audience',
        () => bearer(rs256Token(key, { ...claims(), aud: '11111111-2222-3333-4444-555555555555' })),
        UNAUTHORIZED,
      ],
      [
        'another issuer',
        () => bearer(rs256Token(key, { ...claims(), iss: 'https://sts.windows.net/forger/' })),
        UNAUTHORIZED,
      ],
      [
        'a serviceurl claim for another service',
        () => bearer(rs256Token(key, { ...claims(), serviceurl: 'https://forger.example/' })),
        FORBIDDEN,
      ],
      [
        'no serviceurl claim',
        () => bearer(rs256Token(key, { ...claims(), serviceurl: undefined })),
        FORBIDDEN,
      ],
    ];
    for (const [what, headers, expected] of forgeries) {
      it(`refuses ${what} with ${expected.status} and no detail`, async () => {
        assert.deepEqual(await send(headers()), expected);
      });
    }

    it('refuses an activity from a channel the signing key is not endorsed for', async () => {
      const answer = await postJson(
        app.url,
        { ...refreshListInvoke(connector.serviceUrl), channelId: 'slack' },
        bearer(rs256Token(key, claims())),
      );
      assert.deepEqual(answer, FORBIDDEN);
    });

    it('logs one line per refusal, with no stack trace', async () => {
      const lines = await captureLog(async () => {
        await send(bearer(rs256Token(key, claims(), newSigningKey().privateKey)));
      });
      assert.equal(lines.length, 1, JSON.stringify(lines));
      assert.equal(lines[0]?.event, 'refused');
      assert.equal(lines[0]?.status, 401);
      assert.equal(lines[0]?.err, undefined, 'no stack');
    });

    it('reads no body before the token passed: a multipart upload leaves no temp file', async () => {
      const original = process.env.TMPDIR;
      const privateTmp = mkdtempSync(join(tmpdir(), 'bot-upload-'));
      process.env.TMPDIR = privateTmp;
      try {
        const boundary = 'forged-boundary';
        const answer = await postRaw(
          app.url,
          [
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\n` +
              `Content-Type: application/octet-stream\r\n\r\n${'x'.repeat(1024 * 1024)}\r\n--${boundary}--\r\n`,
          ].map((part) => Buffer.from(part)),
          { 'content-type': `multipart/form-data; boundary=${boundary}` },
        );
        assert.deepEqual(answer, UNAUTHORIZED);
        assert.deepEqual(readdirSync(privateTmp), []);
      } finally {
        if (original === undefined) delete process.env.TMPDIR;
        else process.env.TMPDIR = original;
        rmSync(privateTmp, { recursive: true, force: true });
      }
    });
  });

  for (const [mode, start] of [
    ['refusing connections', async () => ({ metadataUrl: await refusingMetadataUrl() })],
    ['silent (connections accepted, never answered)', () => startSilentServer()],
  ] as const) {
    describe(`with the signing-key server ${mode}`, () => {
      let keys: { metadataUrl: string; requests?: () => number; close?: () => Promise<void> };
      let app: RunningApp;

      before(async () => {
        keys = await start();
        app = await startAuthenticatedApp(keys.metadataUrl);
      });
      after(async () => {
        await app.close();
        await keys.close?.();
      });

      it('refuses a token it cannot check with 401 and no detail, every time', async () => {
        const token = rs256Token(key, connectorClaims(connector.serviceUrl));
        const answers = await Promise.all(
          [1, 2, 3].map(() =>
            postJson(app.url, personalActivity(connector.serviceUrl), bearer(token)),
          ),
        );
        for (const answer of answers) assert.deepEqual(answer, UNAUTHORIZED);
        assert.deepEqual(
          await postJson(app.url, personalActivity(connector.serviceUrl), bearer(token)),
          UNAUTHORIZED,
        );
        assert.equal(connector.sent.length, 0);
        if (keys.requests) assert.ok(keys.requests() > 0, 'the bot never asked for keys');
      });

      it('refuses a forged token the same way', async () => {
        const token = unsignedToken(key, connectorClaims(connector.serviceUrl));
        assert.deepEqual(
          await postJson(app.url, personalActivity(connector.serviceUrl), bearer(token)),
          UNAUTHORIZED,
        );
      });
    });
  }
});
