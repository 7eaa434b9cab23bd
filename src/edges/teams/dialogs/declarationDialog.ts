/**
 * The FM's declaration: customer and workloads, scenario, answers, the reason coach, and the
 * FTOP summary. The dialog keeps a draft and always moves to the first step that is missing or
 * wrong, so Edit returns to one answer and comes straight back without retyping anything else.
 * Every step judges the draft by the same rules: the playbook's transitions for what the bot
 * knows of each workload, then every FTOP field. The whole declaration lives on one card, which
 * each step redraws in place and which becomes the FM's card for the saved declaration.
 */
import type { FollowUpSettings } from '../../../application/followUps/followUpRules';
import { calendarDay, pastKickoffQuestion } from '../../../playbook/calendarDate';
import { randomUUID } from 'node:crypto';
import { CardFactory, MessageFactory, type Activity } from 'botbuilder';
import { Dialog, type DialogContext, type DialogTurnResult } from './dialogsCore';
import {
  isContextCurrent,
  knownEntitlements,
  lastNoticeChannel,
  loadCustomerContext,
  otherWorkloadEngagements,
  type CustomerContext,
} from '../../../application/customerContext';
import { entitlementStateOf } from '../../../application/customerLedger';
import type { NoticeTarget } from '../../../application/declaration';
import type { CardRef } from '../../../application/declarationMessages';
import {
  checkCustomerAnswers,
  type CustomerAnswers,
  type DeclarationDraft,
} from '../../../application/declarationDraft';
import { declareEntitlements, type DeclareOutcome } from '../../../application/declareEntitlements';
import type { EffectRunner } from '../../../application/effectRunner';
import type { DeclarationSnapshot, LedgerRepository } from '../../../application/ledgerRepository';
import {
  previewDeclaration,
  type AnsweredDraft,
  type PreviewResult,
} from '../../../application/previewDeclaration';
import { fmCardView } from '../../../application/sideEffects';
import { noticeTargets, type TeamDirectory } from '../../../application/teamDirectory';
import { keepApplicableAnswers } from '../../../playbook/deriveFtopFields';
import { defaultEngagement } from '../../../playbook/engagementScenarios';
import { FTOP_FIELD_LABELS } from '../../../playbook/ftopFields';
import type { PlaybookProblem } from '../../../playbook/playbookProblems';
import { coachReason } from '../../../playbook/reasonCoach';
import { scenarioOptionsForAll, separateDeclarationsAdvice } from '../../../playbook/scenarioRules';
import { declaresNoIntent, findScenario, type Scenario } from '../../../playbook/scenarios';
import { findWorkload, WORKLOADS } from '../../../playbook/workloads';
import type { AdaptiveCardJson } from '../cards/cardTemplate';
import { coachFeedbackCard } from '../cards/coachFeedbackCard';
import { customerFormCard } from '../cards/customerFormCard';
import { fmDeclarationCard } from '../cards/fmDeclarationCard';
import { ftopSummaryCard, noticeChannelKey } from '../cards/ftopSummaryCard';
import { reasonFormCard } from '../cards/reasonFormCard';
import { retiredCard } from '../cards/retiredCard';
import { scenarioPickerCard } from '../cards/scenarioPickerCard';
import { checkDialogSubmit, type DialogSubmit } from '../cardSubmit';
import { showCard } from '../cardReplies';
import { newStepToken } from '../stepToken';
import { cardRefOf, orgTenantOf, personalAddressOf, turnPerson } from '../turnText';
import { InterruptibleDialog } from './interruptibleDialog';
import { logger } from '../../../log/logger';

export const DECLARATION_DIALOG = 'declarationDialog';

type Step = 'customer' | 'scenario' | 'answers' | 'coach' | 'summary';

/** Which submits each step accepts; anything else comes from a card of another step. */
const STEP_ACTIONS: Record<Step, readonly DialogSubmit['action'][]> = {
  customer: ['submitCustomer', 'cancel'],
  scenario: ['chooseScenario', 'edit', 'cancel'],
  answers: ['submitAnswers', 'backToScenarios', 'cancel'],
  coach: ['reviseReason', 'keepReason', 'cancel'],
  summary: ['confirm', 'edit', 'cancel'],
};

