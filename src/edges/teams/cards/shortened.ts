/** Long text cut for a card that must stay small; the whole text is shown elsewhere. */
export function shortened(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
