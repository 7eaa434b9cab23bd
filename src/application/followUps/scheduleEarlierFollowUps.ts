/**
 * Follow-ups of declarations saved before the bot kept them: scheduled once, from what each
 * declaration's dates would have scheduled then (so one long overdue comes due at once, and is
 * sent only if it still applies). Safe on several instances at once and if stopped half-way:
 * an entry already waiting is left as it is, and the marker is set only after the last customer.
 */
import { eachCustomer } from '../eachCustomer';
import type { LedgerRepository } from '../ledgerRepository';
import { followUpEntries } from '../outbox';
import { followUpsOfDecision, followUpsOfSaved, type FollowUpSettings } from './followUpRules';
import type { ReminderRepository } from './reminderRepository';

export interface EarlierFollowUpDeps {
  readonly ledger: LedgerRepository;
  readonly reminders: ReminderRepository;
  readonly now: () => Date;
  readonly followUps: FollowUpSettings;
}

/** Returns how many declarations got follow-ups; 0 when this was done before. */
export async function scheduleEarlierFollowUps(deps: EarlierFollowUpDeps): Promise<number> {
  if (await deps.reminders.isMarked(MARKER)) return 0;
  let scheduled = 0;
  await eachCustomer(deps.ledger, async (customer) => {
    const current = new Set(
      Object.values(customer.entitlements).flatMap((e) =>
        e.declaration ? [e.declaration.declarationId] : [],
      ),
    );
    for (const declarationId of current) {
      const snapshot = await deps.ledger.readDeclaration(customer.tenantId, declarationId);
      if (!snapshot) continue;
      const { declaration } = snapshot;
      const followUps = declaration.decision
        ? followUpsOfDecision(declaration, new Date(declaration.decision.at), deps.followUps)
        : followUpsOfSaved(declaration, new Date(declaration.createdAt), deps.followUps);
      if (followUps.length === 0) continue;
      await deps.ledger.scheduleEffects(
        followUpEntries(customer.tenantId, declarationId, followUps, deps.now()),
      );
      scheduled += 1;
    }
  });
  await deps.reminders.mark(MARKER, deps.now().toISOString());
  return scheduled;
}

/** The one-time task's marker; a database seeded without follow-ups sets it too. */
export const EARLIER_FOLLOW_UPS_MARKER = 'earlier-follow-ups-scheduled';
const MARKER = EARLIER_FOLLOW_UPS_MARKER;