export interface DeclarationState {
  step: Step;
  /** The step token the current card carries. */
  token: string;
  ownerId: string;
  draft: DeclarationDraft;
  /** False after a scenario change: the FM reviews the scenario's answers before the summary. */
  answersReviewed: boolean;
  /** The reason text the FM has already seen coaching for (or chose to keep). */
  coachedReason?: string;
  /** Chosen when the summary is first shown; saving it twice creates nothing twice. */
  declarationId?: string;
  /** The organisation's tenant, whose teams can receive the notice. */
  orgTenantId: string;
  /** The notice channel the FM chose last on the summary. */
  noticeChannel?: string;
  /** The customer's ledger as the dialog read it; see CUSTOMER_CONTEXT_MAX_AGE_MS. */
  context?: CustomerContext;
  /** The channels offered on the summary, read when it is first shown. */
  noticeTargets?: NoticeTarget[];
  /** The activity id of the declaration's one card, redrawn in place at every step. */
  cardId?: string;
  /** The managers' word on the declaration this one starts again from. */
  rejection?: string;
}

/** How "declare again" starts the dialog: from the answers of an earlier declaration. */
export interface DeclarationDialogOptions {
  readonly draft: DeclarationDraft;
  readonly rejection: string;
}

export interface DeclarationDialogServices {
  readonly ledger: LedgerRepository;
  readonly teams: TeamDirectory;
  readonly effects: EffectRunner;
  readonly now: () => Date;
  readonly followUps?: FollowUpSettings;
}

export class DeclarationDialog extends InterruptibleDialog<DeclarationDialogOptions> {
  constructor(private readonly services: DeclarationDialogServices) {
    super(DECLARATION_DIALOG);
  }

  override async beginDialog(
    dc: DialogContext,
    options?: DeclarationDialogOptions,
  ): Promise<DialogTurnResult> {
    const ownerId = turnPerson(dc.context).aadObjectId;
    const state: DeclarationState = {
      step: 'customer',
      token: newStepToken(ownerId),
      ownerId,
      draft: options?.draft ?? {},
      answersReviewed: false,
      orgTenantId: orgTenantOf(dc.context),
      ...(options?.rejection ? { rejection: options.rejection } : {}),
    };
    dc.activeDialog!.state = state;
    if (options?.draft.customer) return this.show(dc, state, 'scenario');
    return this.show(dc, state, 'customer');
  }

  protected async onContinue(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as DeclarationState;
    const value: unknown = dc.context.activity.value;
    if (value === undefined || value === null) {
      await dc.context.sendActivity(
        'Please answer on the card. You can also type "help", "cancel" or "start over".',
      );
      return this.show(dc, state, state.step, { sameToken: true, moveDown: true });
    }
    const check = checkDialogSubmit(value);
    if (!check.ok) {
      await dc.context.sendActivity(`I could not use that card: ${check.reason} Nothing changed.`);
      return Dialog.EndOfTurn;
    }
    const submit = check.submit;
    if (submit.stepToken !== state.token || !STEP_ACTIONS[state.step].includes(submit.action)) {
      await dc.context.sendActivity(
        'That card is from an earlier step, so nothing changed. Please carry on with the latest card.',
      );
      return this.show(dc, state, state.step, { sameToken: true, moveDown: true });
    }
    return this.handle(dc, state, submit);
  }

  protected override async cancel(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog?.state as DeclarationState | undefined;
    const saved = state ? await this.whatWasSaved(state) : 'nothing';
    if (state && typeof saved === 'object') {
      await this.replaceCard(dc, state, fmDeclarationCard(await fmCardView(this.services, saved)));
      await dc.context.sendActivity(
        'That declaration was already saved before you cancelled, so it stands: the card shows it. To take it back, tap Withdraw on it.',
      );
      return dc.cancelAllDialogs();
    }
    const said =
      saved === 'nothing'
        ? 'Declaration cancelled. Nothing was saved.'
        : 'Declaration cancelled. The database did not answer, so I cannot tell whether your last "Confirm and save" went through: type "my declarations" in a moment to see.';
    const tapped = dc.context.activity.value !== undefined;
    const answerBelow = !tapped || !state?.cardId || saved !== 'nothing';
    // When the answer comes as a message, the card only says what became of it.
    if (state)
      await this.retireCard(dc, state, answerBelow ? 'This declaration was cancelled.' : said);
    if (answerBelow) await dc.context.sendActivity(said);
    return dc.cancelAllDialogs();
  }

