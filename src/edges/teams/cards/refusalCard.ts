import { expandCard, type AdaptiveCardJson } from './cardTemplate';

/** An action this person may not take: what it was about, and why not. Nothing changed. */
export function refusalCard(view: {
  readonly title: string;
  readonly explanation: string;
  readonly customerName: string;
  readonly workloadNames: readonly string[];
}): AdaptiveCardJson {
  return expandCard('refusal', { ...view, workloadNames: view.workloadNames.join(', ') });
}
