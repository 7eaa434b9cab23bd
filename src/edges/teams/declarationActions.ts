/**
 * The buttons on a declaration's cards and lists, for the FM: withdraw, "I have entered these in
 * FTOP", declare again, details with history, and the channel for a notice that waited for a
 * team. Each answer redraws the card that was tapped, so it never offers a step that no longer
 * applies.
 */
import type { TurnContext } from 'botbuilder';
import { chooseNoticeChannel } from '../../application/chooseNoticeChannel';
import type { EffectRunner } from '../../application/effectRunner';
import { enterInFtop } from '../../application/enterInFtop';
import type { DeclarationSnapshot, LedgerRepository } from '../../application/ledgerRepository';
import { declareAgainFrom } from '../../application/declareAgain';
import { entitlementDetails } from '../../application/entitlementDetails';
import type { ManagerPolicy } from '../../application/managerPolicy';
import { fmCardView } from '../../application/sideEffects';
import { noticeTargets, type TeamDirectory } from '../../application/teamDirectory';
import { withdrawDeclaration } from '../../application/withdrawDeclaration';
import { calendarDay } from '../../playbook/calendarDate';
import { findScenario } from '../../playbook/scenarios';
import type { AdaptiveCardJson } from './cards/cardTemplate';
import { entitlementDetailsCard } from './cards/entitlementDetailsCard';
import { declarationStatus, declarationTitle } from './cards/declarationView';
import { fmDeclarationCard } from './cards/fmDeclarationCard';
import { noticeChannelKey } from './cards/ftopSummaryCard';
import { retiredCard } from './cards/retiredCard';
import type { DeclarationAction } from './cardSubmit';
import { showCard } from './cardReplies';
import type { DeclarationDialogOptions } from './dialogs/declarationDialog';
import type { LiveLists } from './liveLists';
import { RETIRED_FM_CARD_TEXT } from './teamsMessenger';
import { orgTenantOf, turnPerson } from './turnText';

export interface DeclarationActionDeps {
  readonly ledger: LedgerRepository;
  readonly teams: TeamDirectory;
  readonly effects: EffectRunner;
  readonly lists: LiveLists;
  readonly policy: ManagerPolicy;
  readonly now: () => Date;
}

/** What the bot does next: nothing more, or start a declaration from an earlier one. */
export type DeclarationActionResult =
  | { readonly kind: 'answered' }
  | { readonly kind: 'declare-again'; readonly options: DeclarationDialogOptions };

const ANSWERED: DeclarationActionResult = { kind: 'answered' };

export class DeclarationActions {
  constructor(private readonly deps: DeclarationActionDeps) {}

  async handle(context: TurnContext, action: DeclarationAction): Promise<DeclarationActionResult> {
    switch (action.action) {
      case 'withdraw':
        return this.withdraw(context, action);
      case 'enterInFtop':
        return this.enter(context, action);
      case 'declareAgain':
        return this.declareAgain(context, action);
      case 'showEntitlement':
        return this.details(context, action);
      case 'chooseNoticeChannel':
        return this.chooseChannel(context, action);
      case 'filterDeclarations':
        await this.deps.lists.showMyDeclarations(context, action.filter ?? '');
        return ANSWERED;
    }
  }

  private async withdraw(
    context: TurnContext,
    action: Extract<DeclarationAction, { action: 'withdraw' }>,
  ): Promise<DeclarationActionResult> {
    const person = turnPerson(context);
    const result = await withdrawDeclaration(this.deps, {
      tenantId: action.tenantId,
      declarationId: action.declarationId,
      by: person,
      claim: this.deps.effects.newClaim(),
    });
    switch (result.kind) {
      case 'not-found':
        await context.sendActivity('I cannot find that declaration. Nothing changed.');
        return ANSWERED;
      case 'not-yours':
        await context.sendActivity(
          `Only ${result.snapshot.declaration.fm.name}, who declared it, can withdraw it. Nothing changed.`,
        );
        return ANSWERED;
      case 'not-awaiting':
        await this.redraw(context, action, result.snapshot, {
          warning: `It is no longer awaiting a decision (${lowerFirst(declarationStatus(result.snapshot).text)}), so it cannot be withdrawn. Nothing changed.`,
        });
        return ANSWERED;
      case 'withdrawn':
        this.deps.effects.runSoon(result.effects);
        await this.redraw(context, action, result.snapshot, {
          note: `Withdrawn: ${declarationTitle(result.snapshot)}. The managers are no longer asked${result.snapshot.messages.notice.status === 'posted' ? ", and the account team's notice says so" : ''}.`,
        });
        return ANSWERED;
    }
  }

