/** The declarations a manager may decide now, newest first. */
import type { Declaration } from './declaration';
import { mayDecide } from './decideDeclaration';
import type { LedgerRepository } from './ledgerRepository';
import type { ManagerPolicy } from './managerPolicy';

export const AWAITING_SHOWN = 10;
/** Read beyond what is shown: some belong to teams this manager does not manage. */
const READ_AHEAD = 50;

export async function awaitingDecisionOf(
  deps: { readonly ledger: LedgerRepository; readonly policy: ManagerPolicy },
  orgTenantId: string,
  managerAadObjectId: string,
): Promise<Declaration[]> {
  const awaiting = await deps.ledger.declarationsAwaitingDecision(orgTenantId, READ_AHEAD);
  return awaiting
    .filter((d) => mayDecide(deps.policy, managerAadObjectId, orgTenantId, d))
    .slice(0, AWAITING_SHOWN);
}
