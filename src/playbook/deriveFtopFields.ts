/** Derives every FTOP field from the FM's answers, following the playbook's No Intent table. */
import { checkCalendarDate } from './calendarDate';
import {
  allowedEngagements,
  findEngagementScenario,
  type EngagementScenario,
  type EngagementScenarioId,
} from './engagementScenarios';
import {
  FtopFields,
  NEXT_ACTION_DELIVERY_ASSIGNMENT,
  NEXT_ACTION_NOTIFY_ACCOUNT_TEAM,
  NOT_APPLICABLE,
  TO_BE_DETERMINED,
} from './ftopFields';
import { L3_NOT_YET_DEFINED, l3ReasonsFor, type L3Reason } from './l3Reasons';
import { findL2Reason, L2_REASONS, type L2Reason, type L2ReasonId } from './noIntentReasons';
import { MAX_REASON_LENGTH, type PlaybookProblem } from './playbookProblems';
import { findScenario, SCENARIOS, whoUpdatesFtop, type Scenario } from './scenarios';

/** What the FM answered. Strings are unchecked: they may come from a forged card submit. */
export interface DeclarationAnswers {
  readonly scenarioId: string;
  readonly l2ReasonId?: string;
  readonly l3ReasonId?: string;
  readonly detailedReason?: string;
  readonly engagementScenarioId?: string;
  /** YYYY-MM-DD; scenario 1 only. */
  readonly kickoffDate?: string;
}

/** The customer's No Intent record for the same workload, which scenario 5 builds on. */
export interface ExistingNoIntent {
  readonly l2ReasonId: L2ReasonId;
  readonly l3ReasonId: string | null;
  readonly notes: string;
}

export interface FtopDerivation {
  readonly scenario: Scenario;
  readonly declaresNoIntent: boolean;
  readonly l2ReasonId: L2ReasonId | null;
  readonly l3ReasonId: string | null;
  readonly engagementScenarioId: EngagementScenarioId;
  readonly fields: FtopFields;
}

export type DerivationResult =
  | { readonly ok: true; readonly derivation: FtopDerivation }
  | { readonly ok: false; readonly problems: readonly PlaybookProblem[] };

export function deriveFtopFields(
  answers: DeclarationAnswers,
  existing?: ExistingNoIntent | null,
): DerivationResult {
  const scenario = findScenario(answers.scenarioId);
  if (!scenario) {
    const numbers = SCENARIOS.map((s) => s.number).join(', ');
    return failure({
      code: 'unknown-scenario',
      field: 'scenario',
      message: `"${shorten(answers.scenarioId)}" is not one of the playbook's scenarios (${numbers}). Choose the scenario from the list.`,
    });
  }
  const problems: PlaybookProblem[] = [];
  const engagement = checkEngagement(scenario, answers.engagementScenarioId, problems);

  if (scenario.kind === 'intent-without-fasttrack') {
    rejectNoIntentAnswers(answers, problems);
    const kickoff = checkKickoff(answers.kickoffDate, problems);
    if (problems.length > 0 || !engagement || !kickoff) return { ok: false, problems };
    return success(scenario, null, null, engagement, {
      whoUpdatesFtop: whoUpdatesFtop(scenario.stage),
      l1: 'In Progress',
      l2: NOT_APPLICABLE,
      l3: NOT_APPLICABLE,
      serviceStatus: 'Initiate',
      serviceEngagementScenario: engagement.name,
      targetDate: NOT_APPLICABLE,
      owner: '',
      notes: '',
      nextActionDate: kickoff,
      nextAction: NEXT_ACTION_DELIVERY_ASSIGNMENT,
    });
  }

  if (answers.kickoffDate !== undefined && answers.kickoffDate !== '') {
    problems.push({
      code: 'kickoff-not-applicable',
      field: 'kickoff',
      message: `Only scenario 1 takes a kickoff date; scenario ${scenario.number} sets the next action date to ${TO_BE_DETERMINED}. Leave the kickoff date empty.`,
    });
  }

  if (scenario.kind === 'existing-no-intent') {
    return deriveForExistingNoIntent(scenario, answers, existing, engagement, problems);
  }

  const l2 = checkL2(answers.l2ReasonId, problems);
  const l3 = l2 ? checkL3(l2, answers.l3ReasonId, problems) : undefined;
  const reason = checkReason(answers.detailedReason, true, problems);
  if (problems.length > 0 || !engagement || !l2 || l3 === undefined || reason === undefined) {
    return { ok: false, problems };
  }
  return success(scenario, l2.id, l3?.id ?? null, engagement, {
    ...noIntentFields(scenario, engagement),
    l2: l2.name,
    l3: l3?.name ?? L3_NOT_YET_DEFINED,
    notes: reason,
    nextAction: NEXT_ACTION_NOTIFY_ACCOUNT_TEAM,
  });
}

