import type { DeclarationAnswers } from '../../../playbook/deriveFtopFields';
import {
  allowedEngagements,
  findEngagementScenario,
  type EngagementScenarioId,
} from '../../../playbook/engagementScenarios';
import { listOf } from '../../../playbook/listOf';
import { l3ReasonsFor } from '../../../playbook/l3Reasons';
import { findL2Reason, L2_REASONS } from '../../../playbook/noIntentReasons';
import { MAX_REASON_LENGTH } from '../../../playbook/playbookProblems';
import type { Scenario } from '../../../playbook/scenarios';
import { expandCard, type AdaptiveCardJson, type LabelledValue } from './cardTemplate';

export interface ReasonFormView {
  readonly stepToken: string;
  readonly customerName: string;
  readonly workloadNames: readonly string[];
  readonly scenario: Scenario;
  /** The managers' word on the declaration this one starts again from, if any. */
  readonly rejection?: string;
  /** What the FM answered before, so editing never means retyping. */
  readonly answers: Partial<DeclarationAnswers>;
  /** Offered when the FM has not chosen yet: the customer's other workloads' engagement. */
  readonly defaultEngagement?: EngagementScenarioId;
  /** Scenario 5: the existing No Intent record's values, shown for validation. */
  readonly existingRecord?: readonly LabelledValue[];
  readonly problems?: readonly string[];
}

export function reasonFormCard(view: ReasonFormView): AdaptiveCardJson {
  const { scenario, answers } = view;
  const newNoIntent = scenario.kind === 'new-no-intent';
  const chosenL2 = answers.l2ReasonId ? findL2Reason(answers.l2ReasonId) : undefined;
  const engagementId = answers.engagementScenarioId || view.defaultEngagement || '';
  const suggested = view.defaultEngagement && findEngagementScenario(view.defaultEngagement);
  return expandCard('reason-form', {
    stepToken: view.stepToken,
    customerName: view.customerName,
    workloadNames: listOf(view.workloadNames),
    rejection: view.rejection ?? '',
    scenario: {
      number: scenario.number,
      title: scenario.title,
      playbookWording: scenario.playbookWording,
    },
    problems: view.problems ?? [],
    existingRecord: view.existingRecord ? { fields: view.existingRecord } : null,
    showL2: newNoIntent,
    l2Reasons: L2_REASONS.map(({ id, name, definition }) => ({ id, name, definition })),
    l2ReasonId: answers.l2ReasonId ?? '',
    l3Reasons: newNoIntent && chosenL2 ? l3ReasonsFor(chosenL2.id) : [],
    l3ReasonId: answers.l3ReasonId ?? '',
    showReason: scenario.kind !== 'intent-without-fasttrack',
    reasonLabel: newNoIntent
      ? 'Detailed reason for declaring No Intent (becomes the FTOP note)'
      : 'Updated note (leave empty to keep the existing note)',
    reasonRequired: newNoIntent,
    reasonMaxLength: MAX_REASON_LENGTH,
    reason: answers.detailedReason ?? '',
    engagementChoices: allowedEngagements(scenario).map(({ id, name }) => ({ id, name })),
    engagementScenarioId: engagementId,
    engagementHint: suggested
      ? `${suggested.name} is what this customer's other workloads use.`
      : scenario.kind === 'intent-without-fasttrack'
        ? 'The customer declined the FastTrack Center: the engagement is customer led or partner led.'
        : "No Intent's engagement depends on the customer's other workloads and their engagements.",
    showKickoff: scenario.kind === 'intent-without-fasttrack',
    kickoffDate: answers.kickoffDate ?? '',
  });
}
