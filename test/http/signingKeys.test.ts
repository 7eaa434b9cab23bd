import assert from 'node:assert/strict';
import { SigningKeys, type SigningKeySettings } from '../../src/edges/http/signingKeys';
import {
  newSigningKey,
  startKeyServer,
  startSilentServer,
  type KeyServer,
  type TestSigningKey,
} from '../support/botFrameworkKeys';

const MINUTE = 60_000;

describe('the Bot Framework signing keys (loopback metadata and key set, a clock of our own)', () => {
  let key: TestSigningKey;
  let server: KeyServer;
  let clock: number;

  beforeEach(async () => {
    key = newSigningKey();
    server = await startKeyServer(key);
    clock = 0;
  });
  afterEach(() => server.close());

  const keysFrom = (settings: Partial<SigningKeySettings> = {}) =>
    new SigningKeys(
      {
        metadataUrl: server.metadataUrl,
        fetchTimeoutMs: 1_000,
        maxAgeMs: 60 * MINUTE,
        minFetchIntervalMs: MINUTE,
        ...settings,
      },
      () => clock,
    );

  it('reads the metadata, then its key set, with the endorsements', async () => {
    const found = await keysFrom().find(key.kid);
    assert.equal(found.kid, key.kid);
    assert.deepEqual(found.endorsements, ['msteams', 'webchat']);
    assert.equal(server.requests(), 2);
  });

  it('shares one fetch among requests waiting at once', async () => {
    const keys = keysFrom();
    await Promise.all([1, 2, 3, 4].map(() => keys.find(key.kid)));
    assert.equal(server.requests(), 2);
  });

  it('fetches again for an unknown key id at most once per interval', async () => {
    const keys = keysFrom();
    await keys.find(key.kid);
    for (const kid of ['made-up-1', 'made-up-2', 'made-up-3'])
      await assert.rejects(keys.find(kid), /no published signing key/);
    assert.equal(server.requests(), 2);
    clock += MINUTE + 1;
    await assert.rejects(keys.find('made-up-4'));
    assert.equal(server.requests(), 4);
  });

  it('keeps using its keys when a refresh fails', async () => {
    const keys = keysFrom();
    await keys.find(key.kid);
    await server.close();
    clock += 2 * 60 * MINUTE;
    assert.equal((await keys.find(key.kid)).kid, key.kid);
  });

  it('gives up on a silent server at its deadline, and says so', async () => {
    const silent = await startSilentServer();
    try {
      const keys = new SigningKeys(
        {
          metadataUrl: silent.metadataUrl,
          fetchTimeoutMs: 200,
          maxAgeMs: MINUTE,
          minFetchIntervalMs: MINUTE,
        },
        () => clock,
      );
      await assert.rejects(keys.find(key.kid), /no signing keys \(fetching them failed: no answer/);
      // Within the interval the next request fails at once, without a connection.
      await assert.rejects(keys.find(key.kid), /no signing keys/);
      assert.equal(silent.requests(), 1);
    } finally {
      await silent.close();
    }
  });
});
