/** How notices reach Teams. The Teams edge renders the cards; the use cases decide when. */
import type { Notice, PersonalAddress } from './notice';

export interface PostedMessage {
  readonly conversationId: string;
  readonly activityId: string;
}

export interface NoticePublisher {
  /** Posts the notice as a new thread in its target channel. */
  post(notice: Notice): Promise<PostedMessage>;
  /** Replaces the posted card, so everyone sees the current status. */
  update(notice: Notice): Promise<void>;
  /** Tells the FM how their declaration was decided, or what became of its notice. */
  tellFm(
    address: PersonalAddress,
    notice: Notice,
    about: 'decision' | 'delivery-failed',
  ): Promise<void>;
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
}

const RETRYABLE = new Set([412, 429, 500, 502, 503, 504]);

/** 403 (bot not in the team) and 404 (conversation not found) will not heal by waiting. */
export function isPermanentStatus(status: number | undefined): boolean {
  return status !== undefined && !RETRYABLE.has(status) && status >= 400 && status < 500;
}
