/**
 * The FM's declaration, one card per step: customer and workloads, scenario, answers, the
 * reason coach, and the FTOP summary. The dialog keeps a draft and always moves to the first
 * step that is missing or wrong, so Edit on the summary returns to one answer and then comes
 * straight back, without retyping anything else.
 */
import { randomUUID } from 'node:crypto';
import { MessageFactory, CardFactory } from 'botbuilder';
import { Dialog, type DialogContext, type DialogTurnResult } from './dialogsCore';
import {
  isContextCurrent,
  loadCustomerContext,
  type CustomerContext,
} from '../../../application/customerContext';
import {
  checkCustomerAnswers,
  type CustomerAnswers,
  type DeclarationDraft,
} from '../../../application/declarationDraft';
import type { DeclarationRepository } from '../../../application/declarationRepository';
import {
  deliverNotice,
  newClaim,
  type DeliveryDeps,
  type DeliveryOutcome,
} from '../../../application/deliverNotice';
import type { NoticeTarget, StoredNotice } from '../../../application/notice';
import {
  noticeTargets,
  type NoticeRepository,
  type TeamDirectory,
} from '../../../application/noticeRepository';
import {
  previewDeclaration,
  type AnsweredDraft,
  type PreviewResult,
} from '../../../application/previewDeclaration';
import { recordDeclaration } from '../../../application/recordDeclaration';
import type { StoredRecord } from '../../../application/declarationRecord';
import { keepApplicableAnswers } from '../../../playbook/deriveFtopFields';
import { defaultEngagement } from '../../../playbook/engagementScenarios';
import { FTOP_FIELD_LABELS } from '../../../playbook/ftopFields';
import type { PlaybookProblem } from '../../../playbook/playbookProblems';
import { coachReason } from '../../../playbook/reasonCoach';
import { declaresNoIntent, findScenario, type Scenario } from '../../../playbook/scenarios';
import { findWorkload, WORKLOADS } from '../../../playbook/workloads';
import type { AdaptiveCardJson } from '../cards/cardTemplate';
import { coachFeedbackCard } from '../cards/coachFeedbackCard';
import { customerFormCard } from '../cards/customerFormCard';
import { declarationSavedCard } from '../cards/declarationSavedCard';
import { ftopSummaryCard, noticeChannelKey } from '../cards/ftopSummaryCard';
import { deliveryFailedText } from '../teamsNoticePublisher';
import { reasonFormCard } from '../cards/reasonFormCard';
import { scenarioPickerCard } from '../cards/scenarioPickerCard';
import { checkDialogSubmit, type DialogSubmit } from '../cardSubmit';
import { newStepToken } from '../stepToken';
import { orgTenantOf, personalAddressOf, turnPerson } from '../turnText';
import { InterruptibleDialog } from './interruptibleDialog';

export const DECLARATION_DIALOG = 'declarationDialog';

type Step = 'customer' | 'scenario' | 'answers' | 'coach' | 'summary';

/** Which submits each step accepts; anything else comes from a card of another step. */
const STEP_ACTIONS: Record<Step, readonly DialogSubmit['action'][]> = {
  customer: ['submitCustomer', 'cancel'],
  scenario: ['chooseScenario', 'cancel'],
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
  /** The customer's records as the dialog read them; see CUSTOMER_CONTEXT_MAX_AGE_MS. */
  context?: CustomerContext;
  /** The channels offered on the summary, read when it is first shown. */
  noticeTargets?: NoticeTarget[];
}

/** What the dialog hands back when it ends with a saved declaration. */
export interface DeclarationResult {
  readonly records: readonly StoredRecord[];
}

export interface DeclarationDialogServices {
  readonly repository: DeclarationRepository;
  readonly notices: NoticeRepository;
  readonly teams: TeamDirectory;
  readonly delivery: DeliveryDeps;
  /** Names this bot instance in notice claims. */
  readonly instanceId: string;
  readonly now: () => Date;
}

export class DeclarationDialog extends InterruptibleDialog {
  constructor(private readonly services: DeclarationDialogServices) {
    super(DECLARATION_DIALOG);
  }

