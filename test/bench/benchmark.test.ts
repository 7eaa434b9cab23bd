import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BenchResults } from '../../scripts/bench/benchReport';
import { percentile } from '../../scripts/bench/loadFigures';
import { growingCalls } from '../../scripts/bench/portalReport';

const ROOT = join(__dirname, '..', '..');

describe('the benchmark', () => {
  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(percentile(values, 50), 50);
    assert.equal(percentile(values, 95), 95);
    assert.equal(percentile(values, 99), 99);
    assert.equal(percentile([7], 99), 7);
    assert.ok(Number.isNaN(percentile([], 50)));
  });

  it('runs end to end in its quick form and reports every figure', async function () {
    this.timeout(180_000);
    await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'scripts', 'bench', 'runBench.ts'), '--quick'],
      { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
    );
    const folder = join(ROOT, 'artifacts', 'bench', 'quick');
    const results = JSON.parse(readFileSync(join(folder, 'results.json'), 'utf8')) as BenchResults;
    assert.deepEqual(
      results.levels.map((l) => l.users),
      [1, 2],
    );
    for (const level of results.levels) {
      for (const target of [level.bot, level.floorA, level.floorB]) {
        assert.ok(target.turnsPerSecond > 0 && target.p99Ms >= target.p50Ms);
      }
      // Floor B reads and writes its state on each of six turns, and nothing else.
      assert.equal(level.floorB.cosmosRequestsPerDeclaration, 12);
    }
    // The meter counts at the HTTP layer: a plain dialog turn is the state's read and write.
    assert.equal(results.cosmosPerTurn.find((t) => t.turn === 'declare')?.requests, 2);
    const traced = results.cosmosPerTurn.reduce((sum, t) => sum + t.requests + t.requestsAfter, 0);
    // The traced declaration and the load count alike; they differ only by what an instance
    // remembers of each person: the lookups of the lists on their screens (for a minute), and
    // what their first turn tells (time zone and chat, written once): at most two each.
    const loaded = results.levels[0]!.bot.cosmosRequestsPerDeclaration;
    assert.ok(Math.abs(loaded - traced) <= 4, `traced ${traced}, under load ${loaded}`);
    assert.ok(results.coldStartMs > 0 && results.peakRssBytes.bot > 0);
    const markdown = readFileSync(join(folder, 'results.md'), 'utf8');
    assert.match(markdown, /\| Target \| Measured \| Met \|/);
    // The reminder burst goes out whole, below Teams' limit per tenant (not a timing: a count).
    const reminders = results.reminders!;
    assert.equal(reminders.delivered, reminders.reminders);
    assert.ok(reminders.peakPerTenantPerSecond <= 30, String(reminders.peakPerTenantPerSecond));
    assert.ok(reminders.chatDuringBurst.turns > 0 && reminders.chatAlone.turns > 0);
    assert.match(markdown, /Reminder burst: 100 re-validation questions/);
    // The portal's calls cost the same Cosmos DB requests on 1,000 entitlements as on 200 (but
    // exports, which read every row the person sees), for each of the four people.
    const portal = results.portal!;
    assert.deepEqual(
      portal.sizes.map((size) => size.entitlements),
      [200, 1_000],
    );
    for (const size of portal.sizes) {
      assert.equal(new Set(size.calls.map((c) => c.person)).size, 4);
      assert.ok(size.calls.every((c) => c.requests > 0 && c.p95Ms >= c.p50Ms));
    }
    assert.deepEqual(growingCalls(portal), []);
    assert.match(markdown, /Cosmos DB requests per call grow with the database: no/);
  });
});
