import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningApp } from '../../src/app';
import { MAX_ACTIVITY_BYTES } from '../../src/edges/http/botHttpServer';
import { startConnectorSink, type ConnectorSink } from '../support/connectorSink';
import { personalActivity, postJson, postRaw, type HttpAnswer } from '../support/httpRequests';
import { startTestApp } from '../support/startTestApp';

describe('what /api/messages accepts before a turn runs (local mode)', () => {
  let connector: ConnectorSink;
  let app: RunningApp;

  before(async () => {
    connector = await startConnectorSink();
    app = await startTestApp();
  });
  after(async () => {
    await app.close();
    await connector.close();
  });
  beforeEach(() => connector.sent.splice(0));

  const activity = (overrides: Record<string, unknown> = {}) =>
    personalActivity(connector.serviceUrl, overrides);

  /** The answer is a short {"error"} naming `field`, and no turn ran. */
  async function assertRefused(answer: HttpAnswer, status: number, field: RegExp) {
    assert.equal(answer.status, status, JSON.stringify(answer.body));
    const { error, ...rest } = answer.body as { error: string };
    assert.deepEqual(rest, {});
    assert.match(error, field);
    assert.ok(error.length < 120, error);
    assert.doesNotMatch(error, /\bat .*\.ts|Error:|validateAndFixActivity|botbuilder/);
    await app.idle();
    assert.equal(connector.sent.length, 0, 'a turn ran');
  }

  describe('content type and size', () => {
    it('takes application/json with a charset', async () => {
      const answer = await postRaw(app.url, JSON.stringify(activity({ type: 'typing' })), {
        'content-type': 'application/json; charset=utf-8',
      });
      assert.equal(answer.status, 200);
    });

    for (const contentType of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/jsonp',
      undefined,
    ]) {
      it(`refuses ${contentType ?? 'no content type'} with 415`, async () => {
        const headers: Record<string, string> = contentType ? { 'content-type': contentType } : {};
        const answer = await postRaw(app.url, JSON.stringify(activity()), headers);
        await assertRefused(answer, 415, /application\/json/);
      });
    }

    it('refuses a multipart upload with 415 and writes no temp file', async () => {
      const original = process.env.TMPDIR;
      const privateTmp = mkdtempSync(join(tmpdir(), 'bot-upload-'));
      process.env.TMPDIR = privateTmp;
      try {
        const boundary = 'upload-boundary';
        const field = `--${boundary}\r\nContent-Disposition: form-data; name="field"\r\n\r\n${'y'.repeat(8 * 1024 * 1024)}\r\n`;
        const file = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\nContent-Type: application/octet-stream\r\n\r\n${'x'.repeat(64 * 1024)}\r\n--${boundary}--\r\n`;
        const answer = await postRaw(app.url, [Buffer.from(field), Buffer.from(file)], {
          'content-type': `multipart/form-data; boundary=${boundary}`,
        });
        await assertRefused(answer, 415, /application\/json/);
        assert.deepEqual(readdirSync(privateTmp), []);
      } finally {
        if (original === undefined) delete process.env.TMPDIR;
        else process.env.TMPDIR = original;
        rmSync(privateTmp, { recursive: true, force: true });
      }
    });

    it('takes an activity just under the size limit', async () => {
      const padding = 'p'.repeat(MAX_ACTIVITY_BYTES - 2_000);
      const answer = await postJson(
        app.url,
        activity({ type: 'typing', channelData: { padding } }),
      );
      assert.equal(answer.status, 200);
    });

    it('refuses a body declared larger than the limit with 413', async () => {
      const body = Buffer.alloc(MAX_ACTIVITY_BYTES + 1, ' ');
      const answer = await postRaw(app.url, body, {
        'content-type': 'application/json',
        'content-length': String(body.length),
      });
      await assertRefused(answer, 413, /exceed/);
    });

    it('refuses a chunked body that grows past the limit with 413', async () => {
      const chunks = Array.from({ length: 40 }, () => Buffer.alloc(64 * 1024, ' '));
      const answer = await postRaw(app.url, chunks, { 'content-type': 'application/json' });
      await assertRefused(answer, 413, /exceed/);
    });
  });

  describe('the activity', () => {
    const raw = (text: string) => postRaw(app.url, text, { 'content-type': 'application/json' });

    it('refuses a body that is not JSON', async () => {
      await assertRefused(await raw('{"type": "message",'), 400, /not valid JSON/);
    });

    for (const body of ['[]', '"message"', 'null', '42']) {
      it(`refuses ${body} (not an object)`, async () => {
        await assertRefused(await raw(body), 400, /JSON object/);
      });
    }

    const malformed: [string, Record<string, unknown>, RegExp][] = [
      ['no type', { type: undefined }, /^type/],
      ['an unknown type', { type: 'nonsense' }, /^type/],
      ['a type that is not a string', { type: 42 }, /^type/],
      ['no from', { from: undefined }, /^from/],
      ['a from without an id', { from: { name: 'Avery' } }, /^from\.id/],
      ['no recipient', { recipient: undefined }, /^recipient/],
      ['no conversation', { conversation: undefined }, /^conversation/],
      ['a conversation id that is a number', { conversation: { id: 7 } }, /^conversation\.id/],
      ['no channelId', { channelId: undefined }, /^channelId/],
      ['an empty channelId', { channelId: '' }, /^channelId/],
      ['no serviceUrl', { serviceUrl: undefined }, /^serviceUrl/],
      ['a serviceUrl that is not a URL', { serviceUrl: 'teams' }, /^serviceUrl/],
      ['a serviceUrl that is not http', { serviceUrl: 'file:///etc/passwd' }, /^serviceUrl/],
      ['text that is a number', { text: 42 }, /^text/],
      ['text that is an object', { text: { value: 'help' } }, /^text/],
      [
        'membersAdded that is not an array',
        { type: 'conversationUpdate', membersAdded: { id: '28:bot' } },
        /^membersAdded/,
      ],
      [
        'membersAdded holding a string',
        { type: 'conversationUpdate', membersAdded: ['28:bot'] },
        /^membersAdded\.0/,
      ],
      [
        'membersAdded holding a member without an id',
        { type: 'conversationUpdate', membersAdded: [{ name: 'Bot' }] },
        /^membersAdded\.0\.id/,
      ],
      [
        'membersRemoved holding a member whose id is a number',
        { type: 'conversationUpdate', membersRemoved: [{ id: 28 }] },
        /^membersRemoved\.0\.id/,
      ],
      [
        'a mention without its text',
        { entities: [{ type: 'mention', mentioned: { id: '28:bot' } }] },
        /^entities\.0\.text/,
      ],
      [
        'a mention and no text',
        {
          text: undefined,
          entities: [{ type: 'mention', mentioned: { id: '28:bot' }, text: '<at>No Intent</at>' }],
        },
        /^text/,
      ],
      ['a team that is a string', { channelData: { team: '19:team' } }, /^channelData\.team/],
      ['a value nested absurdly deep', { value: deeplyNested(200) }, /^value/],
    ];
    for (const [what, overrides, field] of malformed) {
      it(`refuses an activity with ${what} (400)`, async () => {
        await assertRefused(await postJson(app.url, activity(overrides)), 400, field);
      });
    }

    it('still takes a message with text and a card value of ordinary depth', async () => {
      const answer = await postJson(
        app.url,
        activity({ value: { command: 'help', a: { b: [1] } } }),
      );
      assert.equal(answer.status, 200);
      assert.ok((await connector.waitFor(1)).length >= 1);
    });
  });

  describe('invokes the app does not implement', () => {
    const invoke = (name: string | undefined) =>
      postJson(app.url, activity({ type: 'invoke', name, text: undefined, value: {} }));

    it('answers an invoke with no name with 200 and an empty body', async () => {
      assert.deepEqual(await invoke(undefined), { status: 200, body: undefined });
    });

    it('answers task/fetch with a task module message', async () => {
      const answer = await invoke('task/fetch');
      assert.equal(answer.status, 200);
      const task = (answer.body as { task: { type: string; value: string } }).task;
      assert.equal(task.type, 'message');
      assert.match(task.value, /help/);
    });

    it('answers composeExtension/query with a message extension message', async () => {
      const answer = await invoke('composeExtension/query');
      assert.equal(answer.status, 200);
      const result = (answer.body as { composeExtension: { type: string; text: string } })
        .composeExtension;
      assert.equal(result.type, 'message');
      assert.match(result.text, /help/);
    });

    it('answers an invoke name nobody knows with 200 and an empty body', async () => {
      assert.deepEqual(await invoke('made/up'), { status: 200, body: undefined });
    });

    it('still answers the card actions it implements', async () => {
      const answer = await postJson(
        app.url,
        activity({
          type: 'invoke',
          name: 'adaptiveCard/action',
          text: undefined,
          value: {
            action: {
              type: 'Action.Execute',
              verb: 'refreshList',
              data: { list: 'my-declarations' },
            },
          },
        }),
      );
      assert.equal(answer.status, 200);
      assert.match(JSON.stringify(answer.body), /application\/vnd\.microsoft\.card\.adaptive/);
    });
  });
});

function deeplyNested(levels: number): unknown {
  let value: unknown = 'bottom';
  for (let level = 0; level < levels; level++) value = [value];
  return value;
}