  private async enter(
    context: TurnContext,
    action: Extract<DeclarationAction, { action: 'enterInFtop' }>,
  ): Promise<DeclarationActionResult> {
    const result = await enterInFtop(this.deps, {
      tenantId: action.tenantId,
      workloadIds: action.workloadIds,
      task: { kind: action.task, declarationId: action.declarationId },
      by: turnPerson(context),
      claim: this.deps.effects.newClaim(),
    });
    const texts = {
      'not-found': 'I cannot find those workloads. Nothing changed.',
      'nothing-to-enter': 'FTOP is already up to date for these workloads. Nothing changed.',
      'not-yours': 'Only the FM whose declaration it is records its FTOP entry. Nothing changed.',
      'out-of-date':
        'That button is from an older card: what FTOP needs for these workloads has changed since. Nothing changed. Type "my declarations" to see what is left to enter.',
    } as const;
    if (result.kind !== 'entered') {
      // An old card is redrawn as it stands now, so its stale button goes away.
      const stale =
        result.kind === 'out-of-date' ? await this.ownDeclaration(context, action) : undefined;
      if (stale) await this.redraw(context, action, stale, { warning: texts[result.kind] });
      else await context.sendActivity(texts[result.kind]);
      return ANSWERED;
    }
    const snapshot = await this.ownDeclaration(context, action);
    this.deps.effects.runSoon(result.effects);
    const names = result.workloadIds
      .map((id) => result.customer.entitlements[id]?.workloadName ?? id)
      .join(', ');
    const note = `Recorded: FTOP shows what the bot holds for ${result.customer.customerName} · ${names}.`;
    if (snapshot) await this.redraw(context, action, snapshot, { note });
    else await context.sendActivity(note);
    return ANSWERED;
  }

  /** The declaration a card's FTOP button came from, when it is this person's own. */
  private async ownDeclaration(
    context: TurnContext,
    action: { readonly tenantId: string; readonly declarationId: string | null },
  ): Promise<DeclarationSnapshot | undefined> {
    if (!action.declarationId) return undefined;
    const read = await this.deps.ledger.readDeclaration(action.tenantId, action.declarationId);
    return read?.declaration.fm.aadObjectId === turnPerson(context).aadObjectId ? read : undefined;
  }

  private async declareAgain(
    context: TurnContext,
    action: Extract<DeclarationAction, { action: 'declareAgain' }>,
  ): Promise<DeclarationActionResult> {
    const snapshot = await this.deps.ledger.readDeclaration(action.tenantId, action.declarationId);
    const again = snapshot
      ? declareAgainFrom(snapshot, turnPerson(context))
      : { kind: 'not-yours' as const };
    const refusals = {
      'not-yours':
        'I cannot find a declaration of yours to start from. Type "declare" to start a new one.',
      'nothing-to-redo':
        'That declaration is not rejected or withdrawn, or another one followed it, so there is nothing to declare again. Type "my declarations" to see where its workloads stand.',
      'awaiting-another':
        'Another declaration for these workloads awaits the managers\' decision; declare again once it is decided or withdrawn. Type "my declarations" to see it.',
    } as const;
    if (again.kind !== 'ready') {
      await context.sendActivity(refusals[again.kind]);
      return ANSWERED;
    }
    const { earlier } = again;
    const scenario = findScenario(earlier.scenarioId)?.number ?? '?';
    const decision = earlier.decision;
    const what =
      earlier.state === 'rejected' && decision
        ? `${decision.by.name} rejected the earlier declaration (scenario ${scenario}) on ${calendarDay(decision.at)}${decision.comment ? `: "${decision.comment}"` : ', without a comment.'}`
        : `You withdrew the earlier declaration (scenario ${scenario}) on ${calendarDay(earlier.withdrawal?.at ?? earlier.updatedAt)}.`;
    return {
      kind: 'declare-again',
      options: {
        draft: again.draft,
        rejection: `${what} Your earlier answers are filled in: change what needs changing.`,
      },
    };
  }

