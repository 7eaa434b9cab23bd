/**
 * What happens when someone taps a notice card or a manager's list: a manager's view, a
 * decision, or a refusal. Used by the Universal Actions invoke and by the Action.Submit buttons
 * alike; the caller puts the answer where it was tapped.
 */
import { logger } from '../../log/logger';
import { decideDeclaration, decidersOf, mayDecide } from '../../application/decideDeclaration';
import type { EffectRunner } from '../../application/effectRunner';
import type { DeclarationSnapshot, LedgerRepository } from '../../application/ledgerRepository';
import type { ManagerPolicy } from '../../application/managerPolicy';
import type { FollowUpSettings } from '../../application/followUps/followUpRules';
import type { Person } from '../../playbook/person';
import type { AdaptiveCardJson } from './cards/cardTemplate';
import { channelNoticeCard } from './cards/channelNoticeCard';
import { declarationStatus, declarationTitle } from './cards/declarationView';
import { refusalCard } from './cards/refusalCard';
import type { NoticeData, NoticeVerb } from './cardSubmit';

export type NoticeReply =
  | {
      readonly card: AdaptiveCardJson;
      /** One line on what happened, for a list redrawn after the tap. */
      readonly summary: string;
    }
  | { readonly text: string };

export interface NoticeActionDeps {
  readonly ledger: LedgerRepository;
  readonly policy: ManagerPolicy;
  readonly effects: EffectRunner;
  readonly now: () => Date;
  readonly followUps?: FollowUpSettings;
}

export class NoticeActions {
  constructor(private readonly deps: NoticeActionDeps) {}

  async handle(
    verb: NoticeVerb,
    data: NoticeData,
    person: Person,
    /** The person's organisation: a declaration of another one is not theirs to decide. */
    orgTenantId: string,
    /** False for Teams' automatic refresh, true when the person tapped. */
    tapped: boolean,
  ): Promise<NoticeReply> {
    if (verb === 'refreshNotice') return this.view(data, person, orgTenantId, tapped);
    const outcome = verb === 'confirmDeclaration' ? 'confirmed' : 'rejected';
    const result = await decideDeclaration(this.deps, {
      tenantId: data.tenantId,
      declarationId: data.declarationId,
      decider: person,
      orgTenantId,
      outcome,
      comment: data.comment ?? '',
      claim: this.deps.effects.newClaim(),
    });
    switch (result.kind) {
      case 'not-found':
        return { text: NOT_FOUND };
      case 'not-allowed':
        return refusal(result.snapshot);
      case 'already-decided': {
        const status = declarationStatus(result.snapshot).text;
        const decision = result.snapshot.declaration.decision;
        if (decision?.by.aadObjectId === person.aadObjectId && decision.outcome === outcome) {
          // This person's own decision, saved by an earlier try of this tap.
          return {
            card: this.card(result.snapshot, 'manager'),
            summary: `You ${outcome} ${declarationTitle(result.snapshot)}. ${whoHears(result.snapshot)}`,
          };
        }
        return {
          card: this.card(result.snapshot, 'everyone'),
          summary: `${declarationTitle(result.snapshot)} is no longer awaiting a decision: ${status}. Nothing changed.`,
        };
      }
      case 'decided':
        logger.info(
          {
            event: 'declaration-decided',
            outcome,
            declarationId: result.snapshot.declaration.declarationId,
            tenantId: result.snapshot.declaration.tenantId,
            by: person.aadObjectId,
          },
          'Declaration decided.',
        );
        // Everyone's copy of the notice, the FM's news and the lists follow right after.
        this.deps.effects.runSoon(result.effects);
        return {
          card: this.card(result.snapshot, 'manager'),
          summary: `You ${outcome} ${declarationTitle(result.snapshot)}. ${whoHears(result.snapshot)}`,
        };
    }
  }

  private async view(
    data: NoticeData,
    person: Person,
    orgTenantId: string,
    tapped: boolean,
  ): Promise<NoticeReply> {
    const snapshot = await this.deps.ledger.readDeclaration(data.tenantId, data.declarationId);
    if (!snapshot || snapshot.declaration.orgTenantId !== orgTenantId) return { text: NOT_FOUND };
    const undecided = snapshot.declaration.state === 'awaiting-decision';
    if (mayDecide(this.deps.policy, person.aadObjectId, orgTenantId, snapshot.declaration)) {
      return { card: this.card(snapshot, undecided ? 'manager' : 'everyone'), summary: '' };
    }
    return tapped && undecided
      ? refusal(snapshot)
      : { card: this.card(snapshot, 'everyone'), summary: '' };
  }

  private card(snapshot: DeclarationSnapshot, audience: 'everyone' | 'manager'): AdaptiveCardJson {
    return channelNoticeCard(
      snapshot,
      audience,
      decidersOf(this.deps.policy, snapshot.declaration),
    );
  }
}

const NOT_FOUND = 'I cannot find that declaration. Nothing changed.';

function refusal(snapshot: DeclarationSnapshot): NoticeReply {
  const { declaration } = snapshot;
  const team = declaration.noticeTarget?.teamName;
  return {
    card: refusalCard({
      title: 'You cannot decide this declaration',
      explanation: `Only the managers of ${team ?? 'the account team'} can confirm or reject No Intent declarations. Nothing was changed. If you should be one, ask the bot's administrator to add you.`,
      customerName: declaration.customerName,
      workloadNames: declaration.workloads.map((w) => w.workloadName),
    }),
    summary: 'Only the managers of the account team can decide it. Nothing changed.',
  };
}

/** Who learns of a decision, as far as the bot can reach them. */
function whoHears(snapshot: DeclarationSnapshot): string {
  const { declaration, messages } = snapshot;
  const notice = messages.notice.status === 'posted' ? "The account team's notice shows it" : '';
  const fm = declaration.fmAddress ? `${declaration.fm.name} is told` : '';
  const both = [notice, fm].filter(Boolean).join(', and ');
  return both ? `${both}.` : '';
}
