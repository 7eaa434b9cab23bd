import assert from 'node:assert/strict';
import type { RunningApp } from '../../src/app';
import { startTestApp } from '../support/startTestApp';
import { startConnectorSink, type ConnectorSink } from '../support/connectorSink';
import { cosmosFaults } from '../support/cosmosFaults';

describe('the bot service over HTTP (restify, CloudAdapter in local mode)', () => {
  let app: RunningApp;
  let connector: ConnectorSink;

  before(async () => {
    connector = await startConnectorSink();
    app = await startTestApp({}, { readinessEveryMs: 0 });
  });
  after(async () => {
    await app.close();
    await connector.close();
  });

  it('answers the health check', async () => {
    const response = await fetch(`${app.url}/healthz`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok' });
  });

  it('reports readiness from the database: ready while it answers, 503 while it does not', async () => {
    const ready = await fetch(`${app.url}/readyz`);
    assert.equal(ready.status, 200);
    assert.deepEqual(await ready.json(), { status: 'ready' });
    const faults = cosmosFaults(app.cosmos.localServer!, app.cosmos.connection.databaseId);
    faults.failAll('lost-request');
    try {
      const away = await fetch(`${app.url}/readyz`);
      assert.equal(away.status, 503);
      assert.deepEqual(await away.json(), { status: 'the database is not answering' });
      assert.equal((await fetch(`${app.url}/healthz`)).status, 200, 'still alive');
    } finally {
      faults.heal();
    }
    assert.equal((await fetch(`${app.url}/readyz`)).status, 200, 'ready again');
  });

  it('takes an activity on /api/messages and replies through the connector', async () => {
    const response = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: 'm1',
        text: 'declare',
        channelId: 'msteams',
        serviceUrl: connector.serviceUrl,
        from: {
          id: '29:avery',
          name: 'Avery Fox',
          aadObjectId: '00000000-0000-0000-0000-00000000a001',
        },
        recipient: { id: '28:bot', name: 'No Intent' },
        conversation: { id: 'a:personal-avery', conversationType: 'personal' },
      }),
    });
    assert.equal(response.status, 200);
    const [reply] = await connector.waitFor(1);
    assert.match(reply!.path, /^\/v3\/conversations\/a%3Apersonal-avery\/activities/);
    assert.match(JSON.stringify(reply!.body), /Which customer and workloads/);
  });

  it('refuses a request that is not an activity', async () => {
    const response = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"nonsense": true}',
    });
    assert.ok(response.status >= 400, String(response.status));
  });
});