  private async details(
    context: TurnContext,
    action: Extract<DeclarationAction, { action: 'showEntitlement' }>,
  ): Promise<DeclarationActionResult> {
    const person = turnPerson(context);
    const record = await entitlementDetails(this.deps, {
      tenantId: action.tenantId,
      workloadId: action.workloadId,
      aadObjectId: person.aadObjectId,
      orgTenantId: orgTenantOf(context),
    });
    if (!record) {
      await context.sendActivity(
        'I cannot show that entitlement: it is not one you declared for. Type "my declarations" for yours.',
      );
      return ANSWERED;
    }
    await this.show(context, entitlementDetailsCard(record, person.aadObjectId), action);
    return ANSWERED;
  }

  private async chooseChannel(
    context: TurnContext,
    action: Extract<DeclarationAction, { action: 'chooseNoticeChannel' }>,
  ): Promise<DeclarationActionResult> {
    const teams = await this.deps.teams.teamsOf(orgTenantOf(context), { fresh: true });
    const target = noticeTargets(teams).find((t) => noticeChannelKey(t) === action.noticeChannel);
    if (!target) {
      await context.sendActivity(
        'Choose the account team\'s channel on the card, then tap "Post the notice". Nothing changed.',
      );
      return ANSWERED;
    }
    const result = await chooseNoticeChannel(this.deps, {
      tenantId: action.tenantId,
      declarationId: action.declarationId,
      target,
      by: turnPerson(context),
      claim: this.deps.effects.newClaim(),
    });
    if (result.kind === 'not-found') {
      await context.sendActivity('I cannot find that declaration. Nothing changed.');
      return ANSWERED;
    }
    if (result.kind === 'not-yours') {
      await context.sendActivity(
        `Only ${result.snapshot.declaration.fm.name}, who declared it, chooses its channel. Nothing changed.`,
      );
      return ANSWERED;
    }
    const snapshot =
      result.kind === 'chosen'
        ? await this.deps.effects.postNoticeNow(result.effects, result.snapshot)
        : result.snapshot;
    await this.redraw(context, { source: 'card' }, snapshot, {});
    return ANSWERED;
  }

  /**
   * Redraws the tapped card from what is saved now. A list or details card also says what
   * happened (`note`); a warning is always said. A declaration card that is no longer the live
   * one (a newer card of the same declaration is further down) is retired, not redrawn.
   */
  private async redraw(
    context: TurnContext,
    tapped: {
      readonly source?: 'card' | 'list' | 'details';
      readonly workloadId?: string;
      readonly workloadIds?: readonly string[];
    },
    snapshot: DeclarationSnapshot,
    say: { readonly note?: string; readonly warning?: string },
  ): Promise<void> {
    if (tapped.source === 'list') {
      // The list is redrawn again whenever its entries change, so what happened is said apart.
      await this.deps.lists.showMyDeclarations(context, '');
      const text = say.warning ?? say.note;
      if (text) await context.sendActivity(text);
      return;
    }
    if (tapped.source === 'details') {
      const workloadId =
        tapped.workloadId ??
        tapped.workloadIds?.[0] ??
        snapshot.declaration.workloads[0]?.workloadId;
      const record = workloadId
        ? await this.deps.ledger.readEntitlement(snapshot.declaration.tenantId, workloadId)
        : undefined;
      if (record) {
        await this.show(context, entitlementDetailsCard(record, turnPerson(context).aadObjectId));
      }
      const text = say.warning ?? say.note;
      if (text) await context.sendActivity(text);
      return;
    }
    const live = snapshot.messages.fmCard?.activityId;
    const tappedId = context.activity.replyToId;
    if (live && tappedId && live !== tappedId) {
      await this.show(context, retiredCard(RETIRED_FM_CARD_TEXT));
    } else {
      await this.show(context, fmDeclarationCard(await fmCardView(this.deps, snapshot)));
    }
    if (say.warning) await context.sendActivity(say.warning);
  }

  /** The tapped card, redrawn in place; details open as a new message. */
  private async show(
    context: TurnContext,
    card: AdaptiveCardJson,
    action?: { readonly action: string },
  ): Promise<void> {
    await showCard(context, card, action?.action === 'showEntitlement' ? '' : undefined);
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
