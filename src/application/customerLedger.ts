/**
 * One customer's entitlements as the bot holds them. Every change to a customer's ledger is one
 * transactional batch whose first operation replaces this document with the etag it was read
 * with, so two changes never interleave: of two FMs declaring at once, one batch applies and the
 * other applies nothing and is judged again against what the first one saved.
 */
import { NOTHING_KNOWN, type EntitlementState } from '../playbook/entitlement';

/** A channel of a team, by id. */
export interface ChannelRef {
  readonly teamId: string;
  readonly channelId: string;
}

export interface EntitlementEntry extends EntitlementState {
  readonly workloadId: string;
  readonly workloadName: string;
}

export interface CustomerLedger {
  readonly id: typeof CUSTOMER_DOCUMENT_ID;
  readonly type: 'customer';
  /** The customer's tenant id, and the partition key of everything about the customer. */
  readonly tenantId: string;
  readonly customerName: string;
  /** The organisation whose FMs keep this customer (where the app is installed). */
  readonly orgTenantId: string;
  /** One more with every change. */
  readonly version: number;
  /** Per workload id. */
  readonly entitlements: Readonly<Record<string, EntitlementEntry>>;
  /** Every declaration made for the customer, so a retried save is recognised. */
  readonly declarationIds: readonly string[];
  /** The channel of the customer's latest No Intent notice, offered as the next default. */
  readonly lastNoticeChannel: ChannelRef | null;
  readonly updatedAt: string;
}

export type StoredCustomer = CustomerLedger & { readonly etag: string };

export const CUSTOMER_DOCUMENT_ID = 'customer';

export function entitlementStateOf(
  customer: CustomerLedger | null | undefined,
  workloadId: string,
): EntitlementState {
  return customer?.entitlements[workloadId] ?? NOTHING_KNOWN;
}