  protected override async startOver(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog?.state as DeclarationState | undefined;
    const saved = state ? await this.whatWasSaved(state) : 'nothing';
    if (saved !== 'nothing') {
      await dc.context.sendActivity(
        'Starting over. The declaration you had open may have been saved already: type "my declarations" to see it, and withdraw it there if it should not stand.',
      );
      if (state) await this.retireCard(dc, state, 'Started over: the new declaration is below.');
      return dc.replaceDialog(this.id);
    }
    if (state) await this.retireCard(dc, state, 'Started over: the new declaration is below.');
    return super.startOver(dc);
  }

  private async handle(
    dc: DialogContext,
    state: DeclarationState,
    submit: DialogSubmit,
  ): Promise<DialogTurnResult> {
    switch (submit.action) {
      case 'cancel':
        return this.cancel(dc);
      case 'submitCustomer': {
        const customer: CustomerAnswers = {
          name: (submit.customerName ?? '').trim(),
          tenantId: (submit.tenantId ?? '').trim().toLowerCase(),
          workloadIds: (submit.workloadIds ?? '')
            .split(',')
            .map((id) => id.trim())
            .filter((id) => id !== ''),
        };
        const problems = checkCustomerAnswers(
          customer,
          WORKLOADS.map((w) => w.id),
        );
        state.draft = { ...state.draft, customer };
        if (problems.length > 0) return this.show(dc, state, 'customer', { problems });
        return this.advance(dc, state);
      }
      case 'chooseScenario': {
        const scenario = findScenario(submit.scenarioId);
        if (!scenario) {
          return this.show(dc, state, 'scenario', {
            problems: ['Choose one of the five scenarios on the card.'],
          });
        }
        if (scenario.id !== state.draft.scenarioId) {
          state.draft = {
            ...state.draft,
            scenarioId: scenario.id,
            answers: keepApplicableAnswers(state.draft.answers ?? {}, scenario),
          };
          state.answersReviewed = false;
        }
        return this.advance(dc, state);
      }
      case 'backToScenarios':
        return this.show(dc, state, 'scenario');
      case 'submitAnswers': {
        state.draft = {
          ...state.draft,
          answers: {
            l2ReasonId: submit.l2ReasonId,
            l3ReasonId: submit.l3ReasonId,
            detailedReason: submit.detailedReason,
            engagementScenarioId: submit.engagementScenarioId,
            kickoffDate: submit.kickoffDate,
          },
        };
        state.answersReviewed = true;
        return this.advance(dc, state);
      }
      case 'reviseReason':
        state.draft = {
          ...state.draft,
          answers: { ...state.draft.answers, detailedReason: submit.detailedReason ?? '' },
        };
        return this.advance(dc, state);
      case 'keepReason':
        state.coachedReason = (state.draft.answers?.detailedReason ?? '').trim();
        return this.advance(dc, state);
      case 'edit':
        return this.show(dc, state, submit.target);
      case 'confirm':
        state.noticeChannel = submit.noticeChannel ?? state.noticeChannel;
        return this.save(dc, state);
    }
  }

