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
