/** One entitlement with its history, for whoever may see it. */
import type { EntitlementRecord } from './entitlementRecord';
import type { LedgerRepository } from './ledgerRepository';
import { isManager, type ManagerPolicy } from './managerPolicy';

/**
 * The FMs who declared for it and the managers of every team see it, within its organisation;
 * for anyone else it does not exist.
 */
export async function entitlementDetails(
  deps: { readonly ledger: LedgerRepository; readonly policy: ManagerPolicy },
  request: {
    readonly tenantId: string;
    readonly workloadId: string;
    readonly aadObjectId: string;
    readonly orgTenantId: string;
  },
): Promise<EntitlementRecord | undefined> {
  const record = await deps.ledger.readEntitlement(request.tenantId, request.workloadId);
  if (!record || record.orgTenantId !== request.orgTenantId) return undefined;
  const mayRead =
    record.fmIds.includes(request.aadObjectId) || isManager(deps.policy, request.aadObjectId, null);
  return mayRead ? record : undefined;
}
