import { expandCard, type AdaptiveCardJson } from './cardTemplate';

export type DecisionOutcome = 'confirmed' | 'rejected' | 'not-allowed';

export interface DecisionResultView {
  readonly outcome: DecisionOutcome;
  readonly customerName: string;
  readonly workloadNames: readonly string[];
  readonly decidedBy?: string;
  readonly decidedAt?: string;
  readonly comment?: string;
  /** Why the action was refused, for 'not-allowed'. */
  readonly refusal?: string;
}

export function decisionResultCard(view: DecisionResultView): AdaptiveCardJson {
  const text = presentation(view);
  return expandCard('decision-result', {
    title: text.title,
    explanation: text.explanation,
    style: text.style,
    customerName: view.customerName,
    workloadNames: view.workloadNames.join(', '),
    decidedBy: view.decidedBy ?? '',
    decidedAt: view.decidedAt ?? '',
    comment: view.comment ?? '',
  });
}

function presentation(view: DecisionResultView): {
  title: string;
  explanation: string;
  style: string;
} {
  switch (view.outcome) {
    case 'confirmed':
      return {
        title: 'No Intent confirmed',
        explanation: 'The declaration is confirmed. FTOP keeps the No Intent values.',
        style: 'good',
      };
    case 'rejected':
      return {
        title: 'No Intent rejected',
        explanation:
          'The declaration was rejected. Talk to the manager, then record the right status in FTOP.',
        style: 'attention',
      };
    case 'not-allowed':
      return {
        title: 'You cannot decide this declaration',
        explanation:
          view.refusal ?? 'Only the managers of this account team can confirm or reject.',
        style: 'attention',
      };
  }
}
