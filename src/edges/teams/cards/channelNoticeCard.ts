import { MAX_DECISION_COMMENT_LENGTH } from '../../../application/decideDeclaration';
import type { DeclarationSnapshot } from '../../../application/ledgerRepository';
import { listOf } from '../../../playbook/listOf';
import { findL2Reason } from '../../../playbook/noIntentReasons';
import { expandCard, type AdaptiveCardJson, type LabelledValue } from './cardTemplate';
import { declarationStatus, ftopEntry } from './declarationView';
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
  const names = declaration.workloads.map((w) => w.workloadName);
  const workloadNames = names.join(', ');
  const rows = ftopFieldRows(
    declaration.workloads.map((w) => ({ workloadName: w.workloadName, fields: w.status.fields })),
  ).filter((row) => NOTICE_FIELDS.has(row.label.replace(/ \(.*\)$/, '')));
  const fields: LabelledValue[] = [
    { label: 'Workloads', value: workloadNames },
    ...rows,
    { label: 'Declared by', value: `${declaration.fm.name} (${declaration.fmRole})` },
  ];
  const status = declarationStatus(snapshot);
  const ftop = ftopEntry(snapshot);
  const undecided = declaration.state === 'awaiting-decision';
  return expandCard('channel-notice', {
    tenantId: declaration.tenantId,
    declarationId: declaration.declarationId,
    managerIds: managerIds.slice(0, MAX_REFRESH_USERS),
    title: noticeTitle(snapshot),
    customerName: declaration.customerName,
    intro: noticeIntro(snapshot, listOf(names)),
    asks: accountTeamAsks(snapshot),
    fields,
    statusText: status.headline,
    statusAt: status.at,
    statusStyle: status.style,
    decisionComment: declaration.decision?.comment ?? '',
    ftopText: ftop.text,
    ftopAt: ftop.at,
    showDecideEntry: undecided && audience === 'everyone',
    showDecisionButtons: undecided && audience === 'manager',
    commentMaxLength: MAX_DECISION_COMMENT_LENGTH,
  });
}

function noticeTitle({ declaration }: DeclarationSnapshot): string {
  if (declaration.state === 'withdrawn') return 'No Intent declaration withdrawn';
  if (declaration.state === 'rejected') return 'No Intent declaration rejected';
  return declaration.scenarioId === REVALIDATION ? 'No Intent re-validated' : 'No Intent declared';
}

/** What the FM declared, in the past tense once it no longer stands. */
function noticeIntro({ declaration }: DeclarationSnapshot, workloads: string): string {
  const fm = declaration.fm.name;
  if (declaration.state === 'withdrawn') {
    return `${fm} declared that the customer has no intent to deploy ${workloads}, then withdrew the declaration: it does not stand.`;
  }
  if (declaration.state === 'rejected') {
    return `${fm} declared that the customer has no intent to deploy ${workloads}; the managers rejected the declaration, so it does not stand.`;
  }
  return declaration.scenarioId === REVALIDATION
    ? `New subscriptions arrived for workloads that are already No Intent, and ${fm} validated No Intent with the account team or the customer (scenario 5). This is not a new declaration.`
    : `The customer has declared no intent to deploy ${workloads}. The playbook asks that the account team be told.`;
}

const REVALIDATION = 'new-subscriptions-under-no-intent';

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
