/**
 * A manager hands a decision to another manager of the same team (or a global manager): the
 * other is reminded of it from now on, the one who handed it over no longer sees it in their
 * list, and every entitlement's history says so. Saved in one batch with its effects.
 */
import { delegate } from '../../playbook/entitlement';
import type { Person } from '../../playbook/person';
import { changeDeclaration, editEntitlements } from '../changeLedger';
import { mayDecide } from '../decideDeclaration';
import type { Declaration } from '../declaration';
import type { DeclarationSnapshot, LedgerRepository } from '../ledgerRepository';
import { managersOf, type ManagerPolicy } from '../managerPolicy';
import { followUpEntries, outboxEntry, type StoredOutboxEntry } from '../outbox';

export interface DelegationInput {
  readonly tenantId: string;
  readonly declarationId: string;
  readonly by: Person;
  readonly orgTenantId: string;
  readonly to: Person;
  readonly claim: { readonly by: string; readonly forMs: number };
}

export type DelegationResult =
  | {
      readonly kind: 'delegated';
      readonly snapshot: DeclarationSnapshot;
      readonly effects: readonly StoredOutboxEntry[];
    }
  | {
      readonly kind: 'not-allowed' | 'not-awaiting' | 'not-a-manager';
      readonly snapshot: DeclarationSnapshot;
    }
  | { readonly kind: 'not-found' };

/** Whom a manager may hand a declaration's decision to: the other managers who may decide it. */
export function delegatesOf(
  policy: ManagerPolicy,
  declaration: Declaration,
  manager: string,
): string[] {
  return managersOf(policy, declaration.noticeTarget?.teamId).filter((id) => id !== manager);
}

export async function delegateDecision(
  deps: {
    readonly ledger: LedgerRepository;
    readonly policy: ManagerPolicy;
    readonly now: () => Date;
  },
  input: DelegationInput,
): Promise<DelegationResult> {
  const result = await changeDeclaration<DelegationResult>(
    deps.ledger,
    input.tenantId,
    input.declarationId,
    ({ snapshot, records }) => {
      const { declaration } = snapshot;
      if (!mayDecide(deps.policy, input.by.aadObjectId, input.orgTenantId, declaration)) {
        return { result: { kind: 'not-allowed', snapshot } };
      }
      if (declaration.state !== 'awaiting-decision') {
        return { result: { kind: 'not-awaiting', snapshot } };
      }
      if (
        !delegatesOf(deps.policy, declaration, input.by.aadObjectId).includes(input.to.aadObjectId)
      ) {
        return { result: { kind: 'not-a-manager', snapshot } };
      }
      const now = deps.now();
      const at = now.toISOString();
      const edited = editEntitlements(
        snapshot.customer,
        records,
        (state) => delegate(state, declaration.declarationId, input.by, input.to, at),
        at,
      );
      const handed: Declaration = {
        ...declaration,
        delegation: { to: input.to, by: input.by, at },
        updatedAt: at,
      };
      const { tenantId, declarationId } = declaration;
      return {
        result: { kind: 'delegated', snapshot: { ...snapshot, declaration: handed }, effects: [] },
        change: {
          customer: edited.customer,
          customerEtag: snapshot.customer.etag,
          entitlements: edited.records,
          declaration: handed,
          effects: [
            outboxEntry(tenantId, declarationId, { effect: 'refresh-views' }, now, input.claim),
            // The manager it was handed to hears of it in their working hours.
            ...followUpEntries(
              tenantId,
              declarationId,
              [{ kind: 'decision-reminder', dueAt: at }],
              now,
            ),
          ],
        },
      };
    },
  );
  return result ?? { kind: 'not-found' };
}
