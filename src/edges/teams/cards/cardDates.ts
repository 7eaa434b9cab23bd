/**
 * A moment for a card's `{{DATE(...)}}` and `{{TIME(...)}}`, which Teams shows in the reader's
 * own time zone and language. Both take only RFC 3339 to the second ("2026-11-25T10:50:56Z"),
 * and only in a TextBlock's text, so the templates put them in TextBlocks of their own, away
 * from user text. An unreadable value gives '', and the template leaves the line out.
 */
export function cardMoment(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? '' : `${new Date(time).toISOString().slice(0, 19)}Z`;
}

/** Chat text cannot show a time in the reader's zone: to the minute, in UTC. */
export function utcDateTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
