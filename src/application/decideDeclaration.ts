/**
 * A manager confirms or rejects a declaration. The decision, every entitlement it touches (with
 * its transition) and the effects it starts (the cards everyone sees, the FM's news, the lists on
 * screen) are saved in one batch, so a decision is never recorded halfway.
 */
import { decide, type Decision } from '../playbook/entitlement';
import type { Person } from '../playbook/person';
import { changeDeclaration, editEntitlements } from './changeLedger';
import type { Declaration } from './declaration';
import type { DeclarationSnapshot, LedgerRepository } from './ledgerRepository';
import { isManager, managersOf, type ManagerPolicy } from './managerPolicy';
import { followUpEntries, outboxEntry, type StoredOutboxEntry } from './outbox';
import {
  DEFAULT_FOLLOW_UPS,
  followUpsOfDecision,
  type FollowUpSettings,
} from './followUps/followUpRules';

export interface DecisionInput {
  readonly tenantId: string;
  readonly declarationId: string;
  readonly decider: Person;
  /** The organisation the decider belongs to (where the app is installed). */
  readonly orgTenantId: string;
  readonly outcome: Decision['outcome'];
  readonly comment: string;
  /** The claim under which this caller carries out the effects right after. */
  readonly claim: { readonly by: string; readonly forMs: number };
}

export type DecisionResult =
  | {
      readonly kind: 'decided';
      readonly snapshot: DeclarationSnapshot;
      readonly effects: readonly StoredOutboxEntry[];
    }
  /** Decided or withdrawn before: the snapshot says by whom. */
  | { readonly kind: 'already-decided'; readonly snapshot: DeclarationSnapshot }
  | { readonly kind: 'not-allowed'; readonly snapshot: DeclarationSnapshot }
  | { readonly kind: 'not-found' };

export interface DecisionDeps {
  readonly ledger: LedgerRepository;
  readonly policy: ManagerPolicy;
  readonly now: () => Date;
  /** When the follow-ups of a decision come; the defaults when absent. */
  readonly followUps?: FollowUpSettings;
}

export const MAX_DECISION_COMMENT_LENGTH = 500;

export async function decideDeclaration(
  deps: DecisionDeps,
  input: DecisionInput,
): Promise<DecisionResult> {
  const result = await changeDeclaration<DecisionResult>(
    deps.ledger,
    input.tenantId,
    input.declarationId,
    ({ snapshot, records }) => {
      const { declaration } = snapshot;
      if (!mayDecide(deps.policy, input.decider.aadObjectId, input.orgTenantId, declaration)) {
        return { result: { kind: 'not-allowed', snapshot } };
      }
      if (declaration.state !== 'awaiting-decision') {
        return { result: { kind: 'already-decided', snapshot } };
      }
      const now = deps.now();
      const at = now.toISOString();
      const decision: Decision = {
        outcome: input.outcome,
        by: input.decider,
        at,
        comment: input.comment.trim(),
      };
      const edited = editEntitlements(
        snapshot.customer,
        records,
        (state) => decide(state, declaration.declarationId, decision),
        at,
      );
      const decided: Declaration = {
        ...declaration,
        state: decision.outcome,
        decision,
        updatedAt: at,
      };
      const { tenantId, declarationId } = declaration;
      return {
        result: { kind: 'decided', snapshot: { ...snapshot, declaration: decided }, effects: [] },
        change: {
          customer: edited.customer,
          customerEtag: snapshot.customer.etag,
          entitlements: edited.records,
          declaration: decided,
          effects: [
            outboxEntry(tenantId, declarationId, { effect: 'update-notice' }, now, input.claim),
            // The news comes as a new live card, which retires the one above: no redraw first.
            outboxEntry(
              tenantId,
              declarationId,
              { effect: 'tell-fm', news: 'decided' },
              now,
              input.claim,
            ),
            outboxEntry(tenantId, declarationId, { effect: 'refresh-views' }, now, input.claim),
            ...followUpEntries(
              tenantId,
              declarationId,
              followUpsOfDecision(decided, now, deps.followUps ?? DEFAULT_FOLLOW_UPS),
              now,
            ),
          ],
        },
      };
    },
  );
  return result ?? { kind: 'not-found' };
}

/**
 * The managers of the notice's team (before it has a team, the managers of every team), in the
 * declaration's own organisation.
 */
export function mayDecide(
  policy: ManagerPolicy,
  aadObjectId: string,
  orgTenantId: string,
  declaration: Declaration,
): boolean {
  return (
    declaration.orgTenantId === orgTenantId &&
    isManager(policy, aadObjectId, declaration.noticeTarget?.teamId)
  );
}

export function decidersOf(policy: ManagerPolicy, declaration: Declaration): string[] {
  return managersOf(policy, declaration.noticeTarget?.teamId);
}
