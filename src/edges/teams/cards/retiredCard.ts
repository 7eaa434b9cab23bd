import { expandCard, type AdaptiveCardJson } from './cardTemplate';

/** What a card that is no longer live turns into, so it never offers a stale action. */
export function retiredCard(text: string): AdaptiveCardJson {
  return expandCard('retired-card', { text });
}