  override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const ownerId = turnPerson(dc.context).aadObjectId;
    const state: DeclarationState = {
      step: 'customer',
      token: newStepToken(ownerId),
      ownerId,
      draft: {},
      answersReviewed: false,
      orgTenantId: orgTenantOf(dc.context),
    };
    dc.activeDialog!.state = state;
    await this.show(dc, state, 'customer');
    return Dialog.EndOfTurn;
  }

  protected async onContinue(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as DeclarationState;
    const value: unknown = dc.context.activity.value;
    if (value === undefined || value === null) {
      await dc.context.sendActivity(
        'Please answer on the card. You can also type "help", "cancel" or "start over".',
      );
      await this.show(dc, state, state.step, { sameToken: true });
      return Dialog.EndOfTurn;
    }
    const check = checkDialogSubmit(value);
    if (!check.ok) {
      await dc.context.sendActivity(`I could not use that card: ${check.reason} Nothing changed.`);
      await this.show(dc, state, state.step, { sameToken: true });
      return Dialog.EndOfTurn;
    }
    const submit = check.submit;
    if (submit.stepToken !== state.token || !STEP_ACTIONS[state.step].includes(submit.action)) {
      await dc.context.sendActivity(
        'That card is from an earlier step, so nothing changed. Please use the latest card:',
      );
      await this.show(dc, state, state.step, { sameToken: true });
      return Dialog.EndOfTurn;
    }
    return this.handle(dc, state, submit);
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
    if (!draft.scenarioId) return this.show(dc, state, 'scenario');
    const context = await this.customerContext(state);
    const preview = previewDeclaration(draft as AnsweredDraft, context);
    const scenarioProblems = problemsOf(preview, 'scenario');
    if (scenarioProblems.length > 0) {
      return this.show(dc, state, 'scenario', { problems: scenarioProblems });
    }
    if (!state.answersReviewed) return this.show(dc, state, 'answers', { context });
    if (!preview.ok) {
      return this.show(dc, state, 'answers', { problems: problemsOf(preview), context });
    }
    const reason = (draft.answers?.detailedReason ?? '').trim();
    const scenario = findScenario(draft.scenarioId)!;
    if (declaresNoIntent(scenario) && reason !== '' && reason !== state.coachedReason) {
      if (this.coach(state, scenario).verdict !== 'great') return this.show(dc, state, 'coach');
      state.coachedReason = reason;
    }
    state.declarationId ??= randomUUID();
    return this.show(dc, state, 'summary', { preview, context });
  }

  private async save(dc: DialogContext, state: DeclarationState): Promise<DialogTurnResult> {
    const scenario = findScenario(state.draft.scenarioId ?? '');
    let noticeTarget: NoticeTarget | undefined;
    if (scenario && declaresNoIntent(scenario)) {
      const chosen = (targets: readonly NoticeTarget[]) =>
        targets.find((t) => noticeChannelKey(t) === state.noticeChannel);
      noticeTarget = chosen(await this.noticeTargets(state));
      // The app may have been added to a team since the summary was shown.
      if (!noticeTarget) noticeTarget = chosen(await this.noticeTargets(state, { fresh: true }));
      if (!noticeTarget) {
        const targets = state.noticeTargets ?? [];
        const problem =
          targets.length === 0
            ? 'The account team must be told, and the app is not in any team yet. Ask an owner of their team to add it, then tap Confirm again.'
            : "Choose the account team's channel for the notice.";
        return this.show(dc, state, 'summary', { problems: [problem] });
      }
    }
    const claim = newClaim(this.services.instanceId);
    let outcome;
    try {
      outcome = await recordDeclaration(
        {
          repository: this.services.repository,
          notices: this.services.notices,
          now: this.services.now,
          delivery: this.services.delivery.settings,
        },
        {
          declarationId: state.declarationId!,
          draft: state.draft as AnsweredDraft,
          context: state.context,
          fm: turnPerson(dc.context),
          noticeTarget,
          fmAddress: personalAddressOf(dc.context),
          claim,
        },
      );
    } catch (error) {
      console.error('Saving a declaration failed:', error);
      await dc.context.sendActivity(
        'I could not save the declaration just now: the database did not answer. Your answers are kept. Tap "Confirm and save" on the summary again in a moment.',
      );
      return Dialog.EndOfTurn;
    }
    if (!outcome.ok) {
      // The customer's records changed since the summary was shown: show what is wrong now.
      return this.advance(dc, state);
    }
    await dc.context.sendActivity(
      MessageFactory.attachment(CardFactory.adaptiveCard(declarationSavedCard(outcome.records))),
    );
    if (outcome.notice) await this.announce(dc, outcome.notice, claim);
    const result: DeclarationResult = { records: outcome.records };
    return dc.endDialog(result);
  }

  /** Posts the notice now; what Teams does not take now, the sweep posts later. */
  private async announce(dc: DialogContext, notice: StoredNotice, claim: string): Promise<void> {
    let outcome: DeliveryOutcome;
    let latest = notice;
    try {
      ({ outcome, notice: latest } = await deliverNotice(this.services.delivery, notice, claim));
    } catch (error) {
      console.error('Posting a notice failed; the sweep will retry:', error);
      outcome = 'pending';
    }
    const where = `${notice.target.teamName} > ${notice.target.channelName}`;
    const text: Record<DeliveryOutcome, string> = {
      posted: `I posted the No Intent notice in ${where}. A manager confirms it there; I will tell you the outcome here.`,
      pending: `Teams did not take the notice for ${where} just now. It is saved and I keep trying until it is posted; you do not need to do anything.`,
      failed: deliveryFailedText(latest),
      'not-claimed':
        latest.delivery.status === 'posted'
          ? `The No Intent notice is already posted in ${where}.`
          : `The No Intent notice for ${where} is on its way.`,
    };
    await dc.context.sendActivity(text[outcome]);
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
   * Sends the card of a step. A new step gets a new token, which makes every older card stale;
   * re-showing the current step keeps the token, so the card already on screen still works.
   */
  private async show(
    dc: DialogContext,
    state: DeclarationState,
    step: Step,
    options: {
      problems?: readonly string[];
      preview?: PreviewResult;
      context?: CustomerContext;
      sameToken?: boolean;
    } = {},
  ): Promise<DialogTurnResult> {
    if (!options.sameToken) state.token = newStepToken(state.ownerId);
    state.step = step;
    const card = await this.cardFor(state, options);
    await dc.context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
    return Dialog.EndOfTurn;
  }

  private async cardFor(
    state: DeclarationState,
    options: { problems?: readonly string[]; preview?: PreviewResult; context?: CustomerContext },
  ): Promise<AdaptiveCardJson> {
    const { draft, token: stepToken } = state;
    const problems = options.problems ?? [];
    const customer = draft.customer;
    if (state.step === 'customer' || !customer) {
      return customerFormCard({ stepToken, customer, problems });
    }
    const workloadNames = customer.workloadIds.map((id) => findWorkload(id)?.name ?? id);
    const scenario = draft.scenarioId ? findScenario(draft.scenarioId) : undefined;
    if (state.step === 'scenario' || !scenario) {
      return scenarioPickerCard({
        stepToken,
        customerName: customer.name,
        workloadNames,
        problems,
      });
    }
    if (state.step === 'coach') {
      const reason = (draft.answers?.detailedReason ?? '').trim();
      return coachFeedbackCard({ stepToken, reason, report: this.coach(state, scenario) });
    }
    const context = options.context ?? (await this.customerContext(state));
    if (state.step === 'answers') {
      return reasonFormCard({
        stepToken,
        scenario,
        answers: draft.answers ?? {},
        defaultEngagement: defaultEngagement(scenario, context.otherWorkloadEngagements),
        existingRecord: existingRecordRows(scenario, customer, context),
        problems,
      });
    }
    const preview = options.preview ?? previewDeclaration(draft as AnsweredDraft, context);
    if (!preview.ok) {
      // Only reachable when re-showing a summary whose data changed underneath it.
      state.step = 'answers';
      return this.cardFor(state, { problems: problemsOf(preview), context });
    }
    const announces = preview.perWorkload.some((w) => w.derivation.declaresNoIntent);
    const targets = announces ? await this.noticeTargets(state) : [];
    const last = context.lastNoticeChannel
      ? noticeChannelKey(context.lastNoticeChannel)
      : undefined;
    const keys = targets.map(noticeChannelKey);
    state.noticeChannel = [state.noticeChannel, last].find((key) => key && keys.includes(key));
    return ftopSummaryCard({
      stepToken,
      customerName: customer.name,
      tenantId: customer.tenantId,
      perWorkload: preview.perWorkload,
      noticeTargets: targets,
      noticeChannel: state.noticeChannel,
      problems,
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

  /** The customer's records, read once per declaration and again only when too old. */
  private async customerContext(state: DeclarationState): Promise<CustomerContext> {
    const { tenantId, workloadIds } = state.draft.customer!;
    const now = this.services.now();
    if (!isContextCurrent(state.context, tenantId, workloadIds, now)) {
      state.context = await loadCustomerContext(
        this.services.repository,
        tenantId,
        workloadIds,
        now,
      );
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

/** Scenario 5 shows each workload's existing No Intent values, for the FM to validate. */
function existingRecordRows(
  scenario: Scenario,
  customer: CustomerAnswers,
  context: CustomerContext,
): { label: string; value: string }[] | undefined {
  if (scenario.kind !== 'existing-no-intent') return undefined;
  const shown = new Set<string>(['l1', 'l2', 'l3', 'serviceEngagementScenario', 'notes']);
  return customer.workloadIds.flatMap((workloadId) => {
    const record = context.existingNoIntent[workloadId];
    if (!record) return [];
    return FTOP_FIELD_LABELS.filter(([key]) => shown.has(key)).map(([key, label]) => ({
      label: `${record.workloadName}: ${label}`,
      value: record.fields[key],
    }));
  });
}
