/**
 * Which of the playbook's scenarios apply to an entitlement, given what the bot knows of it. The
 * rows of the table are transitions: no status to In Progress or No Intent, In Progress to No
 * Intent, a new workload to No Intent, and No Intent staying No Intent when new subscriptions
 * arrive. Where the bot knows nothing, the FM's word is taken.
 */
import { calendarDay } from './calendarDate';
import { isAwaitingDecision, type EntitlementState } from './entitlement';
import { findL2Reason } from './noIntentReasons';
import { findScenario, SCENARIOS, type Scenario, type ScenarioId } from './scenarios';
import { listOf } from './listOf';

/** `fits`: the row the playbook expects here; `allowed`: the FM may choose it; else refused. */
export type ScenarioVerdict = 'fits' | 'allowed' | 'refused';

export type RefusalCode =
  | 'awaiting-decision'
  | 'needs-no-intent'
  | 'already-no-intent'
  | 'intent-declared-before'
  | 'not-a-new-workload';

export interface ScenarioOption {
  readonly scenario: Scenario;
  readonly verdict: ScenarioVerdict;
  readonly refusal?: RefusalCode;
  /** Why it is refused, or what choosing it means here; addressed to the FM. */
  readonly message?: string;
}

export interface KnownEntitlement {
  readonly workloadName: string;
  readonly state: EntitlementState;
}

/** Every scenario, judged for one entitlement. */
export function scenarioOptions(known: KnownEntitlement): ScenarioOption[] {
  return SCENARIOS.map((scenario) => judge(scenario, known));
}

/** The scenarios judged for several workloads together: refused if refused for any of them. */
export function scenarioOptionsForAll(entitlements: readonly KnownEntitlement[]): ScenarioOption[] {
  return SCENARIOS.map((scenario) => {
    const judged = entitlements.map((known) => ({ known, option: judge(scenario, known) }));
    const refused = judged.filter(({ option }) => option.verdict === 'refused');
    if (refused.length > 0) {
      return {
        scenario,
        verdict: 'refused',
        refusal: refused[0]!.option.refusal,
        message: sayOnce(refused).join(' '),
      };
    }
    const notes = sayOnce(judged.filter(({ option }) => option.message));
    const fits = judged.length > 0 && judged.every(({ option }) => option.verdict === 'fits');
    return {
      scenario,
      verdict: fits ? 'fits' : 'allowed',
      ...(notes.length > 0 ? { message: notes.join(' ') } : {}),
    };
  });
}

/**
 * When no No Intent row fits the workloads together but each has one of its own (one already No
 * Intent, another not yet), they are declared separately; this says how, or null.
 */
export function separateDeclarationsAdvice(
  entitlements: readonly KnownEntitlement[],
): string | null {
  if (entitlements.length < 2) return null;
  const noIntentRows = (options: readonly ScenarioOption[]) =>
    options.filter(
      (o) => o.scenario.kind !== 'intent-without-fasttrack' && o.verdict !== 'refused',
    );
  if (noIntentRows(scenarioOptionsForAll(entitlements)).length > 0) return null;
  const rowsOf = entitlements.map((known) => ({
    name: known.workloadName,
    numbers: noIntentRows(scenarioOptions(known)).map((o) => o.scenario.number),
  }));
  if (rowsOf.some((w) => w.numbers.length === 0)) return null;
  const groups = new Map<string, string[]>();
  for (const { name, numbers } of rowsOf) {
    const key = listOf(numbers.map(String)).replace(/ and (\d)$/, ' or $1');
    groups.set(key, [...(groups.get(key) ?? []), name]);
  }
  if (groups.size < 2) return null;
  const parts = [...groups].map(([rows, names]) => `${listOf(names)} (scenario ${rows})`);
  return `No one No Intent row fits these workloads together. Declare them separately: ${parts.join('; ')}. Tap "Change customer or workloads" to keep one group now, and declare the other next.`;
}

