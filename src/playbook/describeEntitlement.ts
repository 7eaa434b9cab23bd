/** What the bot knows of an entitlement, in a sentence or two an FM reads at a glance. */
import { calendarDay } from './calendarDate';
import { ftopTask, isAwaitingDecision, type EntitlementState } from './entitlement';
import { findScenario } from './scenarios';

export interface EntitlementDescription {
  /** The status in FTOP's words, e.g. "No Intent (Executive Sponsorship)". */
  readonly status: string;
  /** Where the declaration behind it stands, and what happened last. */
  readonly details: readonly string[];
}

export function describeEntitlement(
  state: EntitlementState,
  options: { readonly comments?: boolean } = {},
): EntitlementDescription {
  const comments = options.comments ?? true;
  const details: string[] = [];
  const { status, declaration, closed } = state;
  if (declaration) {
    const scenario = findScenario(declaration.scenarioId)?.number ?? '?';
    if (isAwaitingDecision(state)) {
      details.push(
        `Awaiting the managers' decision: scenario ${scenario}, declared by ${declaration.by.name} on ${calendarDay(declaration.at)}.`,
      );
    } else if (declaration.state === 'confirmed') {
      const decision = declaration.decision;
      details.push(
        decision
          ? `Confirmed by ${decision.by.name} on ${calendarDay(decision.at)} (scenario ${scenario}, declared by ${declaration.by.name}).`
          : `Confirmed (scenario ${scenario}, declared by ${declaration.by.name} on ${calendarDay(declaration.at)}).`,
      );
    } else {
      details.push(
        `Recorded by ${declaration.by.name} on ${calendarDay(declaration.at)} (scenario ${scenario}).`,
      );
    }
  }
  if (closed) {
    const scenario = findScenario(closed.scenarioId)?.number ?? '?';
    details.push(
      closed.outcome === 'rejected'
        ? `The declaration of ${calendarDay(closed.at)} (scenario ${scenario}) was rejected by ${closed.closedBy.name} on ${calendarDay(closed.closedAt)}${comments && closed.comment ? `: "${closed.comment}"` : '.'}`
        : `The declaration of ${calendarDay(closed.at)} (scenario ${scenario}) was withdrawn by ${closed.closedBy.name} on ${calendarDay(closed.closedAt)}.`,
    );
  }
  const task = ftopTask(state);
  if (task?.kind === 'enter') details.push('Not yet entered in FTOP.');
  if (task?.kind === 'put-back') details.push('FTOP must be put back.');
  if (!task && state.ftopEntry && status) {
    details.push(
      `Entered in FTOP by ${state.ftopEntry.by.name} on ${calendarDay(state.ftopEntry.at)}.`,
    );
  }
  return { status: statusText(state), details };
}

export function statusText(state: EntitlementState): string {
  const fields = state.status?.fields;
  if (!fields) return state.closed ? 'No status: its declaration does not stand' : 'No status yet';
  if (fields.l1 === 'In Progress') {
    return `In Progress (${fields.nextAction} on ${fields.nextActionDate})`;
  }
  return `No Intent (${fields.l2})`;
}
