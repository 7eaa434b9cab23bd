import { MAX_DECISION_COMMENT_LENGTH, type Notice } from '../../../application/notice';
import { expandCard, type AdaptiveCardJson } from './cardTemplate';
import { cardDateTime } from './recordStatusLabel';

/** A manager's list, with plain Submit buttons: it works in every client, Universal Actions or not. */
export function awaitingDecisionCard(notices: readonly Notice[]): AdaptiveCardJson {
  return expandCard('awaiting-decision', {
    emptyText: 'Nothing is waiting for your decision.',
    commentMaxLength: MAX_DECISION_COMMENT_LENGTH,
    declarations: notices.map((n) => ({
      declarationId: n.declarationId,
      customerName: n.customerName,
      workloadNames: n.workloadNames.join(', '),
      l2: n.l2,
      fmName: n.fm.name,
      createdAt: cardDateTime(n.createdAt),
      reason: n.reason,
    })),
  });
}
