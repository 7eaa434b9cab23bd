/**
 * The document of one entitlement: its current FTOP values and where they stand (as in the
 * customer's ledger) and its whole history. Written in the same batch as the customer's ledger.
 */
import type { Transition } from '../playbook/entitlement';
import type { EntitlementEntry } from './customerLedger';

export interface EntitlementRecord extends EntitlementEntry {
  readonly id: string;
  readonly type: 'entitlement';
  readonly tenantId: string;
  readonly customerName: string;
  readonly orgTenantId: string;
  /** Everyone who declared for it: each finds it in "my declarations". */
  readonly fmIds: readonly string[];
  /** Lower-case customer name, tenant id and workload, for searching. */
  readonly searchText: string;
  readonly updatedAt: string;
  /** Every transition, oldest first; entries are only ever appended. */
  readonly history: readonly Transition[];
}

/** An entitlement without its history, as lists show it. */
export type EntitlementSummary = Omit<EntitlementRecord, 'history'>;

export function entitlementId(workloadId: string): string {
  return `entitlement.${workloadId}`;
}

export function searchTextOf(customerName: string, tenantId: string, workloadName: string): string {
  return `${customerName} ${tenantId} ${workloadName}`.toLowerCase();
}
