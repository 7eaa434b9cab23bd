import type { ReminderView } from '../../../application/messenger';
import type { FollowUpKind } from '../../../application/followUps/followUpRules';
import { kickoffDayOf } from '../../../application/followUps/followUpRules';
import { findScenario } from '../../../playbook/scenarios';
import { expandCard, type AdaptiveCardJson } from './cardTemplate';

const TITLES: Record<FollowUpKind, string> = {
  'decision-reminder': 'A declaration awaits your decision',
  'decision-escalation': 'A declaration was escalated to you',
  kickoff: 'Delivery Assignment is due',
  'ftop-reminder': 'Values not yet entered in FTOP',
  'rejection-reminder': 'A rejected declaration waits for you',
  revalidation: 'Does the customer still have no intent?',
};

const OFF_TITLES: Record<FollowUpKind, string> = {
  'decision-reminder': 'Turn off decision reminders',
  'decision-escalation': 'Turn off escalations',
  kickoff: 'Turn off kickoff reminders',
  'ftop-reminder': 'Turn off FTOP reminders',
  'rejection-reminder': 'Turn off rejection reminders',
  revalidation: 'Turn off re-validation questions',
};

/** One reminder for an FM, with what to do about it, and how to snooze or stop such reminders. */
export function reminderCard(view: ReminderView): AdaptiveCardJson {
  const { item, snapshot, workloadIds } = view;
  const { declaration } = snapshot;
  const workloads = declaration.workloads.filter((w) => workloadIds.includes(w.workloadId));
  return expandCard('reminder', {
    title: TITLES[item.kind],
    kind: item.kind,
    key: item.key,
    tenantId: declaration.tenantId,
    declarationId: declaration.declarationId,
    workloadId: workloads[0]?.workloadId ?? '',
    customerName: declaration.customerName,
    workloadNames: workloads.map((w) => w.workloadName).join(', '),
    lines: linesOf(view),
    showTitle: item.kind === 'kickoff' ? 'Show the entitlement' : 'Show what to enter',
    offTitle: OFF_TITLES[item.kind],
    footnote:
      'A reminder from the No Intent bot, sent in your working hours. "Snooze for a week" brings it back in seven days; type "reminders" to see or change which reminders you get.',
  });
}

function linesOf({ item, snapshot }: ReminderView): string[] {
  const { declaration } = snapshot;
  const scenario = findScenario(declaration.scenarioId);
  const fields = declaration.workloads[0]?.status.fields;
  switch (item.kind) {
    case 'kickoff':
      return [
        `The kickoff date you recorded under scenario ${scenario?.number ?? 1} (${scenario?.title ?? ''}) has come: ${kickoffDayOf(declaration) ?? 'the date on the declaration'}.`,
        'The next action in FTOP is "Delivery Assignment": assign the delivery FM now.',
      ];
    case 'ftop-reminder':
      return [
        `You saved this declaration on ${declaration.createdAt.slice(0, 10)}, but have not said its values are in FTOP.`,
        'Open it to see each value to enter, then tap "I have entered these in FTOP".',
      ];
    case 'rejection-reminder': {
      const decision = declaration.decision;
      return [
        `${decision?.by.name ?? 'A manager'} rejected your No Intent declaration${decision?.comment ? `: "${decision.comment}"` : '.'}`,
        'Declare again with what the manager asked for, or, if the values were entered in FTOP, put them back as the declaration card says.',
      ];
    }
    case 'revalidation': {
      const decision = declaration.decision;
      return [
        `${decision?.by.name ?? 'A manager'} confirmed this No Intent on ${decision?.at.slice(0, 10) ?? 'an earlier date'}${fields ? ` (${fields.l2})` : ''}.`,
        'Tap "Still no intent" to record that it still holds, or "The customer now intends" to start the declaration that fits now.',
      ];
    }
    default:
      return [`Waiting for your decision since ${declaration.createdAt.slice(0, 10)}.`];
  }
}
