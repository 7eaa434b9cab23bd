import { SCENARIOS, declaresNoIntent, whoUpdatesFtop } from '../../../playbook/scenarios';
import { expandCard, type AdaptiveCardJson } from './cardTemplate';

export interface ScenarioPickerView {
  readonly stepToken: string;
  readonly customerName: string;
  readonly workloadNames: readonly string[];
  readonly problems?: readonly string[];
}

export function scenarioPickerCard(view: ScenarioPickerView): AdaptiveCardJson {
  return expandCard('scenario-picker', {
    stepToken: view.stepToken,
    problems: view.problems ?? [],
    customerName: view.customerName,
    workloadNames: view.workloadNames.join(', '),
    scenarios: SCENARIOS.map((scenario) => ({
      id: scenario.id,
      number: scenario.number,
      title: scenario.title,
      playbookWording: scenario.playbookWording,
      stageLabel: scenario.stage === 'assignment' ? 'Assignment' : 'Delivery',
      recordedBy: whoUpdatesFtop(scenario.stage),
      declaresNoIntent: declaresNoIntent(scenario),
    })),
  });
}
