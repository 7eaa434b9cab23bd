/**
 * The log an operator reads: JSON lines, one per turn and per side effect, with the ids that let
 * them follow one declaration, and nothing a person typed, no token and no request headers.
 */
import assert from 'node:assert/strict';
import type { RunningApp } from '../../src/app';
import { describeError } from '../../src/log/logger';
import {
  installInAccountTeam,
  MANAGER_AAD_OBJECT_ID,
  SimulatedFm,
} from '../../scripts/bench/simulatedUsers';
import { startConnectorSink, type ConnectorSink } from '../support/connectorSink';
import { captureLog } from '../support/logCapture';
import { startTestApp } from '../support/startTestApp';

describe('the operator log', () => {
  let app: RunningApp;
  let connector: ConnectorSink;

  before(async () => {
    connector = await startConnectorSink();
    app = await startTestApp({ MANAGER_AAD_OBJECT_IDS: MANAGER_AAD_OBJECT_ID });
  });
  after(async () => {
    await app.close();
    await connector.close();
  });

  it('follows one declaration: its turns, its save, its decision and each side effect', async () => {
    const bot = { url: app.url.replace('localhost', '127.0.0.1'), sink: connector };
    await installInAccountTeam(bot);
    const lines = await captureLog(async () => {
      await new SimulatedFm(bot, 1).declare();
      await app.idle();
    });

    const turns = lines.filter((l) => l.event === 'turn');
    assert.equal(turns.length, 6, 'five turns of the FM, one of the manager');
    for (const turn of turns) {
      assert.equal(turn.outcome, 'answered');
      assert.equal(typeof turn.activityId, 'string');
      assert.equal(typeof turn.ms, 'number');
    }
    const saved = lines.find((l) => l.event === 'declaration-saved');
    assert.ok(saved, 'the save is logged');
    const declarationId = saved.declarationId;
    const decided = lines.find((l) => l.event === 'declaration-decided');
    assert.equal(decided?.declarationId, declarationId);
    const effects = lines.filter((l) => l.event === 'effect');
    assert.ok(effects.some((e) => e.effect === 'post-notice' && e.outcome === 'done'));
    assert.ok(effects.some((e) => e.effect === 'tell-fm.decided'));
    assert.ok(effects.every((e) => e.declarationId === declarationId));

    const all = JSON.stringify(lines);
    assert.doesNotMatch(all, /board froze all IT projects/, 'no note typed by the FM');
    assert.doesNotMatch(all, /Bench customer/, 'no customer name typed by the FM');
    assert.doesNotMatch(all, /authorization|bearer/i);
  });

  it("keeps an error's kind, message, status and stack, not the SDK's headers or diagnostics", () => {
    const error = Object.assign(new Error('Request timed out'), {
      code: 408,
      headers: { authorization: 'type=master&sig=secret' },
      diagnostics: { requests: ['...'] },
      cause: new Error('socket hang up'),
    });
    const kept = describeError(error);
    assert.equal(kept.message, 'Request timed out');
    assert.equal(kept.code, 408);
    assert.equal(kept.cause, 'Error: socket hang up');
    assert.ok(Array.isArray(kept.stack));
    assert.doesNotMatch(JSON.stringify(kept), /secret|diagnostics/);
  });
});
