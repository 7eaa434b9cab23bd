import type { FollowUpKind, FollowUpSettings } from '../../../application/followUps/followUpRules';
import { FOLLOW_UP_KINDS } from '../../../application/followUps/followUpRules';
import { kindSnoozeKey, type ReminderInbox } from '../../../application/followUps/reminderInbox';
import { expandCard, type AdaptiveCardJson } from './cardTemplate';

export const REMINDER_LABELS: Record<
  FollowUpKind,
  { label: string; about: (s: FollowUpSettings) => string }
> = {
  'decision-reminder': {
    label: 'Decisions waiting for you',
    about: (s) =>
      `Managers: one digest each working morning while declarations have waited ${s.decisionReminderDays} working days or more.`,
  },
  'decision-escalation': {
    label: 'Escalations',
    about: (s) =>
      `Global managers: declarations no manager of the team decided in ${s.escalationDays} working days.`,
  },
  kickoff: {
    label: 'Kickoff day',
    about: () => 'FMs: on a scenario 1 kickoff date, that "Delivery Assignment" is due.',
  },
  'ftop-reminder': {
    label: 'Values not entered in FTOP',
    about: () => 'FMs: once, a working day after saving, while the values are not marked entered.',
  },
  'rejection-reminder': {
    label: 'Rejected declarations',
    about: () => 'FMs: once, a working day after a rejection nobody acted on.',
  },
  revalidation: {
    label: 'Re-validation',
    about: (s) => `FMs: whether a No Intent confirmed ${s.revalidationDays} days ago still holds.`,
  },
};

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Which reminders the person gets, and a switch for each. */
export function reminderSettingsCard(
  inbox: ReminderInbox,
  settings: FollowUpSettings,
  now: Date,
  notice = '',
): AdaptiveCardJson {
  const hour = (h: number) => `${String(h).padStart(2, '0')}:00`;
  const zone = inbox.timeZone ?? 'UTC, until I learn yours from your messages';
  const snoozed = inbox.items
    .filter((item) => Date.parse(inbox.snoozed[item.key] ?? '') > now.getTime())
    .map(
      (item) =>
        `${item.customerName} · ${item.workloadNames.join(', ')} (${lowerFirst(REMINDER_LABELS[item.kind].label)}): snoozed until ${inbox.snoozed[item.key]!.slice(0, 10)}`,
    );
  const shortened =
    settings.shortDayMs === null
      ? ''
      : ` On this shortened schedule a day lasts ${settings.shortDayMs / 60_000} minute(s).`;
  return expandCard('reminder-settings', {
    notice,
    snoozedText: snoozed.join('\n'),
    whenText: inbox.blocked
      ? 'I could not reach you (the app was removed or blocked), so reminders stopped. Write to me in our chat and they resume.'
      : `Reminders come on working days between ${hour(settings.hours.startHour)} and ${hour(settings.hours.endHour)} in your time zone (${zone}).${shortened}`,
    kinds: FOLLOW_UP_KINDS.map((kind) => {
      const off = inbox.off.includes(kind);
      const snoozedUntil = inbox.snoozed[kindSnoozeKey(kind)];
      const snoozed = snoozedUntil && Date.parse(snoozedUntil) > now.getTime();
      return {
        kind,
        label: REMINDER_LABELS[kind].label,
        about: REMINDER_LABELS[kind].about(settings),
        state: off ? 'off' : snoozed ? `snoozed until ${snoozedUntil!.slice(0, 10)}` : 'on',
        switchTitle: off ? 'Turn on' : 'Turn off',
        turnOn: off ? 'true' : 'false',
      };
    }),
  });
}