  /** Shows the first step that is missing or wrong, or the summary when all is well. */
  private async advance(dc: DialogContext, state: DeclarationState): Promise<DialogTurnResult> {
    const { draft } = state;
    if (!draft.customer) return this.show(dc, state, 'customer');
    const context = await this.customerContext(state);
    if (!draft.scenarioId) return this.show(dc, state, 'scenario');
    const preview = previewDeclaration(draft as AnsweredDraft, context, state.orgTenantId);
    const scenarioProblems = problemsOf(preview, 'scenario');
    if (scenarioProblems.length > 0) {
      return this.show(dc, state, 'scenario', { problems: scenarioProblems });
    }
    if (!state.answersReviewed) return this.show(dc, state, 'answers');
    if (!preview.ok) return this.show(dc, state, 'answers', { problems: problemsOf(preview) });
    const reason = (draft.answers?.detailedReason ?? '').trim();
    const scenario = findScenario(draft.scenarioId)!;
    if (declaresNoIntent(scenario) && reason !== '' && reason !== state.coachedReason) {
      if (this.coach(state, scenario).verdict !== 'great') return this.show(dc, state, 'coach');
      state.coachedReason = reason;
    }
    state.declarationId ??= randomUUID();
    return this.show(dc, state, 'summary', { preview });
  }

  private async save(dc: DialogContext, state: DeclarationState): Promise<DialogTurnResult> {
    const scenario = findScenario(state.draft.scenarioId ?? '');
    let noticeTarget: NoticeTarget | null = null;
    if (scenario && declaresNoIntent(scenario)) {
      const chosen = (targets: readonly NoticeTarget[]) =>
        targets.find((t) => noticeChannelKey(t) === state.noticeChannel) ?? null;
      noticeTarget = chosen(await this.noticeTargets(state));
      // The app may have been added to a team since the summary was shown.
      if (!noticeTarget) noticeTarget = chosen(await this.noticeTargets(state, { fresh: true }));
      if (!noticeTarget && (state.noticeTargets ?? []).length > 0) {
        return this.show(dc, state, 'summary', {
          problems: ["Choose the account team's channel for the notice."],
        });
      }
    }
    const liveCard = this.liveCardRef(dc, state);
    const effects = this.services.effects;
    const claim = effects.newClaim();
    let outcome: DeclareOutcome;
    try {
      outcome = await declareEntitlements(
        {
          ledger: this.services.ledger,
          now: this.services.now,
          ...(this.services.followUps ? { followUps: this.services.followUps } : {}),
        },
        {
          declarationId: state.declarationId!,
          draft: state.draft as AnsweredDraft,
          context: state.context,
          fm: turnPerson(dc.context),
          fmAddress: personalAddressOf(dc.context),
          orgTenantId: state.orgTenantId,
          noticeTarget,
          fmCard: liveCard,
          claim,
        },
      );
    } catch (error) {
      logger.error(
        { err: error, declarationId: state.declarationId },
        'Saving a declaration failed.',
      );
      await dc.context.sendActivity(
        'Saving did not finish, so I cannot tell whether the declaration was saved. Your answers are kept: tap "Confirm and save" again in a moment. If it was saved, I show it instead of saving it twice.',
      );
      return Dialog.EndOfTurn;
    }
    if (outcome.kind === 'refused') {
      // The ledger changed since the summary was shown: show what is wrong now.
      state.context = outcome.context;
      return this.advance(dc, state);
    }
    logger.info(
      {
        event: outcome.kind === 'saved' ? 'declaration-saved' : 'declaration-already-saved',
        declarationId: outcome.snapshot.declaration.declarationId,
        tenantId: outcome.snapshot.declaration.tenantId,
        activityId: dc.context.activity.id,
      },
      'Declaration saved.',
    );
    const snapshot =
      outcome.kind === 'saved'
        ? await effects.postNoticeNow(outcome.effects, outcome.snapshot)
        : outcome.snapshot;
    // The card becomes the declaration's: saved, with what to enter in FTOP.
    const card = fmDeclarationCard(await fmCardView(this.services, snapshot));
    const shownAt = await this.replaceCard(dc, state, card);
    if (shownAt && !sameCard(shownAt, snapshot.messages.fmCard)) {
      await this.services.ledger.replaceMessages({ ...snapshot.messages, fmCard: shownAt });
    }
    return dc.endDialog();
  }

  /**
   * Whether the declaration was saved before: only possible once the summary was shown (a save
   * may have gone through unseen, e.g. a turn that failed after saving). 'unknown' when the
   * database does not answer.
   */
  private async whatWasSaved(
    state: DeclarationState,
  ): Promise<DeclarationSnapshot | 'nothing' | 'unknown'> {
    const tenantId = state.draft.customer?.tenantId;
    if (!state.declarationId || !tenantId) return 'nothing';
    try {
      return (
        (await this.services.ledger.readDeclaration(tenantId, state.declarationId)) ?? 'nothing'
      );
    } catch (error) {
      logger.error({ err: error }, 'Checking whether a declaration was saved failed.');
      return 'unknown';
    }
  }

