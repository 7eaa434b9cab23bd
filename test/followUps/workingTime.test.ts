import assert from 'node:assert/strict';
import {
  addWorkingDays,
  isKnownZone,
  localDay,
  morningOf,
  nextWorkingMoment,
  nextWorkingMorning,
} from '../../src/application/followUps/workingTime';
import {
  DEFAULT_FOLLOW_UPS,
  workingDaysWaited,
} from '../../src/application/followUps/followUpRules';

const at = (iso: string) => new Date(iso);

describe("working time in a person's own time zone", () => {
  it("a moment inside working hours is itself; before them, the day's start; after, the next working morning", () => {
    // Wednesday 25 November 2026.
    assert.equal(
      nextWorkingMoment(at('2026-11-25T10:30:00Z'), 'UTC').toISOString(),
      '2026-11-25T10:30:00.000Z',
    );
    assert.equal(
      nextWorkingMoment(at('2026-11-25T06:00:00Z'), 'UTC').toISOString(),
      '2026-11-25T09:00:00.000Z',
    );
    assert.equal(
      nextWorkingMoment(at('2026-11-25T17:00:00Z'), 'UTC').toISOString(),
      '2026-11-26T09:00:00.000Z',
    );
    // Friday evening waits for Monday.
    assert.equal(
      nextWorkingMoment(at('2026-11-27T18:00:00Z'), 'UTC').toISOString(),
      '2026-11-30T09:00:00.000Z',
    );
    assert.equal(
      nextWorkingMoment(at('2026-11-28T12:00:00Z'), 'UTC').toISOString(),
      '2026-11-30T09:00:00.000Z',
    );
  });

  it('follows the zone: 09:00 in Seattle and in Tokyo are different instants', () => {
    const noonUtc = at('2026-11-25T12:00:00Z');
    // 04:00 in Seattle (UTC-8): the same day's 09:00 there.
    assert.equal(
      nextWorkingMoment(noonUtc, 'America/Los_Angeles').toISOString(),
      '2026-11-25T17:00:00.000Z',
    );
    // 21:00 in Tokyo (UTC+9): Thursday 09:00 there.
    assert.equal(
      nextWorkingMoment(noonUtc, 'Asia/Tokyo').toISOString(),
      '2026-11-26T00:00:00.000Z',
    );
    assert.equal(localDay(noonUtc, 'Asia/Tokyo'), '2026-11-25');
    assert.equal(localDay(at('2026-11-25T16:00:00Z'), 'Asia/Tokyo'), '2026-11-26');
  });

  it('keeps 09:00 local across a daylight-saving change', () => {
    // Europe/Berlin leaves summer time on Sunday 25 October 2026.
    assert.equal(
      morningOf('2026-10-23', 'Europe/Berlin').toISOString(),
      '2026-10-23T07:00:00.000Z',
    );
    assert.equal(
      morningOf('2026-10-26', 'Europe/Berlin').toISOString(),
      '2026-10-26T08:00:00.000Z',
    );
    // A Saturday's morning is Monday's.
    assert.equal(
      morningOf('2026-10-24', 'Europe/Berlin').toISOString(),
      '2026-10-26T08:00:00.000Z',
    );
  });

  it('counts working days, skipping the weekend', () => {
    const thursday = at('2026-11-26T15:00:00Z');
    assert.equal(addWorkingDays(thursday, 2, 'UTC').toISOString(), '2026-11-30T15:00:00.000Z');
    assert.equal(addWorkingDays(thursday, 5, 'UTC').toISOString(), '2026-12-03T15:00:00.000Z');
    assert.equal(
      nextWorkingMorning(at('2026-11-27T10:00:00Z'), 'UTC').toISOString(),
      '2026-11-30T09:00:00.000Z',
    );
  });

  it('an unknown zone falls back to UTC instead of failing', () => {
    assert.equal(isKnownZone('Europe/Paris'), true);
    assert.equal(isKnownZone('Mars/Olympus_Mons'), false);
    assert.equal(
      nextWorkingMoment(at('2026-11-25T06:00:00Z'), 'Mars/Olympus_Mons').toISOString(),
      '2026-11-25T09:00:00.000Z',
    );
  });

  it('counts the working days a declaration waited as the follow-ups do, shortened or not', () => {
    const thursday = at('2026-11-26T15:00:00Z');
    const monday = at('2026-11-30T16:00:00Z');
    assert.equal(workingDaysWaited(thursday, monday, DEFAULT_FOLLOW_UPS), 2, 'Friday and Monday');
    const short = { ...DEFAULT_FOLLOW_UPS, shortDayMs: 60_000 };
    assert.equal(workingDaysWaited(thursday, at('2026-11-26T15:03:30Z'), short), 3, 'minutes');
  });
});
