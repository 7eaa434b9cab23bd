/**
 * The declarations a manager may decide now, newest first; a digest's own declarations (those it
 * reminds of, read by id) first of all, so the oldest are never cut off by newer ones.
 */
import type { Declaration } from './declaration';
import { mayDecide } from './decideDeclaration';
import type { LedgerRepository } from './ledgerRepository';
import type { ManagerPolicy } from './managerPolicy';
import type { DigestNote } from './messenger';

export const AWAITING_SHOWN = 10;
/** Read beyond what is shown: some belong to teams this manager does not manage. */
const READ_AHEAD = 50;

export async function awaitingDecisionOf(
  deps: { readonly ledger: LedgerRepository; readonly policy: ManagerPolicy },
  orgTenantId: string,
  managerAadObjectId: string,
  digest?: DigestNote,
): Promise<Declaration[]> {
  const reminded = await Promise.all(
    (digest?.refs ?? [])
      .slice(0, AWAITING_SHOWN)
      .map((ref) => deps.ledger.readDeclaration(ref.tenantId, ref.declarationId)),
  );
  const awaiting = await deps.ledger.declarationsAwaitingDecision(orgTenantId, READ_AHEAD);
  const first = reminded.flatMap((s) =>
    s && s.declaration.state === 'awaiting-decision' ? [s.declaration] : [],
  );
  const seen = new Set(first.map((d) => d.declarationId));
  return [...first, ...awaiting.filter((d) => !seen.has(d.declarationId))]
    .filter((d) => mayDecide(deps.policy, managerAadObjectId, orgTenantId, d))
    .slice(0, AWAITING_SHOWN);
}
