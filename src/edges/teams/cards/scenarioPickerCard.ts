import { describeEntitlement } from '../../../playbook/describeEntitlement';
import type { KnownEntitlement, ScenarioOption } from '../../../playbook/scenarioRules';
import { declaresNoIntent, whoUpdatesFtop } from '../../../playbook/scenarios';
import { expandCard, type AdaptiveCardJson } from './cardTemplate';

export interface ScenarioPickerView {
  readonly stepToken: string;
  readonly customerName: string;
  /** Each chosen workload with what the bot knows of it. */
  readonly known: readonly KnownEntitlement[];
  /** Every scenario, judged for these workloads. */
  readonly options: readonly ScenarioOption[];
  /** The managers' word on the declaration this one starts again from, if any. */
  readonly rejection?: string;
  /** How to go on when the workloads need separate declarations. */
  readonly advice?: string | null;
  readonly problems?: readonly string[];
}

const VERDICT_LABELS = { fits: 'Fits: ', allowed: 'Note: ', refused: 'Not here: ' } as const;

export function scenarioPickerCard(view: ScenarioPickerView): AdaptiveCardJson {
  return expandCard('scenario-picker', {
    stepToken: view.stepToken,
    problems: view.problems ?? [],
    customerName: view.customerName,
    workloadNames: view.known.map((k) => k.workloadName).join(', '),
    rejection: view.rejection ?? '',
    advice: view.advice ?? '',
    known: view.known.map(({ workloadName, state }) => {
      // Declaring again, the managers' comment is shown once, above.
      const description = describeEntitlement(state, { comments: !view.rejection });
      return { workloadName, status: description.status, details: description.details };
    }),
    scenarios: view.options.map(({ scenario, verdict, message }) => ({
      id: scenario.id,
      number: scenario.number,
      title: scenario.title,
      playbookWording: scenario.playbookWording,
      stageLabel: scenario.stage === 'assignment' ? 'Assignment' : 'Delivery',
      recordedBy: whoUpdatesFtop(scenario.stage),
      declaresNoIntent: declaresNoIntent(scenario),
      verdict,
      verdictLabel: VERDICT_LABELS[verdict],
      verdictText:
        message ??
        (verdict === 'fits' ? 'this row matches what the bot knows of these workloads.' : ''),
    })),
  });
}