  private async noticeTargets(
    state: DeclarationState,
    options: { fresh?: boolean } = {},
  ): Promise<NoticeTarget[]> {
    if (!state.noticeTargets || options.fresh) {
      const teams = await this.services.teams.teamsOf(state.orgTenantId, options);
      state.noticeTargets = noticeTargets(teams);
    }
    return state.noticeTargets;
  }

  /**
   * Shows a step on the declaration's card. A new step gets a new token, which makes every
   * older card stale; re-showing the current step keeps the token. The card is redrawn in place
   * when the FM answered on it, and sent anew (the old one retired) when they typed instead.
   */
  private async show(
    dc: DialogContext,
    state: DeclarationState,
    step: Step,
    options: {
      problems?: readonly string[];
      preview?: PreviewResult;
      sameToken?: boolean;
      moveDown?: boolean;
    } = {},
  ): Promise<DialogTurnResult> {
    if (!options.sameToken) state.token = newStepToken(state.ownerId);
    state.step = step;
    const card = await this.cardFor(state, options);
    if (options.moveDown && state.cardId) {
      await this.retireCard(dc, state, 'This declaration continues further down.');
      state.cardId = undefined;
    }
    await this.replaceCard(dc, state, card);
    return Dialog.EndOfTurn;
  }

  /** Redraws the declaration's card, or sends it when there is none to redraw. */
  private async replaceCard(
    dc: DialogContext,
    state: DeclarationState,
    card: AdaptiveCardJson,
  ): Promise<CardRef | undefined> {
    const earlier = state.cardId;
    const answered = earlier && this.answeredOn(dc, earlier) ? earlier : '';
    const shown = await showCard(dc.context, card, answered);
    if (earlier && shown !== earlier) {
      await this.retireCard(dc, state, 'This declaration continues further down.');
    }
    state.cardId = shown;
    return shown ? cardRefOf(dc.context, shown) : undefined;
  }

  private async retireCard(dc: DialogContext, state: DeclarationState, text: string) {
    if (!state.cardId) return;
    await dc.context
      .updateActivity({
        ...MessageFactory.attachment(CardFactory.adaptiveCard(retiredCard(text))),
        id: state.cardId,
      } as Partial<Activity>)
      .catch((error: unknown) => logger.warn({ err: error }, 'Could not retire a card.'));
  }

  /** The turn answers the card with this id (Teams names it in replyToId). */
  private answeredOn(dc: DialogContext, id: string): boolean {
    return dc.context.activity.replyToId === id && dc.context.activity.value !== undefined;
  }

  /** Where the card the FM is answering on is, if the declaration's card is that one. */
  private liveCardRef(dc: DialogContext, state: DeclarationState): CardRef | null {
    const id = state.cardId;
    return id && this.answeredOn(dc, id) ? cardRefOf(dc.context, id) : null;
  }