/**
 * The answers that still apply after the FM switches scenario, so switching never makes them
 * retype what carries over and never leaves an answer the new scenario rejects.
 */
export function keepApplicableAnswers(
  answers: Omit<DeclarationAnswers, 'scenarioId'>,
  scenario: Scenario,
): Omit<DeclarationAnswers, 'scenarioId'> {
  const allowedEngagement = allowedEngagements(scenario).some(
    (e) => e.id === answers.engagementScenarioId,
  );
  return {
    engagementScenarioId: allowedEngagement ? answers.engagementScenarioId : undefined,
    ...(scenario.kind === 'intent-without-fasttrack'
      ? { kickoffDate: answers.kickoffDate }
      : { detailedReason: answers.detailedReason }),
    ...(scenario.kind === 'new-no-intent'
      ? { l2ReasonId: answers.l2ReasonId, l3ReasonId: answers.l3ReasonId }
      : {}),
  };
}

function deriveForExistingNoIntent(
  scenario: Scenario,
  answers: DeclarationAnswers,
  existing: ExistingNoIntent | null | undefined,
  engagement: EngagementScenario | undefined,
  problems: PlaybookProblem[],
): DerivationResult {
  if (!existing) {
    problems.push({
      code: 'existing-record-missing',
      field: 'scenario',
      message:
        'Scenario 5 validates a No Intent the bot already holds, and it holds none for this workload. To declare No Intent for the first time, choose scenario 2, 3 or 4.',
    });
  }
  if (nonEmpty(answers.l2ReasonId) || nonEmpty(answers.l3ReasonId)) {
    problems.push({
      code: 'l2-not-applicable',
      field: 'l2',
      message:
        'Scenario 5 keeps the L2 and L3 of the existing No Intent and only updates the note. Leave the L2 and L3 unanswered.',
    });
  }
  // "Update notes as necessary": a new reason replaces the note, an empty one keeps it.
  const reason = checkReason(answers.detailedReason, false, problems);
  if (problems.length > 0 || !existing || !engagement || reason === undefined) {
    return { ok: false, problems };
  }
  const l2 = findL2Reason(existing.l2ReasonId);
  const l3 = existing.l3ReasonId
    ? l3ReasonsFor(existing.l2ReasonId).find((r) => r.id === existing.l3ReasonId)
    : undefined;
  return success(scenario, existing.l2ReasonId, existing.l3ReasonId, engagement, {
    ...noIntentFields(scenario, engagement),
    l2: l2?.name ?? existing.l2ReasonId,
    l3: l3?.name ?? existing.l3ReasonId ?? L3_NOT_YET_DEFINED,
    notes: reason === '' ? existing.notes : reason,
    nextAction: NOT_APPLICABLE,
  });
}

function noIntentFields(scenario: Scenario, engagement: EngagementScenario) {
  return {
    whoUpdatesFtop: whoUpdatesFtop(scenario.stage),
    l1: 'No Intent',
    serviceStatus: 'N/A',
    serviceEngagementScenario: engagement.name,
    targetDate: 'N/A',
    owner: 'Account Team',
    nextActionDate: TO_BE_DETERMINED,
  } as const;
}

function rejectNoIntentAnswers(answers: DeclarationAnswers, problems: PlaybookProblem[]): void {
  if (nonEmpty(answers.l2ReasonId) || nonEmpty(answers.l3ReasonId)) {
    problems.push({
      code: 'l2-not-applicable',
      field: 'l2',
      message:
        'Scenario 1 is not No Intent: the customer intends to use the service, so L2 and L3 stay N/A. Choose scenario 2, 3 or 4 if the customer has no intent.',
    });
  }
  if (nonEmpty(answers.detailedReason)) {
    problems.push({
      code: 'reason-not-applicable',
      field: 'reason',
      message:
        'Scenario 1 leaves the FTOP notes empty, so it takes no No Intent reason. Remove the reason, or choose scenario 2, 3 or 4 if the customer has no intent.',
    });
  }
}

function checkEngagement(
  scenario: Scenario,
  id: string | undefined,
  problems: PlaybookProblem[],
): EngagementScenario | undefined {
  const allowed = allowedEngagements(scenario);
  const names = allowed.map((e) => e.name).join(', ');
  if (!nonEmpty(id)) {
    problems.push({
      code: 'engagement-missing',
      field: 'engagement',
      message: `Choose the service engagement scenario (${names}).`,
    });
    return undefined;
  }
  const engagement = findEngagementScenario(id);
  if (!engagement) {
    problems.push({
      code: 'engagement-unknown',
      field: 'engagement',
      message: `"${shorten(id)}" is not an engagement scenario. Choose one of: ${names}.`,
    });
    return undefined;
  }
  if (!allowed.includes(engagement)) {
    problems.push({
      code: 'engagement-not-allowed',
      field: 'engagement',
      message: `Scenario ${scenario.number} is ${names.replace(/, ([^,]*)$/, ' or $1')}: the customer declined the FastTrack Center, so "${engagement.name}" does not fit.`,
    });
    return undefined;
  }
  return engagement;
}

