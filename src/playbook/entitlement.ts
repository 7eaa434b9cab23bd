/**
 * One entitlement (one customer, one workload) as the bot knows it, and how declarations,
 * managers' decisions and the FM's FTOP entries change it. Every change returns the next state
 * and the transition to append to the entitlement's history; nothing here does I/O.
 */
import type { EngagementScenarioId } from './engagementScenarios';
import type { FtopFields } from './ftopFields';
import type { L2ReasonId } from './noIntentReasons';
import type { Person } from './person';
import type { ScenarioId } from './scenarios';

/** The FTOP values an entitlement holds, with the answers that produced them. */
export interface FtopStatus {
  readonly scenarioId: ScenarioId;
  readonly fields: FtopFields;
  readonly l2ReasonId: L2ReasonId | null;
  readonly l3ReasonId: string | null;
  readonly engagementScenarioId: EngagementScenarioId;
}

/** Who declared what, and when. */
export interface DeclarationRef {
  readonly declarationId: string;
  readonly scenarioId: ScenarioId;
  readonly by: Person;
  readonly at: string;
}

export interface Decision {
  readonly outcome: 'confirmed' | 'rejected';
  readonly by: Person;
  readonly at: string;
  readonly comment: string;
}

/** Where a declaration stands. Scenario 1 is only recorded: it is not No Intent. */
export type LifecycleState =
  'awaiting-decision' | 'confirmed' | 'rejected' | 'withdrawn' | 'recorded';

/** The declaration whose values the entitlement holds now. */
export interface CurrentDeclaration extends DeclarationRef {
  readonly state: 'awaiting-decision' | 'confirmed' | 'recorded';
  readonly decision: Decision | null;
}

/** The latest declaration that was rejected or withdrawn, kept until the next one is made. */
export interface ClosedDeclaration extends DeclarationRef {
  readonly outcome: 'rejected' | 'withdrawn';
  readonly closedBy: Person;
  readonly closedAt: string;
  readonly comment: string;
  /** Its values had been entered in FTOP, so FTOP must be put back. */
  readonly wasEntered: boolean;
}

/** The FM's word that FTOP shows the entitlement's current values. */
export interface FtopEntry {
  readonly at: string;
  readonly by: Person;
}

/** What the entitlement goes back to when a declaration awaiting a decision does not stand. */
export interface EarlierState {
  readonly status: FtopStatus | null;
  readonly declaration: CurrentDeclaration | null;
  readonly ftopEntry: FtopEntry | null;
}

export interface EntitlementState {
  /** What FTOP should show, as far as the bot knows; null when it knows nothing. */
  readonly status: FtopStatus | null;
  /** The declaration that set `status`, and where it stands. */
  readonly declaration: CurrentDeclaration | null;
  /** Set once the FM says FTOP shows `status` (or, with no status, that FTOP was put back). */
  readonly ftopEntry: FtopEntry | null;
  /** Only while a declaration awaits a decision: the state before it. */
  readonly before: EarlierState | null;
  readonly closed: ClosedDeclaration | null;
}

export const NOTHING_KNOWN: EntitlementState = {
  status: null,
  declaration: null,
  ftopEntry: null,
  before: null,
  closed: null,
};

export type TransitionKind =
  | 'declared'
  | 'confirmed'
  | 'rejected'
  | 'withdrawn'
  | 'entered-in-ftop'
  /** A manager handed the decision to another; the values do not change. */
  | 'delegated'
  /** The FM said a confirmed No Intent still holds; the values do not change. */
  | 'validated';

/** What each kind of history line is called, wherever the history is shown. */
export const TRANSITION_TITLES: Readonly<Record<TransitionKind, string>> = {
  declared: 'Declared',
  confirmed: 'Confirmed',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
  'entered-in-ftop': 'Entered in FTOP',
  delegated: 'Decision handed to another manager',
  validated: 'No Intent confirmed as still holding',
};

/** One line of an entitlement's history. Lines are only ever appended. */
export interface Transition {
  readonly kind: TransitionKind;
  readonly at: string;
  readonly by: Person;
  readonly declarationId: string | null;
  readonly scenarioId: ScenarioId | null;
  readonly fieldsBefore: FtopFields | null;
  readonly fieldsAfter: FtopFields | null;
  /** The manager's comment on a decision; empty otherwise. */
  readonly comment: string;
}

