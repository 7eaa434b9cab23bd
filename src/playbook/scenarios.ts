/** The five entitlement scenarios of the FastTrack partner playbook's No Intent table. */

export type Stage = 'assignment' | 'delivery';

/** What the scenario does to FTOP, which decides how the fields are derived. */
export type ScenarioKind =
  /** Scenario 1: the customer intends to use the service, just without the FastTrack Center. */
  | 'intent-without-fasttrack'
  /** Scenarios 2 to 4: a new No Intent declaration with an L2 reason. */
  | 'new-no-intent'
  /** Scenario 5: more subscriptions or workloads under a service that is already No Intent. */
  | 'existing-no-intent';

export type ScenarioId =
  | 'declines-fasttrack-center'
  | 'no-intent-at-assignment'
  | 'no-intent-after-intent'
  | 'no-intent-new-workload'
  | 'new-subscriptions-under-no-intent';

export interface Scenario {
  readonly id: ScenarioId;
  /** Row number in the playbook's table, as FMs refer to it. */
  readonly number: 1 | 2 | 3 | 4 | 5;
  readonly stage: Stage;
  readonly kind: ScenarioKind;
  /** A short title for buttons and lists. */
  readonly title: string;
  /** The playbook's own description of the situation. */
  readonly playbookWording: string;
}

export type FmRole = 'Assignment FM' | 'Delivery FM';

export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'declines-fasttrack-center',
    number: 1,
    stage: 'assignment',
    kind: 'intent-without-fasttrack',
    title: 'Declines FastTrack Center, intends to use the service',
    playbookWording:
      'Customer does not want to use FastTrack Center (FTC), but does declare intent to use the service.',
  },
  {
    id: 'no-intent-at-assignment',
    number: 2,
    stage: 'assignment',
    kind: 'new-no-intent',
    title: 'No intent now or in the future',
    playbookWording:
      'Customer declares they have no intent to use the service now or in the future.',
  },
  {
    id: 'no-intent-after-intent',
    number: 3,
    stage: 'delivery',
    kind: 'new-no-intent',
    title: 'No intent after an earlier intent',
    playbookWording: 'Customer later declares no intent after initial intent assignment.',
  },
  {
    id: 'no-intent-new-workload',
    number: 4,
    stage: 'delivery',
    kind: 'new-no-intent',
    title: 'New workload, no intent',
    playbookWording: 'New workload available and customer declares no intent.',
  },
  {
    id: 'new-subscriptions-under-no-intent',
    number: 5,
    stage: 'delivery',
    kind: 'existing-no-intent',
    title: 'New subscriptions under an existing No Intent',
    playbookWording:
      'There are additional subscriptions under Status Unknown: new subscription workloads are added for an existing No Intent service. The FM validates No Intent with the account team or customer.',
  },
];

export function findScenario(id: string): Scenario | undefined {
  return SCENARIOS.find((scenario) => scenario.id === id);
}

/** The playbook's "Who Updates FTOP" column follows the stage. */
export function whoUpdatesFtop(stage: Stage): FmRole {
  return stage === 'assignment' ? 'Assignment FM' : 'Delivery FM';
}

export function declaresNoIntent(scenario: Scenario): boolean {
  return scenario.kind !== 'intent-without-fasttrack';
}