function checkL2(id: string | undefined, problems: PlaybookProblem[]): L2Reason | undefined {
  const names = L2_REASONS.map((r) => r.name).join(', ');
  if (!nonEmpty(id)) {
    problems.push({
      code: 'l2-missing',
      field: 'l2',
      message: `Choose the No Intent L2 reason: ${names}.`,
    });
    return undefined;
  }
  const l2 = findL2Reason(id);
  if (!l2) {
    problems.push({
      code: 'l2-unknown',
      field: 'l2',
      message: `"${shorten(id)}" is not a No Intent L2 reason. Choose one of: ${names}.`,
    });
  }
  return l2;
}

/** Returns the chosen L3, null when the playbook defines none for this L2, undefined on error. */
function checkL3(
  l2: L2Reason,
  id: string | undefined,
  problems: PlaybookProblem[],
): L3Reason | null | undefined {
  const choices = l3ReasonsFor(l2.id);
  if (choices.length === 0) {
    if (!nonEmpty(id)) return null;
    problems.push({
      code: 'l3-not-applicable',
      field: 'l3',
      message: `The playbook defines no L3 under "${l2.name}" yet, so leave the L3 empty.`,
    });
    return undefined;
  }
  const names = choices.map((r) => r.name).join(', ');
  if (!nonEmpty(id)) {
    problems.push({
      code: 'l3-missing',
      field: 'l3',
      message: `Choose the L3 under "${l2.name}": ${names}.`,
    });
    return undefined;
  }
  const l3 = choices.find((r) => r.id === id);
  if (!l3) {
    problems.push({
      code: 'l3-unknown',
      field: 'l3',
      message: `"${shorten(id)}" is not an L3 under "${l2.name}". Choose one of: ${names}.`,
    });
  }
  return l3;
}

/** Returns the trimmed reason ('' when optional and empty), or undefined on error. */
function checkReason(
  text: string | undefined,
  required: boolean,
  problems: PlaybookProblem[],
): string | undefined {
  const reason = (text ?? '').trim();
  if (reason === '' && required) {
    problems.push({
      code: 'reason-missing',
      field: 'reason',
      message:
        'Write the detailed reason for declaring No Intent: it becomes the FTOP note the account team reads. Say that the customer does not intend to use the service, and why.',
    });
    return undefined;
  }
  if (reason.length > MAX_REASON_LENGTH) {
    problems.push({
      code: 'reason-too-long',
      field: 'reason',
      message: `The reason is ${reason.length} characters; the limit is ${MAX_REASON_LENGTH}. The playbook asks for one or two concise sentences: keep the cause and one specific detail.`,
    });
    return undefined;
  }
  return reason;
}

function checkKickoff(text: string | undefined, problems: PlaybookProblem[]): string | undefined {
  const date = (text ?? '').trim();
  if (date === '') {
    problems.push({
      code: 'kickoff-missing',
      field: 'kickoff',
      message: 'Scenario 1 needs the date of the kickoff: it becomes the next action date in FTOP.',
    });
    return undefined;
  }
  const check = checkCalendarDate(date);
  if (check === 'malformed') {
    problems.push({
      code: 'kickoff-malformed',
      field: 'kickoff',
      message: `"${shorten(date)}" is not a date in the form YYYY-MM-DD, for example 2026-12-01.`,
    });
    return undefined;
  }
  if (check === 'not-a-real-date') {
    problems.push({
      code: 'kickoff-not-a-real-date',
      field: 'kickoff',
      message: `${date} is not a real calendar date. Check the month and the day.`,
    });
    return undefined;
  }
  return date;
}

function success(
  scenario: Scenario,
  l2ReasonId: L2ReasonId | null,
  l3ReasonId: string | null,
  engagement: EngagementScenario,
  fields: FtopFields,
): DerivationResult {
  return {
    ok: true,
    derivation: {
      scenario,
      declaresNoIntent: fields.l1 === 'No Intent',
      l2ReasonId,
      l3ReasonId,
      engagementScenarioId: engagement.id,
      fields,
    },
  };
}

function failure(problem: PlaybookProblem): DerivationResult {
  return { ok: false, problems: [problem] };
}

function nonEmpty(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

/** Echoed input is cut short so a forged megabyte does not come back in the message. */
function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
