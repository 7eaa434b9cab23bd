/** Service engagement scenarios: who leads the engagement for a workload. */
import type { Scenario } from './scenarios';

export type EngagementScenarioId =
  'fasttrack-center-led' | 'partner-led' | 'customer-led' | 'not-applicable';

export interface EngagementScenario {
  readonly id: EngagementScenarioId;
  /** The value as it is entered in FTOP. */
  readonly name: string;
}

export const ENGAGEMENT_SCENARIOS: readonly EngagementScenario[] = [
  { id: 'fasttrack-center-led', name: 'FastTrack Center led' },
  { id: 'customer-led', name: 'Customer led' },
  { id: 'partner-led', name: 'Partner led' },
  { id: 'not-applicable', name: 'N/A (no other workload is engaged)' },
];

/**
 * Scenario 1 is customer or partner led: the customer declined the FastTrack Center. For No
 * Intent the playbook says it depends on the intent of other workloads and their engagements,
 * so any value fits, including none.
 */
export function allowedEngagements(scenario: Scenario): readonly EngagementScenario[] {
  if (scenario.kind === 'intent-without-fasttrack') {
    return ENGAGEMENT_SCENARIOS.filter((e) => e.id === 'customer-led' || e.id === 'partner-led');
  }
  return ENGAGEMENT_SCENARIOS;
}

export function findEngagementScenario(id: string): EngagementScenario | undefined {
  return ENGAGEMENT_SCENARIOS.find((engagement) => engagement.id === id);
}

/**
 * The default offered for a No Intent declaration: the engagement most used by the customer's
 * other workloads. `otherWorkloadEngagements` is ordered newest first, and a tie goes to the
 * newest. Scenario 1 has no default: the FM says who leads.
 */
export function defaultEngagement(
  scenario: Scenario,
  otherWorkloadEngagements: readonly EngagementScenarioId[],
): EngagementScenarioId | undefined {
  if (scenario.kind === 'intent-without-fasttrack') return undefined;
  const counts = new Map<EngagementScenarioId, number>();
  for (const id of otherWorkloadEngagements) {
    if (id !== 'not-applicable') counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  let best: EngagementScenarioId | undefined;
  for (const [id, count] of counts) {
    if (best === undefined || count > (counts.get(best) ?? 0)) best = id;
  }
  return best;
}
