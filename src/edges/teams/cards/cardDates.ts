/** Dates in cards: to the minute, in UTC, the same for every reader. */
export function cardDateTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
