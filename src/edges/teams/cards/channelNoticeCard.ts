import { MAX_DECISION_COMMENT_LENGTH } from '../../../application/decideDeclaration';
import type { DeclarationSnapshot } from '../../../application/ledgerRepository';
import { findL2Reason } from '../../../playbook/noIntentReasons';
import { expandCard, type AdaptiveCardJson, type LabelledValue } from './cardTemplate';
import { declarationStatus, ftopEntryText } from './declarationView';
import { ftopFieldRows } from './ftopFieldRows';

/**
 * Who the card is for. Everyone sees the notice and, while undecided, one button that fetches
 * the manager's view; Teams fetches that view by itself for the managers in `refresh.userIds`.
 */
export type NoticeAudience = 'everyone' | 'manager';

export const MAX_REFRESH_USERS = 60;

/** The fields the account team needs; the rest are the FM's business in FTOP. */
const NOTICE_FIELDS = new Set(['L1 Value', 'L2 Value', 'L3 Value', 'Notes']);

export function channelNoticeCard(
  snapshot: DeclarationSnapshot,
  audience: NoticeAudience,
  managerIds: readonly string[],
): AdaptiveCardJson {
  const { declaration } = snapshot;
  const revalidation = declaration.scenarioId === 'new-subscriptions-under-no-intent';
  const workloadNames = declaration.workloads.map((w) => w.workloadName).join(', ');
  const rows = ftopFieldRows(
    declaration.workloads.map((w) => ({ workloadName: w.workloadName, fields: w.status.fields })),
  ).filter((row) => NOTICE_FIELDS.has(row.label.replace(/ \(.*\)$/, '')));
  const fields: LabelledValue[] = [
    { label: 'Workloads', value: workloadNames },
    ...rows,
    { label: 'Declared by', value: `${declaration.fm.name} (${declaration.fmRole})` },
  ];
  const status = declarationStatus(snapshot);
  const undecided = declaration.state === 'awaiting-decision';
  return expandCard('channel-notice', {
    tenantId: declaration.tenantId,
    declarationId: declaration.declarationId,
    managerIds: managerIds.slice(0, MAX_REFRESH_USERS),
    title:
      declaration.state === 'withdrawn'
        ? 'No Intent declaration withdrawn'
        : revalidation
          ? 'No Intent re-validated'
          : 'No Intent declared',
    customerName: declaration.customerName,
    intro: revalidation
      ? `New subscriptions arrived for workloads that are already No Intent, and ${declaration.fm.name} validated No Intent with the account team or the customer (scenario 5). This is not a new declaration.`
      : `The customer has declared no intent to deploy ${workloadNames}. The playbook asks that the account team be told.`,
    asks: accountTeamAsks(snapshot),
    fields,
    statusText: status.text,
    statusStyle: status.style,
    decisionComment: declaration.decision?.comment ?? '',
    ftopText: ftopEntryText(snapshot),
    showDecideEntry: undecided && audience === 'everyone',
    showDecisionButtons: undecided && audience === 'manager',
    commentMaxLength: MAX_DECISION_COMMENT_LENGTH,
  });
}

/** Each L2 of the playbook says what selling is needed. */
function accountTeamAsks(snapshot: DeclarationSnapshot): string[] {
  const { declaration } = snapshot;
  if (declaration.state === 'withdrawn' || declaration.state === 'rejected') return [];
  const reasons = new Set(declaration.workloads.map((w) => w.status.l2ReasonId));
  return [...reasons].flatMap((id) => {
    const l2 = id ? findL2Reason(id) : undefined;
    return l2 ? [`${l2.name}: ${l2.accountTeamAsk}`] : [];
  });
}
