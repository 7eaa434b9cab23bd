import { listOf } from '../../../playbook/listOf';
import type { CoachReport, CoachSuggestion } from '../../../playbook/reasonCoach';
import { MAX_REASON_LENGTH } from '../../../playbook/playbookProblems';
import { expandCard, type AdaptiveCardJson } from './cardTemplate';

export interface CoachFeedbackView {
  readonly stepToken: string;
  /** The declaration's customer and workloads, named at the top as on every step. */
  readonly customerName: string;
  readonly workloadNames: readonly string[];
  readonly reason: string;
  /** Whether the note may not be left empty: a new No Intent's note becomes the FTOP note. */
  readonly reasonRequired: boolean;
  readonly report: CoachReport;
}

const VERDICTS = {
  great: {
    title: 'A great note',
    summary: 'It states the lack of intent and why. Continue to see the FTOP fields.',
    style: 'good',
  },
  marginal: {
    title: 'This note could be sharper',
    summary: 'You can keep it as it is. These changes would make it clearer for the account team.',
    style: 'warning',
  },
  poor: {
    title: 'This note needs work',
    summary:
      "You can still keep it, but the account team may not be able to act on it. These changes, from the playbook's guidance on notes, would help:",
    style: 'attention',
  },
} as const;

const HEADINGS: Record<CoachSuggestion['code'], string> = {
  'only-no-intent': 'Says only "no intent"',
  'no-reason-given': 'No reason given',
  'too-thin': 'Too thin',
  'usage-figures-only': 'Only usage figures',
  'intent-not-stated': 'Intent not stated plainly',
  'reads-like-blocked': 'May be Blocked, not No Intent',
  'reads-like-scenario-1': 'May be scenario 1',
  hedge: 'Hedge words',
  logistics: 'Logistics in the note',
  'too-long': 'Long',
  'l2-mismatch': 'L2 may not fit',
  'name-the-competitor': 'Name the competitor',
  'same-note-for-many-workloads': 'One note for several workloads',
};

export function coachFeedbackCard(view: CoachFeedbackView): AdaptiveCardJson {
  const verdict = VERDICTS[view.report.verdict];
  return expandCard('coach-feedback', {
    stepToken: view.stepToken,
    customerName: view.customerName,
    workloadNames: listOf(view.workloadNames),
    verdictTitle: verdict.title,
    verdictSummary: verdict.summary,
    verdictStyle: verdict.style,
    reason: view.reason,
    reasonRequired: view.reasonRequired,
    reasonMaxLength: MAX_REASON_LENGTH,
    suggestions: view.report.suggestions.map((s) => ({
      heading: HEADINGS[s.code],
      advice: s.advice,
    })),
  });
}
