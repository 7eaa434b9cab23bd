/**
 * Working days and hours in a person's own time zone: when a reminder may reach them. Luxon does
 * the calendar (IANA time zones, daylight saving), which is a solved problem best left to it.
 */
import { DateTime } from 'luxon';

export interface WorkingHours {
  /** Local hour the working day starts, 0-23. */
  readonly startHour: number;
  /** Local hour it ends (exclusive), 1-24. */
  readonly endHour: number;
  /** ISO weekdays that are working days: 1 is Monday, 7 Sunday. */
  readonly workingDays: readonly number[];
}

export const OFFICE_HOURS: WorkingHours = {
  startHour: 9,
  endHour: 17,
  workingDays: [1, 2, 3, 4, 5],
};

/** Used until a person's own time zone is known. */
export const FALLBACK_ZONE = 'UTC';

/** A time zone Luxon knows by this IANA name (as Teams sends in `localTimezone`). */
export function isKnownZone(zone: string): boolean {
  return zone.length <= 64 && DateTime.now().setZone(zone).isValid;
}

function inZone(instant: Date, zone: string | null | undefined): DateTime {
  const local = DateTime.fromJSDate(instant, { zone: zone || FALLBACK_ZONE });
  return local.isValid ? local : DateTime.fromJSDate(instant, { zone: FALLBACK_ZONE });
}

/** The local calendar day of an instant, YYYY-MM-DD. */
export function localDay(instant: Date, zone: string | null | undefined): string {
  return inZone(instant, zone).toISODate()!;
}

function isWorkingDay(local: DateTime, hours: WorkingHours): boolean {
  return hours.workingDays.includes(local.weekday);
}

/**
 * The first instant at or after `notBefore` inside the person's working hours: itself when it
 * already is, otherwise the start of the next working period.
 */
export function nextWorkingMoment(
  notBefore: Date,
  zone: string | null | undefined,
  hours: WorkingHours = OFFICE_HOURS,
): Date {
  let local = inZone(notBefore, zone);
  // A week and a day always reaches a working day, when there is one.
  for (let step = 0; step < 8; step += 1) {
    const start = local.set({ hour: hours.startHour, minute: 0, second: 0, millisecond: 0 });
    const end = local.startOf('day').plus({ hours: hours.endHour });
    if (isWorkingDay(local, hours) && local < end) {
      return (local < start ? start : local).toJSDate();
    }
    local = local.plus({ days: 1 }).startOf('day');
  }
  return notBefore;
}

/** The start of working hours on that local day (YYYY-MM-DD), or of the next working day. */
export function morningOf(
  day: string,
  zone: string | null | undefined,
  hours: WorkingHours = OFFICE_HOURS,
): Date {
  const local = DateTime.fromISO(day, { zone: zone || FALLBACK_ZONE });
  const start = (local.isValid ? local : DateTime.fromISO(day, { zone: FALLBACK_ZONE })).set({
    hour: hours.startHour,
  });
  return nextWorkingMoment(start.toJSDate(), zone, hours);
}

/** The same local time `days` working days later (weekends and non-working days skipped). */
export function addWorkingDays(
  from: Date,
  days: number,
  zone: string | null | undefined,
  hours: WorkingHours = OFFICE_HOURS,
): Date {
  let local = inZone(from, zone);
  let left = days;
  while (left > 0) {
    local = local.plus({ days: 1 });
    if (isWorkingDay(local, hours)) left -= 1;
  }
  return local.toJSDate();
}

/** The next working day's start of hours, after the local day of `after`. */
export function nextWorkingMorning(
  after: Date,
  zone: string | null | undefined,
  hours: WorkingHours = OFFICE_HOURS,
): Date {
  return morningOf(dayAfter(localDay(after, zone)), zone, hours);
}

/** The calendar day after a day, both YYYY-MM-DD. */
export function dayAfter(day: string): string {
  return DateTime.fromISO(day, { zone: 'UTC' }).plus({ days: 1 }).toISODate()!;
}

/** Whole working days from `from` to `to` (a Friday afternoon to Monday afternoon is one). */
export function workingDaysBetween(
  from: Date,
  to: Date,
  zone: string | null | undefined,
  hours: WorkingHours = OFFICE_HOURS,
): number {
  let days = 0;
  while (addWorkingDays(from, days + 1, zone, hours) <= to && days < 3650) days += 1;
  return days;
}
