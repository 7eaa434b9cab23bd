/**
 * Declaring again after a rejection or a withdrawal: who may, for which workloads, and the draft
 * it starts from (the earlier answers, for the workloads the closed declaration still speaks
 * for).
 */
import type { Person } from '../playbook/person';
import { isAwaitingDecision } from '../playbook/entitlement';
import type { DeclarationDraft } from './declarationDraft';
import type { Declaration } from './declaration';
import type { DeclarationSnapshot } from './ledgerRepository';

export type DeclareAgain =
  | {
      readonly kind: 'ready';
      readonly draft: DeclarationDraft;
      /** The declaration it starts again from, rejected or withdrawn. */
      readonly earlier: Declaration;
    }
  /** Only the FM who declared may start again from their declaration. */
  | { readonly kind: 'not-yours' }
  /** Not rejected or withdrawn, or followed by another declaration since. */
  | { readonly kind: 'nothing-to-redo' }
  /** Another declaration awaits a decision for its workloads. */
  | { readonly kind: 'awaiting-another' };

export function declareAgainFrom(snapshot: DeclarationSnapshot, person: Person): DeclareAgain {
  const { declaration, customer } = snapshot;
  if (declaration.fm.aadObjectId !== person.aadObjectId) return { kind: 'not-yours' };
  if (declaration.state !== 'rejected' && declaration.state !== 'withdrawn') {
    return { kind: 'nothing-to-redo' };
  }
  const entries = declaration.workloads.flatMap((w) => {
    const entry = customer.entitlements[w.workloadId];
    return entry ? [entry] : [];
  });
  const closedHere = entries.filter((e) => e.closed?.declarationId === declaration.declarationId);
  if (closedHere.length === 0) return { kind: 'nothing-to-redo' };
  if (entries.some((e) => isAwaitingDecision(e))) return { kind: 'awaiting-another' };
  return {
    kind: 'ready',
    earlier: declaration,
    draft: {
      customer: {
        name: declaration.customerName,
        tenantId: declaration.tenantId,
        workloadIds: closedHere.map((e) => e.workloadId),
      },
      scenarioId: declaration.scenarioId,
      answers: declaration.answers,
    },
  };
}
