import assert from 'node:assert/strict';
import { CachedPeople, PEOPLE_CACHE_MAX_AGE_MS } from '../../src/application/cachedPeople';
import type { LiveList } from '../../src/application/people';
import { freshDatabase, type TestDatabase } from '../support/localCosmos';

const AVERY = '00000000-0000-0000-0000-00000000a001';

function list(activityId: string): LiveList {
  return {
    ref: { serviceUrl: 'https://x/', orgTenantId: 'o', conversationId: 'c', activityId },
    filter: '',
    sentAt: '2026-11-25T09:00:00.000Z',
  };
}

describe("the lists on each person's screen, kept for a minute per instance", () => {
  let db: TestDatabase;
  let now: number;
  let cached: CachedPeople;
  beforeEach(async () => {
    db = await freshDatabase();
    now = Date.parse('2026-11-25T09:00:00Z');
    cached = new CachedPeople(db.people, () => new Date(now));
  });

  it('answers from its copy for a minute, then reads again', async () => {
    assert.deepEqual(await cached.liveLists(AVERY), {});
    // Another instance sends Avery a list.
    await db.people.saveLiveList(AVERY, 'my-declarations', list('1'));
    assert.deepEqual(await cached.liveLists(AVERY), {}, 'still the copy');
    now += PEOPLE_CACHE_MAX_AGE_MS;
    assert.equal((await cached.liveLists(AVERY))['my-declarations']?.ref.activityId, '1');
  });

  it("knows this instance's own lists at once, and which one a new list replaces", async () => {
    assert.deepEqual(await cached.liveLists(AVERY), {});
    assert.equal(
      (await cached.saveLiveList(AVERY, 'my-declarations', list('1'))).replaced,
      undefined,
    );
    assert.equal((await cached.liveLists(AVERY))['my-declarations']?.ref.activityId, '1');
    const { replaced } = await cached.saveLiveList(AVERY, 'my-declarations', list('2'));
    assert.equal(replaced?.ref.activityId, '1');
    await cached.saveLiveList(AVERY, 'awaiting-decision', list('3'));
    const lists = await cached.liveLists(AVERY);
    assert.deepEqual(
      [lists['my-declarations']?.ref.activityId, lists['awaiting-decision']?.ref.activityId],
      ['2', '3'],
    );
  });
});