export interface Changed {
  readonly state: EntitlementState;
  readonly transition: Transition;
}

/**
 * What the FM still has to do in FTOP for this entitlement, if anything, and the declaration it
 * comes from (null for values the bot holds without one), so a card can say which task it meant.
 */
export type FtopTask =
  /** Enter the entitlement's current values. */
  | {
      readonly kind: 'enter';
      readonly fields: FtopFields;
      readonly declarationId: string | null;
    }
  /**
   * A rejected or withdrawn declaration's values were entered: put back these values, or, when
   * the bot knows none (null), what FTOP showed before that declaration.
   */
  | {
      readonly kind: 'put-back';
      readonly fields: FtopFields | null;
      readonly declarationId: string | null;
    };

/** Whether a task is the one a card offered: same kind, same declaration. */
export function isSameTask(
  task: FtopTask | null,
  offered: { readonly kind: FtopTask['kind']; readonly declarationId: string | null },
): boolean {
  return (
    task !== null && task.kind === offered.kind && task.declarationId === offered.declarationId
  );
}

export function isAwaitingDecision(state: EntitlementState, declarationId?: string): boolean {
  const declaration = state.declaration;
  if (declaration?.state !== 'awaiting-decision') return false;
  return declarationId === undefined || declaration.declarationId === declarationId;
}

/**
 * A new declaration sets the entitlement's values. No Intent waits for the managers' decision,
 * and until then the entitlement remembers what it goes back to.
 */
export function declare(
  state: EntitlementState,
  ref: DeclarationRef,
  status: FtopStatus,
  needsDecision: boolean,
): Changed {
  if (isAwaitingDecision(state)) {
    throw new Error('An entitlement holds one declaration awaiting a decision at a time.');
  }
  const next: EntitlementState = {
    status,
    declaration: {
      ...ref,
      state: needsDecision ? 'awaiting-decision' : 'recorded',
      decision: null,
    },
    ftopEntry: null,
    before: needsDecision
      ? { status: state.status, declaration: state.declaration, ftopEntry: state.ftopEntry }
      : null,
    closed: null,
  };
  return {
    state: next,
    transition: {
      kind: 'declared',
      at: ref.at,
      by: ref.by,
      declarationId: ref.declarationId,
      scenarioId: ref.scenarioId,
      fieldsBefore: state.status?.fields ?? null,
      fieldsAfter: status.fields,
      comment: '',
    },
  };
}

/** A manager's decision on the declaration awaiting it; undefined when there is none. */
export function decide(
  state: EntitlementState,
  declarationId: string,
  decision: Decision,
): Changed | undefined {
  const declaration = state.declaration;
  if (!declaration || !isAwaitingDecision(state, declarationId)) return undefined;
  const transition: Omit<Transition, 'kind' | 'fieldsAfter'> = {
    at: decision.at,
    by: decision.by,
    declarationId,
    scenarioId: declaration.scenarioId,
    fieldsBefore: state.status?.fields ?? null,
    comment: decision.comment,
  };
  if (decision.outcome === 'confirmed') {
    return {
      state: {
        ...state,
        declaration: { ...declaration, state: 'confirmed', decision },
        before: null,
      },
      transition: { ...transition, kind: 'confirmed', fieldsAfter: state.status?.fields ?? null },
    };
  }
  const next = close(state, declaration, 'rejected', decision.by, decision.at, decision.comment);
  return {
    state: next,
    transition: { ...transition, kind: 'rejected', fieldsAfter: next.status?.fields ?? null },
  };
}

/** The declaring FM takes back a declaration that awaits a decision. */
export function withdraw(
  state: EntitlementState,
  declarationId: string,
  by: Person,
  at: string,
): Changed | undefined {
  const declaration = state.declaration;
  if (!declaration || !isAwaitingDecision(state, declarationId)) return undefined;
  const next = close(state, declaration, 'withdrawn', by, at, '');
  return {
    state: next,
    transition: {
      kind: 'withdrawn',
      at,
      by,
      declarationId,
      scenarioId: declaration.scenarioId,
      fieldsBefore: state.status?.fields ?? null,
      fieldsAfter: next.status?.fields ?? null,
      comment: '',
    },
  };
}

