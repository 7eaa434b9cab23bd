/**
 * What a declaration leaves to be finished later, and when: the follow-ups a change schedules
 * (in the same batch as the change), and whether one still applies when its time comes. A
 * follow-up that no longer applies (decided, entered, declared again) simply lapses.
 */
import { ftopTask, isAwaitingDecision } from '../../playbook/entitlement';
import type { Declaration } from '../declaration';
import type { DeclarationSnapshot } from '../ledgerRepository';
import type { FollowUpKind, ScheduledFollowUp } from './followUpKind';
import { addWorkingDays, OFFICE_HOURS, workingDaysBetween, type WorkingHours } from './workingTime';

export type { FollowUpKind, ScheduledFollowUp } from './followUpKind';

export const FOLLOW_UP_KINDS: readonly FollowUpKind[] = [
  'decision-reminder',
  'decision-escalation',
  'kickoff',
  'ftop-reminder',
  'rejection-reminder',
  'revalidation',
];

export interface FollowUpSettings {
  readonly decisionReminderDays: number;
  readonly escalationDays: number;
  readonly revalidationDays: number;
  readonly hours: WorkingHours;
  /**
   * A shortened schedule for trying the bot out: each working day (and each day before a
   * re-validation) lasts this many milliseconds. Null in real use.
   */
  readonly shortDayMs: number | null;
}

export const DEFAULT_FOLLOW_UPS: FollowUpSettings = {
  decisionReminderDays: 2,
  escalationDays: 5,
  revalidationDays: 180,
  hours: OFFICE_HOURS,
  shortDayMs: null,
};

const KICKOFF_SCENARIO = 'declines-fasttrack-center';
const DAY_MS = 24 * 60 * 60 * 1000;

/** `days` working days after `from` (counted in UTC: the reader's own hours come at delivery). */
function workingDaysLater(from: Date, days: number, settings: FollowUpSettings): string {
  if (settings.shortDayMs !== null) {
    return new Date(from.getTime() + days * settings.shortDayMs).toISOString();
  }
  return addWorkingDays(from, days, 'UTC', settings.hours).toISOString();
}

/** Working days from `from` to `now`, counted as the follow-ups count them. */
export function workingDaysWaited(from: Date, now: Date, settings: FollowUpSettings): number {
  if (settings.shortDayMs !== null) {
    return Math.floor((now.getTime() - from.getTime()) / settings.shortDayMs);
  }
  return workingDaysBetween(from, now, 'UTC', settings.hours);
}

function daysLater(from: Date, days: number, settings: FollowUpSettings): string {
  return new Date(from.getTime() + days * (settings.shortDayMs ?? DAY_MS)).toISOString();
}

/** The follow-ups a newly saved declaration starts. */
export function followUpsOfSaved(
  declaration: Declaration,
  now: Date,
  settings: FollowUpSettings,
): ScheduledFollowUp[] {
  const ftop = { kind: 'ftop-reminder', dueAt: workingDaysLater(now, 1, settings) } as const;
  if (declaration.state === 'awaiting-decision') {
    return [
      {
        kind: 'decision-reminder',
        dueAt: workingDaysLater(now, settings.decisionReminderDays, settings),
      },
      {
        kind: 'decision-escalation',
        dueAt: workingDaysLater(now, settings.escalationDays, settings),
      },
      ftop,
    ];
  }
  const kickoff = kickoffDayOf(declaration);
  if (declaration.scenarioId === KICKOFF_SCENARIO && kickoff) {
    // In the inbox before the kickoff day begins anywhere; each FM gets it in their own morning.
    const dayBefore = new Date(Date.parse(`${kickoff}T00:00:00Z`) - DAY_MS);
    return [{ kind: 'kickoff', dueAt: maxIso(dayBefore, now) }, ftop];
  }
  return [ftop];
}

/** The follow-ups a manager's decision starts. */
export function followUpsOfDecision(
  declaration: Declaration,
  now: Date,
  settings: FollowUpSettings,
): ScheduledFollowUp[] {
  if (declaration.state === 'confirmed') {
    return [{ kind: 'revalidation', dueAt: daysLater(now, settings.revalidationDays, settings) }];
  }
  if (declaration.state === 'rejected') {
    return [{ kind: 'rejection-reminder', dueAt: workingDaysLater(now, 1, settings) }];
  }
  return [];
}

/** The next re-validation, once the FM has said the No Intent still holds. */
export function nextRevalidation(now: Date, settings: FollowUpSettings): ScheduledFollowUp {
  return { kind: 'revalidation', dueAt: daysLater(now, settings.revalidationDays, settings) };
}

/** Scenario 1's kickoff date (YYYY-MM-DD), where its next action is due. */
export function kickoffDayOf(declaration: Declaration): string | null {
  const day = declaration.workloads[0]?.status.fields.nextActionDate ?? '';
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : null;
}

/**
 * Whether the follow-up still applies to what the ledger holds now. The workloads it applies to
 * are those the declaration still speaks for.
 */
export function stillApplies(kind: FollowUpKind, snapshot: DeclarationSnapshot): string[] {
  const { declaration, customer } = snapshot;
  const entries = declaration.workloads.flatMap((w) => {
    const entry = customer.entitlements[w.workloadId];
    return entry ? [entry] : [];
  });
  const id = declaration.declarationId;
  const current = entries.filter((e) => e.declaration?.declarationId === id);
  switch (kind) {
    case 'decision-reminder':
    case 'decision-escalation':
      return declaration.state === 'awaiting-decision'
        ? entries.filter((e) => isAwaitingDecision(e, id)).map((e) => e.workloadId)
        : [];
    case 'kickoff':
      return declaration.state === 'recorded' ? current.map((e) => e.workloadId) : [];
    case 'ftop-reminder':
      return entries
        .filter((e) => {
          const task = ftopTask(e);
          return task?.kind === 'enter' && task.declarationId === id;
        })
        .map((e) => e.workloadId);
    case 'rejection-reminder':
      // Not acted on: nothing declared since, and, when its values were entered, not put back.
      return declaration.state === 'rejected'
        ? entries
            .filter(
              (e) =>
                e.closed?.declarationId === id &&
                (!e.closed.wasEntered || ftopTask(e)?.kind === 'put-back'),
            )
            .map((e) => e.workloadId)
        : [];
    case 'revalidation':
      return declaration.state === 'confirmed' ? current.map((e) => e.workloadId) : [];
  }
}

function maxIso(a: Date, b: Date): string {
  return (a > b ? a : b).toISOString();
}
