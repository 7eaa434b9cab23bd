/** Dates in the reader's own locale and time zone. */

let locale: string | undefined;

/** Teams knows the person's chosen locale; the browser's is used otherwise. */
export function setReaderLocale(teamsLocale: string | undefined): void {
  locale = teamsLocale || undefined;
}

export function dateTimeText(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function dateText(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(date);
}

/** A calendar day (YYYY-MM-DD) has no time zone: it is shown as that same day everywhere. */
export function calendarDayText(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(date);
}

/** A calendar day as a chart's axis label: day and month only ("Nov 23"). */
export function shortDayText(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric' }).format(date);
}
