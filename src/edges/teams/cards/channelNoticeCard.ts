import { MAX_DECISION_COMMENT_LENGTH, type Notice } from '../../../application/notice';
import { expandCard, type AdaptiveCardJson, type LabelledValue } from './cardTemplate';
import { cardDateTime } from './recordStatusLabel';

/**
 * Who the card is for. Everyone sees the notice and, while undecided, one button that fetches
 * the manager's view; Teams fetches that view by itself for the managers in `refresh.userIds`.
 */
export type NoticeAudience = 'everyone' | 'manager';

export const MAX_REFRESH_USERS = 60;

export function channelNoticeCard(
  notice: Notice,
  audience: NoticeAudience,
  managerIds: readonly string[],
): AdaptiveCardJson {
  const fields: LabelledValue[] = [
    { label: 'Workloads', value: notice.workloadNames.join(', ') },
    { label: 'L1', value: notice.l1 },
    { label: 'L2', value: notice.l2 },
    { label: 'L3', value: notice.l3 },
    { label: 'Reason', value: notice.reason },
    { label: 'Declared by', value: `${notice.fm.name} (${notice.fmRole})` },
  ];
  const decision = notice.decision;
  const undecided = decision === null;
  return expandCard('channel-notice', {
    declarationId: notice.declarationId,
    managerIds: managerIds.slice(0, MAX_REFRESH_USERS),
    customerName: notice.customerName,
    tenantId: notice.customerTenantId,
    fields,
    statusText: decision
      ? `${decision.outcome === 'confirmed' ? 'Confirmed' : 'Rejected'} by ${decision.by.name} on ${cardDateTime(decision.at)}`
      : "Awaiting a manager's confirmation",
    statusStyle: decision ? (decision.outcome === 'confirmed' ? 'good' : 'attention') : 'warning',
    decisionComment: decision?.comment ?? '',
    showDecideEntry: undecided && audience === 'everyone',
    showDecisionButtons: undecided && audience === 'manager',
    commentMaxLength: MAX_DECISION_COMMENT_LENGTH,
  });
}
