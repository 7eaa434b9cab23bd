/** The No Intent notice of one declaration: where it goes, whether it got there, who decided. */
import type { Person } from './declarationRecord';

/** A channel of a team where the app is installed. */
export interface NoticeTarget {
  /** The organisation's own tenant, where the app is installed (not the customer's). */
  readonly orgTenantId: string;
  readonly teamId: string;
  readonly teamName: string;
  readonly channelId: string;
  readonly channelName: string;
  readonly serviceUrl: string;
}

/** Where the bot can reach a person in a one-to-one chat. */
export interface PersonalAddress {
  readonly serviceUrl: string;
  readonly conversationId: string;
  readonly userId: string;
  readonly orgTenantId: string;
}

export interface Delivery {
  readonly status: 'pending' | 'posted' | 'failed';
  readonly attempts: number;
  /** When a sweep may try again (pending only). */
  readonly nextAttemptAt: string;
  /** The instance that is posting right now; others keep off until the claim expires. */
  readonly claimedBy: string | null;
  readonly claimExpiresAt: string | null;
  readonly conversationId: string | null;
  readonly activityId: string | null;
  readonly lastError: string | null;
}

export interface Decision {
  readonly outcome: 'confirmed' | 'rejected';
  readonly by: Person;
  readonly at: string;
  readonly comment: string;
}

export interface Notice {
  /** The declaration id: one notice per declaration. */
  readonly id: string;
  /** Every notice shares one partition, so the sweep and the managers' list read one partition. */
  readonly bucket: typeof NOTICE_BUCKET;
  readonly declarationId: string;
  readonly customerTenantId: string;
  readonly customerName: string;
  readonly workloadNames: readonly string[];
  readonly l1: string;
  readonly l2: string;
  readonly l3: string;
  readonly reason: string;
  readonly fm: Person;
  readonly fmRole: string;
  readonly fmAddress: PersonalAddress | null;
  readonly target: NoticeTarget;
  readonly delivery: Delivery;
  readonly decision: Decision | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type StoredNotice = Notice & { readonly etag: string };

export const NOTICE_BUCKET = 'notices';
export const MAX_DECISION_COMMENT_LENGTH = 500;
