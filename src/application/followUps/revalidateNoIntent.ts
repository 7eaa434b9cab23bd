/**
 * The FM answers a re-validation: the confirmed No Intent still holds. Each entitlement it still
 * sets records that in its history, and the next question is scheduled. Saved in one batch.
 */
import { validate } from '../../playbook/entitlement';
import type { Person } from '../../playbook/person';
import { changeDeclaration, editEntitlements } from '../changeLedger';
import type { DeclarationSnapshot, LedgerRepository } from '../ledgerRepository';
import { followUpEntries, outboxEntry, type StoredOutboxEntry } from '../outbox';
import { nextRevalidation, stillApplies, type FollowUpSettings } from './followUpRules';

export type RevalidationResult =
  | {
      readonly kind: 'validated';
      readonly snapshot: DeclarationSnapshot;
      readonly effects: readonly StoredOutboxEntry[];
      /** When the question comes again. */
      readonly nextAt: string;
    }
  | { readonly kind: 'not-yours' | 'not-standing'; readonly snapshot: DeclarationSnapshot }
  | { readonly kind: 'not-found' };

export async function confirmStillNoIntent(
  deps: {
    readonly ledger: LedgerRepository;
    readonly now: () => Date;
    readonly followUps: FollowUpSettings;
  },
  input: {
    readonly tenantId: string;
    readonly declarationId: string;
    readonly by: Person;
    readonly claim: { readonly by: string; readonly forMs: number };
  },
): Promise<RevalidationResult> {
  const result = await changeDeclaration<RevalidationResult>(
    deps.ledger,
    input.tenantId,
    input.declarationId,
    ({ snapshot, records }) => {
      const { declaration } = snapshot;
      if (declaration.fm.aadObjectId !== input.by.aadObjectId) {
        return { result: { kind: 'not-yours', snapshot } };
      }
      if (stillApplies('revalidation', snapshot).length === 0) {
        return { result: { kind: 'not-standing', snapshot } };
      }
      const now = deps.now();
      const at = now.toISOString();
      const edited = editEntitlements(
        snapshot.customer,
        records,
        (state) => validate(state, declaration.declarationId, input.by, at),
        at,
      );
      const next = nextRevalidation(now, deps.followUps);
      const { tenantId, declarationId } = declaration;
      return {
        result: { kind: 'validated', snapshot, effects: [], nextAt: next.dueAt },
        change: {
          customer: edited.customer,
          customerEtag: snapshot.customer.etag,
          entitlements: edited.records,
          effects: [
            outboxEntry(tenantId, declarationId, { effect: 'refresh-views' }, now, input.claim),
            ...followUpEntries(tenantId, declarationId, [next], now),
          ],
        },
      };
    },
  );
  return result ?? { kind: 'not-found' };
}
