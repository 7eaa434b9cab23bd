/** Start-up failures a person meets, each said so they can act on it, with nothing left running. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../src/config/botConfig';
import { startFailure } from '../../src/config/startFailure';

const ROOT = join(__dirname, '..', '..');

describe('start-up failures', () => {
  it('a port in use names the setting to change, for the bot and for the local Cosmos server', () => {
    const bot = startFailure(
      Object.assign(new Error('listen'), { code: 'EADDRINUSE', port: 3978 }),
      3978,
    );
    assert.ok(bot instanceof ConfigError);
    assert.match(bot.message, /Port 3978 is already in use: .* set PORT to a free port/);
    const cosmos = startFailure(
      Object.assign(new Error('listen'), { code: 'EADDRINUSE', port: 8081 }),
      3978,
    );
    assert.match(cosmos.message, /Port 8081 is already in use: .* set LOCAL_COSMOS_PORT/);
    const other = new Error('something else');
    assert.equal(startFailure(other, 3978), other, 'anything else is passed on as it is');
  });

  it('a PLAYGROUND_PORT that is no port stops npm run dev at once, before anything starts', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'dev.ts')], {
      env: { ...process.env, PLAYGROUND_PORT: 'abc', PORT: '0' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /PLAYGROUND_PORT must be a port number from 1 to 65535; it is "abc"/);
    assert.doesNotMatch(run.stdout, /listening/, 'the bot never started');
  });

  it('npm start without a build says to build first', () => {
    const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const check = /^node -e "(.*)"$/.exec(scripts.prestart ?? '')?.[1]?.replace(/\\"/g, '"');
    assert.ok(check, 'package.json has a prestart check');
    const empty = mkdtempSync(join(tmpdir(), 'no-build-'));
    try {
      const run = spawnSync(process.execPath, ['-e', check], { cwd: empty, encoding: 'utf8' });
      assert.equal(run.status, 1);
      assert.match(run.stderr, /No build to start: run "npm run build" first/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
