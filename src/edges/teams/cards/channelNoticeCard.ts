import { expandCard, type AdaptiveCardJson, type LabelledValue } from './cardTemplate';

export type NoticeStatus = 'awaiting-confirmation' | 'confirmed' | 'rejected';

export interface ChannelNoticeView {
  readonly declarationId: string;
  readonly customerName: string;
  readonly tenantId: string;
  readonly workloadNames: readonly string[];
  readonly l1: string;
  readonly l2: string;
  readonly l3: string;
  readonly reason: string;
  readonly fmName: string;
  readonly fmRole: string;
  readonly status: NoticeStatus;
  readonly decidedBy?: string;
  readonly decidedAt?: string;
  readonly decisionComment?: string;
  /** Managers whose clients fetch their own card with the buttons (Teams allows 60). */
  readonly managerIds: readonly string[];
  /** True for the managers' own view; everyone else sees a read-only card. */
  readonly showDecisionButtons: boolean;
}

export const MAX_REFRESH_USERS = 60;
export const MAX_DECISION_COMMENT_LENGTH = 500;

const STATUS_STYLE: Record<NoticeStatus, string> = {
  'awaiting-confirmation': 'warning',
  confirmed: 'good',
  rejected: 'attention',
};

export function channelNoticeCard(view: ChannelNoticeView): AdaptiveCardJson {
  const fields: LabelledValue[] = [
    { label: 'Workloads', value: view.workloadNames.join(', ') },
    { label: 'L1', value: view.l1 },
    { label: 'L2', value: view.l2 },
    { label: 'L3', value: view.l3 },
    { label: 'Reason', value: view.reason },
    { label: 'Declared by', value: `${view.fmName} (${view.fmRole})` },
  ];
  return expandCard('channel-notice', {
    declarationId: view.declarationId,
    managerIds: view.managerIds.slice(0, MAX_REFRESH_USERS),
    customerName: view.customerName,
    tenantId: view.tenantId,
    fields,
    statusText: statusText(view),
    statusStyle: STATUS_STYLE[view.status],
    decisionComment: view.decisionComment ?? '',
    showDecisionButtons: view.showDecisionButtons && view.status === 'awaiting-confirmation',
    commentMaxLength: MAX_DECISION_COMMENT_LENGTH,
  });
}

function statusText(view: ChannelNoticeView): string {
  const by = view.decidedBy ? ` by ${view.decidedBy}` : '';
  const at = view.decidedAt ? ` on ${view.decidedAt}` : '';
  switch (view.status) {
    case 'awaiting-confirmation':
      return "Awaiting a manager's confirmation";
    case 'confirmed':
      return `Confirmed${by}${at}`;
    case 'rejected':
      return `Rejected${by}${at}`;
  }
}
