/**
 * The portal's rows of entitlements saved before the portal existed: built once from the ledger,
 * customer by customer. Safe to run on several instances at once and to stop half-way: building a
 * row again changes nothing, and the marker is set only after the last customer.
 */
import { eachCustomer } from '../eachCustomer';
import type { LedgerRepository } from '../ledgerRepository';
import type { PortalRepository } from './portalRepository';
import { projected, projectEntitlements } from './projectEntitlements';

export interface BuildDeps {
  readonly ledger: LedgerRepository;
  readonly portal: PortalRepository;
  readonly now: () => Date;
}

/** Returns how many customers' rows were built; 0 when they had been built before. */
export async function buildPortalRows(deps: BuildDeps): Promise<number> {
  if (await deps.portal.isBuilt()) return 0;
  let customers = 0;
  await eachCustomer(deps.ledger, async (customer) => {
    const workloadIds = Object.keys(customer.entitlements);
    if (workloadIds.length === 0) return;
    const { entitlements } = await deps.ledger.readEntitlements(customer.tenantId, workloadIds);
    await projectEntitlements(
      deps,
      entitlements.flatMap((record) => {
        const entry = customer.entitlements[record.workloadId];
        return entry ? [projected(customer, entry, record.fmIds, record.updatedAt)] : [];
      }),
    );
    customers += 1;
  });
  await deps.portal.markBuilt(deps.now().toISOString());
  return customers;
}
