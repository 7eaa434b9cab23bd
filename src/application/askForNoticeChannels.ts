/**
 * When the app joins a team, each No Intent declaration of that organisation whose notice waited
 * for a team asks its FM, in their chat, which channel the notice goes to.
 */
import type { LedgerRepository } from './ledgerRepository';
import { outboxEntry, type StoredOutboxEntry } from './outbox';

/** The most declarations asked about at once; the rest on the next team event. */
const MAX_WAITING = 50;

export async function askForNoticeChannels(
  deps: { readonly ledger: LedgerRepository; readonly now: () => Date },
  orgTenantId: string,
  claim: { readonly by: string; readonly forMs: number },
): Promise<StoredOutboxEntry[]> {
  const waiting = await deps.ledger.declarationsAwaitingChannel(orgTenantId, MAX_WAITING);
  const scheduled = await Promise.all(
    waiting.map((declaration) =>
      deps.ledger.scheduleEffects([
        outboxEntry(
          declaration.tenantId,
          declaration.declarationId,
          { effect: 'tell-fm', news: 'team-added' },
          deps.now(),
          claim,
        ),
      ]),
    ),
  );
  return scheduled.flat();
}
