/**
 * The declaring FM takes back a declaration that awaits a decision: its entitlements return to
 * what they were, and the notice and lists say so. Saved in one batch with its effects.
 */
import { withdraw } from '../playbook/entitlement';
import type { Person } from '../playbook/person';
import { changeDeclaration, editEntitlements } from './changeLedger';
import type { Declaration } from './declaration';
import type { DeclarationSnapshot, LedgerRepository } from './ledgerRepository';
import { outboxEntry, type StoredOutboxEntry } from './outbox';

export interface WithdrawInput {
  readonly tenantId: string;
  readonly declarationId: string;
  readonly by: Person;
  readonly claim: { readonly by: string; readonly forMs: number };
}

export type WithdrawResult =
  | {
      readonly kind: 'withdrawn';
      readonly snapshot: DeclarationSnapshot;
      readonly effects: readonly StoredOutboxEntry[];
    }
  /** Only the FM who declared may withdraw. */
  | { readonly kind: 'not-yours'; readonly snapshot: DeclarationSnapshot }
  /** Decided or withdrawn already. */
  | { readonly kind: 'not-awaiting'; readonly snapshot: DeclarationSnapshot }
  | { readonly kind: 'not-found' };

export async function withdrawDeclaration(
  deps: { readonly ledger: LedgerRepository; readonly now: () => Date },
  input: WithdrawInput,
): Promise<WithdrawResult> {
  const result = await changeDeclaration<WithdrawResult>(
    deps.ledger,
    input.tenantId,
    input.declarationId,
    ({ snapshot, records }) => {
      const { declaration } = snapshot;
      if (declaration.fm.aadObjectId !== input.by.aadObjectId) {
        return { result: { kind: 'not-yours', snapshot } };
      }
      if (declaration.state !== 'awaiting-decision') {
        return { result: { kind: 'not-awaiting', snapshot } };
      }
      const now = deps.now();
      const at = now.toISOString();
      const edited = editEntitlements(
        snapshot.customer,
        records,
        (state) => withdraw(state, declaration.declarationId, input.by, at),
        at,
      );
      const withdrawn: Declaration = {
        ...declaration,
        state: 'withdrawn',
        withdrawal: { by: input.by, at },
        updatedAt: at,
      };
      const { tenantId, declarationId } = declaration;
      return {
        result: {
          kind: 'withdrawn',
          snapshot: { ...snapshot, declaration: withdrawn },
          effects: [],
        },
        change: {
          customer: edited.customer,
          customerEtag: snapshot.customer.etag,
          entitlements: edited.records,
          declaration: withdrawn,
          effects: [
            outboxEntry(tenantId, declarationId, { effect: 'update-notice' }, now, input.claim),
            outboxEntry(tenantId, declarationId, { effect: 'update-fm-card' }, now, input.claim),
            outboxEntry(tenantId, declarationId, { effect: 'refresh-views' }, now, input.claim),
          ],
        },
      };
    },
  );
  return result ?? { kind: 'not-found' };
}