  private async cardFor(
    state: DeclarationState,
    options: { problems?: readonly string[]; preview?: PreviewResult },
  ): Promise<AdaptiveCardJson> {
    const { draft, token: stepToken } = state;
    const problems = options.problems ?? [];
    const customer = draft.customer;
    if (state.step === 'customer' || !customer) {
      return customerFormCard({ stepToken, customer, problems });
    }
    const context = await this.customerContext(state);
    const scenario = draft.scenarioId ? findScenario(draft.scenarioId) : undefined;
    if (state.step === 'scenario' || !scenario) {
      const known = knownEntitlements(context, customer.workloadIds);
      return scenarioPickerCard({
        stepToken,
        customerName: customer.name,
        known,
        options: scenarioOptionsForAll(known),
        advice: separateDeclarationsAdvice(known),
        rejection: state.rejection,
        problems,
      });
    }
    if (state.step === 'coach') {
      const reason = (draft.answers?.detailedReason ?? '').trim();
      return coachFeedbackCard({
        stepToken,
        customerName: customer.name,
        workloadNames: customer.workloadIds.map((id) => findWorkload(id)?.name ?? id),
        reason,
        reasonRequired: scenario.kind === 'new-no-intent',
        report: this.coach(state, scenario),
      });
    }
    if (state.step === 'answers') {
      return reasonFormCard({
        stepToken,
        customerName: customer.name,
        workloadNames: customer.workloadIds.map((id) => findWorkload(id)?.name ?? id),
        scenario,
        rejection: state.rejection,
        answers: draft.answers ?? {},
        defaultEngagement: defaultEngagement(
          scenario,
          otherWorkloadEngagements(context, customer.workloadIds),
        ),
        existingRecord: existingRecordRows(scenario, customer, context),
        problems,
      });
    }
    const preview =
      options.preview ?? previewDeclaration(draft as AnsweredDraft, context, state.orgTenantId);
    if (!preview.ok) {
      // Only reachable when re-showing a summary whose data changed underneath it.
      state.step = 'answers';
      return this.cardFor(state, { problems: problemsOf(preview) });
    }
    const announces = preview.perWorkload.some((w) => w.derivation.declaresNoIntent);
    const targets = announces ? await this.noticeTargets(state) : [];
    const last = lastNoticeChannel(context);
    const keys = targets.map(noticeChannelKey);
    state.noticeChannel = [state.noticeChannel, last ? noticeChannelKey(last) : undefined].find(
      (key) => key && keys.includes(key),
    );
    return ftopSummaryCard({
      stepToken,
      customerName: customer.name,
      tenantId: customer.tenantId,
      perWorkload: preview.perWorkload,
      noticeTargets: targets,
      noticeChannel: state.noticeChannel,
      problems,
      questions: [
        pastKickoffQuestion(
          draft.answers?.kickoffDate,
          calendarDay(this.services.now().toISOString()),
        ),
      ].filter((question) => question !== null),
    });
  }

  private coach(state: DeclarationState, scenario: Scenario) {
    const customer = state.draft.customer;
    return coachReason({
      reason: state.draft.answers?.detailedReason ?? '',
      scenarioId: scenario.id,
      l2ReasonId: state.draft.answers?.l2ReasonId as Parameters<
        typeof coachReason
      >[0]['l2ReasonId'],
      workloadNames: (customer?.workloadIds ?? []).map((id) => findWorkload(id)?.name ?? id),
    });
  }

  /** The customer's ledger, read once per declaration and again only when too old. */
  private async customerContext(state: DeclarationState): Promise<CustomerContext> {
    const { tenantId } = state.draft.customer!;
    const now = this.services.now();
    if (!isContextCurrent(state.context, tenantId, now)) {
      state.context = await loadCustomerContext(this.services.ledger, tenantId, now);
    }
    return state.context;
  }
}

function problemsOf(preview: PreviewResult, field?: PlaybookProblem['field']): string[] {
  if (preview.ok) return [];
  return preview.problems
    .filter((p) => (field ? p.field === field : p.field !== 'scenario'))
    .map((p) => p.message);
}

function sameCard(a: CardRef, b: CardRef | null): boolean {
  return b !== null && a.conversationId === b.conversationId && a.activityId === b.activityId;
}

/** Scenario 5 shows each workload's existing No Intent values, for the FM to validate. */
function existingRecordRows(
  scenario: Scenario,
  customer: CustomerAnswers,
  context: CustomerContext,
): { label: string; value: string }[] | undefined {
  if (scenario.kind !== 'existing-no-intent') return undefined;
  const shown = new Set<string>(['l1', 'l2', 'l3', 'serviceEngagementScenario', 'notes']);
  return customer.workloadIds.flatMap((workloadId) => {
    const status = entitlementStateOf(context.customer, workloadId).status;
    const workloadName = findWorkload(workloadId)?.name ?? workloadId;
    if (!status) return [];
    return FTOP_FIELD_LABELS.filter(([key]) => shown.has(key)).map(([key, label]) => ({
      label: `${workloadName}: ${label}`,
      value: status.fields[key],
    }));
  });
}
