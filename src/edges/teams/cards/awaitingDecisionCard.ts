import { MAX_DECISION_COMMENT_LENGTH } from '../../../application/decideDeclaration';
import type { Declaration } from '../../../application/declaration';
import type { DigestNote } from '../../../application/messenger';
import { kindSnoozeKey } from '../../../application/followUps/reminderInbox';
import { findScenario } from '../../../playbook/scenarios';
import { listOf } from '../../../playbook/listOf';
import { cardMoment } from './cardDates';
import { shortened } from './shortened';
import { expandCard, type AdaptiveCardJson } from './cardTemplate';

/** A list of ten stays well under Teams' size limit; the notice shows the whole note. */
const MAX_REASON_SHOWN = 300;

/** What the list says of each declaration beyond the declaration itself. */
export interface AwaitingExtras {
  /** How long it has waited, as "Waiting for 3 working days" or the like. */
  readonly waited?: Readonly<Record<string, string>>;
  /** The other managers it can be handed to, by declaration id. */
  readonly delegates?: Readonly<Record<string, readonly { title: string; value: string }[]>>;
}

/**
 * A manager's list, with plain Submit buttons: it works in every client, Universal Actions or
 * not. Teams refreshes it for its reader when shown, and the bot updates it in place. Sent as
 * the manager's daily reminder (`digest`), it says so and offers to snooze or stop it.
 */
export function awaitingDecisionCard(
  declarations: readonly Declaration[],
  viewer: string,
  notice = '',
  digest?: DigestNote,
  extras: AwaitingExtras = {},
): AdaptiveCardJson {
  return expandCard('awaiting-decision', {
    viewerIds: [viewer],
    notice,
    digestText: digest ? digestText(digest, declarations) : '',
    snoozeKeys: digest ? digest.kinds.map(kindSnoozeKey).join(',') : '',
    digestKinds: digest ? digest.kinds.join(',') : '',
    emptyText: 'Nothing is waiting for your decision.',
    commentMaxLength: MAX_DECISION_COMMENT_LENGTH,
    declarations: declarations.map((d) => {
      const scenario = findScenario(d.scenarioId);
      const l2s = [...new Set(d.workloads.map((w) => w.status.fields.l2))].join(', ');
      // Handed over, it stays on every manager's list, saying to whom; only they are reminded.
      const handed = d.delegation;
      const handedBy = !handed
        ? ''
        : handed.to.aadObjectId === viewer
          ? `Handed to you by ${handed.by.name}`
          : `Handed to ${handed.to.name} by ${handed.by.aadObjectId === viewer ? 'you' : handed.by.name}`;
      return {
        tenantId: d.tenantId,
        declarationId: d.declarationId,
        customerName: d.customerName,
        workloadNames: d.workloads.map((w) => w.workloadName).join(', '),
        summary: `Scenario ${scenario?.number ?? '?'}${scenario?.kind === 'existing-no-intent' ? ' (re-validation after new subscriptions)' : ''} · ${l2s} · by ${d.fm.name}`,
        declaredAt: cardMoment(d.createdAt),
        waited: [extras.waited?.[d.declarationId], handedBy].filter(Boolean).join(' · '),
        delegates: extras.delegates?.[d.declarationId] ?? [],
        reason: shortened(d.workloads[0]?.status.fields.notes ?? '', MAX_REASON_SHOWN),
      };
    }),
  });
}

/** What the reminder is about, of what is still on the list (it is redrawn as things change). */
function digestText(digest: DigestNote, declarations: readonly Declaration[]): string {
  const waiting = (kind: string) =>
    digest.keys.filter(
      (k) =>
        k.startsWith(`${kind}:`) &&
        declarations.some((d) => k.slice(kind.length + 1).startsWith(d.declarationId)),
    ).length;
  const reminded = waiting('decision-reminder');
  const escalated = waiting('decision-escalation');
  if (reminded + escalated === 0) {
    return 'Reminder: the declarations this reminder was about no longer wait for a decision (decided or withdrawn). Nothing more to do here.';
  }
  const parts = [
    reminded > 0
      ? `${reminded === 1 ? '1 declaration waits' : `${reminded} declarations wait`} for your decision (each says how long)`
      : '',
    escalated > 0
      ? `${escalated === 1 ? '1 declaration was' : `${escalated} declarations were`} escalated to you: no manager of its team decided in time`
      : '',
  ].filter(Boolean);
  return `Reminder: ${listOf(parts)}. Decide below, or hand a decision to another manager. This reminder comes each working morning while they wait.`;
}
