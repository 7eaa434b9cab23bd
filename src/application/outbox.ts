/**
 * Side effects still to carry out. An outbox entry is written in the same batch as the change
 * that causes it, so a change and the promise of its effects are saved together or not at all.
 * Every instance carries out due entries, each claimed first with an etag check.
 */

import type { FollowUpKind, ScheduledFollowUp } from './followUps/followUpKind';

export type EffectKind =
  /** Post the account team's notice. */
  | 'post-notice'
  /** Show the current state on the posted notice. */
  | 'update-notice'
  /** Show the current state on the FM's live card. */
  | 'update-fm-card'
  /** Tell the FM something in their chat, with a new live card. */
  | 'tell-fm'
  /**
   * Show the current state everywhere else it is looked at: the "my declarations" and "awaiting
   * my decision" lists on screen, and the portal's rows and chart summaries.
   */
  | 'refresh-views'
  /** As written by earlier versions: the lists only; carried out as refresh-views. */
  | 'refresh-lists'
  /** Something to finish later: a reminder, an escalation, a re-validation (see followUp). */
  | 'follow-up';

/** What the FM is told by a tell-fm entry. */
export type FmNews = 'decided' | 'delivery-failed' | 'team-added' | 'escalated';

export interface OutboxEntry {
  readonly id: string;
  readonly type: 'outbox';
  readonly tenantId: string;
  readonly declarationId: string;
  readonly effect: EffectKind;
  readonly news: FmNews | null;
  /** What a follow-up entry is to follow up; null for every other effect. */
  readonly followUp?: FollowUpKind | null;
  /** When any instance may carry it out (and the claim, if any, has expired). */
  readonly dueAt: string;
  readonly attempts: number;
  readonly claimedBy: string | null;
  readonly claimExpiresAt: string | null;
  readonly lastError: string | null;
  readonly createdAt: string;
}

export type StoredOutboxEntry = OutboxEntry & { readonly etag: string };

export interface NewEffect {
  readonly effect: EffectKind;
  readonly news?: FmNews;
  readonly followUp?: FollowUpKind;
  /** Not before this moment; now when absent. */
  readonly dueAt?: string;
}

/**
 * An entry for an effect of a change. With a claim, the caller carries it out right after the
 * change is saved, and other instances keep off until the claim expires.
 */
export function outboxEntry(
  tenantId: string,
  declarationId: string,
  { effect, news, followUp, dueAt }: NewEffect,
  now: Date,
  claim?: { readonly by: string; readonly forMs: number },
): OutboxEntry {
  const at = now.toISOString();
  const detail = news ?? followUp;
  return {
    id: `outbox.${declarationId}.${effect}${detail ? `.${detail}` : ''}`,
    type: 'outbox',
    tenantId,
    declarationId,
    effect,
    news: news ?? null,
    ...(followUp ? { followUp } : {}),
    dueAt: dueAt ?? at,
    attempts: 0,
    claimedBy: claim?.by ?? null,
    claimExpiresAt: claim ? new Date(now.getTime() + claim.forMs).toISOString() : null,
    lastError: null,
    createdAt: at,
  };
}

/** Entries for follow-ups, due when each is; nobody holds them until then. */
export function followUpEntries(
  tenantId: string,
  declarationId: string,
  followUps: readonly ScheduledFollowUp[],
  now: Date,
): OutboxEntry[] {
  return followUps.map(({ kind, dueAt }) =>
    outboxEntry(tenantId, declarationId, { effect: 'follow-up', followUp: kind, dueAt }, now),
  );
}