/**
 * A manager hands the decision on a declaration awaiting one to another manager. Nothing in FTOP
 * changes; the history says who decides now.
 */
export function delegate(
  state: EntitlementState,
  declarationId: string,
  by: Person,
  to: Person,
  at: string,
): Changed | undefined {
  const declaration = state.declaration;
  if (!declaration || !isAwaitingDecision(state, declarationId)) return undefined;
  return {
    state,
    transition: unchangedTransition('delegated', state, by, at, `Handed to ${to.name}.`),
  };
}

/**
 * The FM says a confirmed No Intent still holds. Nothing in FTOP changes; the history records
 * when it was last checked.
 */
export function validate(
  state: EntitlementState,
  declarationId: string,
  by: Person,
  at: string,
): Changed | undefined {
  const declaration = state.declaration;
  if (declaration?.declarationId !== declarationId || declaration.state !== 'confirmed') {
    return undefined;
  }
  return { state, transition: unchangedTransition('validated', state, by, at, '') };
}

function unchangedTransition(
  kind: 'delegated' | 'validated',
  state: EntitlementState,
  by: Person,
  at: string,
  comment: string,
): Transition {
  return {
    kind,
    at,
    by,
    declarationId: state.declaration?.declarationId ?? null,
    scenarioId: state.declaration?.scenarioId ?? null,
    fieldsBefore: state.status?.fields ?? null,
    fieldsAfter: state.status?.fields ?? null,
    comment,
  };
}

/** The FM has made FTOP show what the bot holds; undefined when there was nothing to do. */
export function enterInFtop(state: EntitlementState, by: Person, at: string): Changed | undefined {
  const task = ftopTask(state);
  if (!task) return undefined;
  const about = task.kind === 'put-back' ? state.closed : state.declaration;
  return {
    state: { ...state, ftopEntry: { at, by } },
    transition: {
      kind: 'entered-in-ftop',
      at,
      by,
      declarationId: about?.declarationId ?? null,
      scenarioId: about?.scenarioId ?? null,
      fieldsBefore: null,
      fieldsAfter: state.status?.fields ?? null,
      comment: '',
    },
  };
}

export function ftopTask(state: EntitlementState): FtopTask | null {
  if (state.ftopEntry) return null;
  if (state.closed?.wasEntered === true) {
    const declarationId = state.closed.declarationId;
    return { kind: 'put-back', fields: state.status?.fields ?? null, declarationId };
  }
  if (!state.status) return null;
  const declarationId = state.declaration?.declarationId ?? null;
  return { kind: 'enter', fields: state.status.fields, declarationId };
}

/** The FM who owes the FTOP task: whoever declared the values to enter, or to take back. */
export function ftopTaskOwner(state: EntitlementState): Person | null {
  const task = ftopTask(state);
  if (!task) return null;
  const about = task.kind === 'put-back' ? state.closed : state.declaration;
  return about?.by ?? null;
}

/** The state a reader sees: the pending or standing declaration, or the last one closed. */
export function lifecycleOf(state: EntitlementState): LifecycleState | null {
  if (state.declaration?.state === 'awaiting-decision') return 'awaiting-decision';
  if (state.closed) return state.closed.outcome;
  return state.declaration?.state ?? null;
}

function close(
  state: EntitlementState,
  declaration: CurrentDeclaration,
  outcome: ClosedDeclaration['outcome'],
  by: Person,
  at: string,
  comment: string,
): EntitlementState {
  const before = state.before ?? { status: null, declaration: null, ftopEntry: null };
  const wasEntered = state.ftopEntry !== null;
  const { declarationId, scenarioId, by: declaredBy, at: declaredAt } = declaration;
  return {
    status: before.status,
    declaration: before.declaration,
    // Values entered in FTOP must be put back; otherwise FTOP still shows what it showed before.
    ftopEntry: wasEntered ? null : before.ftopEntry,
    before: null,
    closed: {
      declarationId,
      scenarioId,
      by: declaredBy,
      at: declaredAt,
      outcome,
      closedBy: by,
      closedAt: at,
      comment,
      wasEntered,
    },
  };
}
