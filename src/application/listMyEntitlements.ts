/**
 * "My declarations" as a working list: the entitlements an FM declared for, those that need the
 * FM first (values to enter or put back in FTOP, a rejection to act on), then the most recent.
 */
import { ftopTask, lifecycleOf } from '../playbook/entitlement';
import type { EntitlementSummary } from './entitlementRecord';
import type { LedgerRepository } from './ledgerRepository';

export const MY_ENTITLEMENTS_SHOWN = 10;
/** Read beyond what is shown, so what needs the FM can come first. */
const READ_AHEAD = 30;
export const MAX_FILTER_LENGTH = 100;

export interface MyEntitlements {
  /** What the list is narrowed to; empty for everything. */
  readonly filter: string;
  readonly entries: readonly EntitlementSummary[];
  /** More matched than are shown. */
  readonly more: boolean;
}

export async function listMyEntitlements(
  ledger: LedgerRepository,
  orgTenantId: string,
  fmAadObjectId: string,
  filter: string,
): Promise<MyEntitlements> {
  const text = filter.trim().toLowerCase().slice(0, MAX_FILTER_LENGTH);
  const found = await ledger.entitlementsOfFm(
    orgTenantId,
    fmAadObjectId,
    text ? { text } : {},
    READ_AHEAD + 1,
  );
  const ordered = [...found.slice(0, READ_AHEAD)].sort((a, b) => urgency(b) - urgency(a));
  return {
    filter: text,
    entries: ordered.slice(0, MY_ENTITLEMENTS_SHOWN),
    more: found.length > MY_ENTITLEMENTS_SHOWN,
  };
}

/** Higher first: the FM's own next step, then what waits on others. Ties keep the newest first. */
function urgency(entry: EntitlementSummary): number {
  const lifecycle = lifecycleOf(entry);
  if (ftopTask(entry)?.kind === 'put-back') return 3;
  if (lifecycle === 'rejected' || ftopTask(entry)) return 2;
  if (lifecycle === 'awaiting-decision') return 1;
  return 0;
}
