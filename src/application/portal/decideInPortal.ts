/**
 * A manager confirms or rejects a declaration from the portal: the same use case and the same
 * authorization as the notice card's buttons, and the same effects (the card everyone sees in the
 * channel, the FM's news, the lists and the portal's rows), started once the answer is on its way.
 */
import { cleanText } from '../cleanText';
import { decideDeclaration, MAX_DECISION_COMMENT_LENGTH } from '../decideDeclaration';
import type { EffectRunner } from '../effectRunner';
import type { DeclarationSnapshot, LedgerRepository } from '../ledgerRepository';
import type { ManagerPolicy } from '../managerPolicy';
import type { FollowUpSettings } from '../followUps/followUpRules';
import type { PortalDecisionAnswer, PortalDecisionRequest } from './portalContract';
import type { PortalCaller } from './portalViews';

export interface PortalDecisionDeps {
  readonly ledger: LedgerRepository;
  readonly policy: ManagerPolicy;
  readonly effects: EffectRunner;
  readonly now: () => Date;
  readonly followUps?: FollowUpSettings;
}

export async function decideInPortal(
  deps: PortalDecisionDeps,
  caller: PortalCaller,
  request: PortalDecisionRequest,
): Promise<PortalDecisionAnswer | 'not-found'> {
  const result = await decideDeclaration(deps, {
    tenantId: request.tenantId,
    declarationId: request.declarationId,
    decider: caller.person,
    orgTenantId: caller.orgTenantId,
    outcome: request.outcome,
    comment: cleanText(request.comment ?? '', { lines: true }).slice(
      0,
      MAX_DECISION_COMMENT_LENGTH,
    ),
    claim: deps.effects.newClaim(),
  });
  switch (result.kind) {
    case 'not-found':
      return 'not-found';
    case 'not-allowed':
      // Another organisation's declaration is not admitted to exist.
      if (result.snapshot.declaration.orgTenantId !== caller.orgTenantId) return 'not-found';
      return {
        decided: false,
        message: `Only the managers of ${teamOf(result.snapshot)} can confirm or reject ${titleOf(result.snapshot)}. Nothing changed.`,
      };
    case 'already-decided': {
      const decision = result.snapshot.declaration.decision;
      if (
        decision?.by.aadObjectId === caller.person.aadObjectId &&
        decision.outcome === request.outcome
      ) {
        // This person's own decision, saved by an earlier try of the same request.
        return { decided: true, message: decidedMessage(result.snapshot, request.outcome) };
      }
      return {
        decided: false,
        message: `${titleOf(result.snapshot)} is no longer awaiting a decision: ${stateOf(result.snapshot)}. Nothing changed.`,
      };
    }
    case 'decided':
      deps.effects.runSoon(result.effects);
      return { decided: true, message: decidedMessage(result.snapshot, request.outcome) };
  }
}

function decidedMessage(snapshot: DeclarationSnapshot, outcome: 'confirmed' | 'rejected'): string {
  const { declaration } = snapshot;
  const fm = declaration.fm.name || 'the FM';
  const target = declaration.noticeTarget;
  const where = target
    ? `The notice in ${target.teamName} › ${target.channelName} will show it, and ${fm} will be told.`
    : `${fm} will be told.`;
  return `You ${outcome} ${titleOf(snapshot)}. ${where[0]!.toUpperCase()}${where.slice(1)}`;
}

function titleOf(snapshot: DeclarationSnapshot): string {
  const { declaration } = snapshot;
  return `${declaration.customerName} · ${declaration.workloads.map((w) => w.workloadName).join(', ')}`;
}

function teamOf(snapshot: DeclarationSnapshot): string {
  return snapshot.declaration.noticeTarget?.teamName ?? 'the account team';
}

function stateOf(snapshot: DeclarationSnapshot): string {
  const { declaration } = snapshot;
  const by = declaration.decision?.by.name;
  if (declaration.state === 'withdrawn') return 'it was withdrawn';
  return by ? `${declaration.state} by ${by}` : declaration.state;
}
