/** Calendar dates as FMs enter them (YYYY-MM-DD), checked without time zones. */

export type CalendarDateCheck = 'valid' | 'malformed' | 'not-a-real-date';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function checkCalendarDate(text: string): CalendarDateCheck {
  const match = ISO_DATE.exec(text);
  if (!match) return 'malformed';
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return 'not-a-real-date';
  return day <= daysInMonth(year, month) ? 'valid' : 'not-a-real-date';
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The calendar day of an ISO time (UTC), as dates are entered in FTOP. */
export function calendarDay(iso: string): string {
  return iso.slice(0, 10);
}

/**
 * A question about a kickoff date already past: it becomes FTOP's next action date, which would
 * then be overdue the day it is entered. Null when the date is today or later.
 */
export function pastKickoffQuestion(kickoffDate: string | undefined, today: string): string | null {
  // `today` is the UTC day: a day's grace, so nobody west of UTC is asked about today's date.
  const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000)
    .toISOString()
    .slice(0, 10);
  if (!kickoffDate || kickoffDate >= yesterday) return null;
  return `The kickoff date ${kickoffDate} is in the past, and it becomes the Next Action Date in FTOP, which would be overdue at once. If the kickoff is still to come, tap Edit > "Reason and engagement" and enter its date; if it did happen then, save as it is.`;
}
