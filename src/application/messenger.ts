/**
 * How the use cases reach Teams. The Teams edge renders every card from the data given here, so
 * a message always shows the current state of what it is about.
 */
import type { Declaration, NoticeTarget, PersonalAddress } from './declaration';
import type { CardRef } from './declarationMessages';
import type { DeclarationSnapshot } from './ledgerRepository';
import type { MyEntitlements } from './listMyEntitlements';
import type { FmNews } from './outbox';
import type { FollowUpKind } from './followUps/followUpKind';
import type { ReminderItem } from './followUps/reminderInbox';

export interface PostedMessage {
  readonly conversationId: string;
  readonly activityId: string;
}

/** The FM's card for a declaration; `noticeTargets` lets them choose a channel when it waits for one. */
export interface FmCardView {
  readonly snapshot: DeclarationSnapshot;
  readonly noticeTargets: readonly NoticeTarget[];
  readonly news?: FmNews;
}

/** A list on one person's screen (`viewer`: their Entra object id). */
export type ListView = { readonly viewer: string } & (
  | { readonly kind: 'my-declarations'; readonly list: MyEntitlements }
  | {
      readonly kind: 'awaiting-decision';
      readonly declarations: readonly Declaration[];
      /** Sent as the manager's daily reminder: it says so, and offers to snooze or stop it. */
      readonly digest?: DigestNote;
    }
);

/** What a manager's daily digest reminds them of. */
export interface DigestNote {
  /** The kinds of reminder it carries (decision reminders, escalations). */
  readonly kinds: readonly FollowUpKind[];
  /** The declarations it reminds of, as "<kind>:<declaration id>" keys. */
  readonly keys: readonly string[];
  /** Where those declarations are: the list shows them first, whatever else waits. */
  readonly refs?: readonly { readonly tenantId: string; readonly declarationId: string }[];
}

/** One reminder for an FM, about one declaration, with the workloads it still applies to. */
export interface ReminderView {
  readonly item: ReminderItem;
  readonly snapshot: DeclarationSnapshot;
  readonly workloadIds: readonly string[];
}

/**
 * What the channel shows of a notice: found (where), absent, or unknown when the bot cannot
 * read the channel (no permission, or no way to read it in this environment).
 */
export type NoticeLookup =
  | { readonly kind: 'found'; readonly posted: PostedMessage }
  | { readonly kind: 'absent' }
  | { readonly kind: 'cannot-look' };

export interface Messenger {
  /** Posts the notice as a new thread in the declaration's channel. */
  postNotice(snapshot: DeclarationSnapshot): Promise<PostedMessage>;
  /**
   * Looks in the declaration's channel for the bot's own notice of it: asked before posting
   * again after a post that may have arrived. Fails with a DeliveryError when the channel
   * could not be read just now.
   */
  findNotice(snapshot: DeclarationSnapshot): Promise<NoticeLookup>;
  /** Shows the current state on the posted notice, for everyone. */
  updateNotice(snapshot: DeclarationSnapshot): Promise<void>;
  updateFmCard(ref: CardRef, view: FmCardView): Promise<void>;
  /** Sends the FM a new live card with news, in their one-to-one chat. */
  sendFmCard(address: PersonalAddress, view: FmCardView): Promise<CardRef>;
  /** Turns a card that is no longer live into a short note that points to the newer one. */
  retireCard(ref: CardRef, kind: 'fm-card' | 'list'): Promise<void>;
  updateList(ref: CardRef, view: ListView): Promise<void>;
  /** Sends a manager their digest: the awaiting-decision list, as a reminder. */
  sendDigest(address: PersonalAddress, view: ListView): Promise<CardRef>;
  /** Sends an FM one reminder, in its own card. */
  sendReminder(address: PersonalAddress, view: ReminderView): Promise<CardRef>;
}

/** A failed call to Teams, sorted by what to do about it. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    /** HTTP status, or undefined for a network error. */
    readonly status: number | undefined,
    /** Retry later (throttling, outage) or never (bot not in the team, thread gone). */
    readonly permanent: boolean,
    /** From Retry-After, when Teams said how long to wait. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }

  /**
   * Whether Teams may have done it anyway: the connection dropped or timed out after the request
   * was sent, or a gateway answered for a service that may have finished the work.
   */
  get mayHaveArrived(): boolean {
    return this.status === undefined || AMBIGUOUS.has(this.status);
  }
}

const AMBIGUOUS = new Set([500, 502, 504]);

const RETRYABLE = new Set([412, 429, 500, 502, 503, 504]);

/** 403 (bot not in the team) and 404 (conversation not found) will not heal by waiting. */
export function isPermanentStatus(status: number | undefined): boolean {
  return status !== undefined && !RETRYABLE.has(status) && status >= 400 && status < 500;
}