export function optionFor(
  options: readonly ScenarioOption[],
  scenarioId: ScenarioId | string,
): ScenarioOption | undefined {
  const scenario = findScenario(scenarioId);
  return scenario ? options.find((option) => option.scenario.id === scenario.id) : undefined;
}

function judge(scenario: Scenario, { workloadName, state }: KnownEntitlement): ScenarioOption {
  const pending = state.declaration;
  if (pending && isAwaitingDecision(state)) {
    const number = findScenario(pending.scenarioId)?.number ?? '?';
    return refuse(
      scenario,
      'awaiting-decision',
      `${workloadName} already has a declaration awaiting the managers' decision (scenario ${number}, declared by ${pending.by.name} on ${calendarDay(pending.at)}). It must be withdrawn or decided before another one is made.`,
    );
  }
  const status = state.status;
  const since = state.declaration ? ` since ${calendarDay(state.declaration.at)}` : '';
  if (status?.fields.l1 === 'No Intent') {
    const l2 = status.l2ReasonId ? findL2Reason(status.l2ReasonId)?.name : undefined;
    const confirmed =
      state.declaration?.state === 'confirmed'
        ? `, confirmed${state.declaration.decision ? ` on ${calendarDay(state.declaration.decision.at)}` : ''}`
        : '';
    switch (scenario.number) {
      case 5:
        return { scenario, verdict: 'fits' };
      case 1:
        return {
          scenario,
          verdict: 'allowed',
          message: `No Intent${since} for ${workloadName}; scenario 1 records that the customer now intends to use the service.`,
        };
      default:
        return refuse(
          scenario,
          'already-no-intent',
          `${workloadName} is already No Intent${l2 ? ` (${l2})` : ''}${confirmed}. When new subscriptions arrive, choose scenario 5 to validate it and update the note; if the customer now intends to use the service, choose scenario 1.`,
        );
    }
  }
  if (status?.fields.l1 === 'In Progress') {
    switch (scenario.number) {
      case 1:
        return {
          scenario,
          verdict: 'allowed',
          message: `${workloadName} is already In Progress${since}; choosing scenario 1 again updates its engagement and kickoff date.`,
        };
      case 2:
        return refuse(
          scenario,
          'intent-declared-before',
          `Scenario 2 is for a customer who declares no intent at assignment. ${workloadName} is In Progress${since} (scenario 1), so the customer declared intent before: choose scenario 3.`,
        );
      case 3:
        return { scenario, verdict: 'fits' };
      case 4:
        return refuse(
          scenario,
          'not-a-new-workload',
          `Scenario 4 is for a workload newly available to the customer, but ${workloadName} is already In Progress${since}: choose scenario 3.`,
        );
      case 5:
        return refuse(
          scenario,
          'needs-no-intent',
          `Scenario 5 validates a No Intent the bot already holds, but ${workloadName} is In Progress: to declare No Intent, choose scenario 3.`,
        );
    }
  }
  if (scenario.kind === 'existing-no-intent') {
    return refuse(
      scenario,
      'needs-no-intent',
      `Scenario 5 validates a No Intent the bot already holds, and it holds none for ${workloadName}. To declare No Intent for the first time, choose scenario 2, 3 or 4.`,
    );
  }
  return { scenario, verdict: 'allowed' };
}

function refuse(scenario: Scenario, refusal: RefusalCode, message: string): ScenarioOption {
  return { scenario, verdict: 'refused', refusal, message };
}

/**
 * Each reason once: workloads whose reasons differ only in their name share one sentence that
 * names them all ("... for Exchange Online and OneDrive").
 */
function sayOnce(judged: readonly { known: KnownEntitlement; option: ScenarioOption }[]): string[] {
  const byShape = new Map<string, string[]>();
  for (const { known, option } of judged) {
    const shape = (option.message ?? '').split(known.workloadName).join('\u0000');
    if (shape === '') continue;
    byShape.set(shape, [...(byShape.get(shape) ?? []), known.workloadName]);
  }
  return [...byShape].map(([shape, names]) => shape.split('\u0000').join(listOf(names)));
}
