import assert from 'node:assert/strict';
import { readiness } from '../../src/edges/http/readiness';

describe('readiness checks', () => {
  it('ask the database at most once per interval, sharing one answer among callers', async () => {
    let checks = 0;
    let now = 0;
    const ready = readiness(
      async () => {
        checks += 1;
        return true;
      },
      5_000,
      () => now,
    );
    await Promise.all([ready(), ready(), ready()]);
    now = 4_999;
    assert.equal(await ready(), true);
    assert.equal(checks, 1);
    now = 5_000;
    await ready();
    assert.equal(checks, 2);
  });

  it('a failed check is "not ready", not an error', async () => {
    const ready = readiness(async () => Promise.reject(new Error('down')), 0);
    assert.equal(await ready(), false);
  });
});
