import type { FtopDerivation } from '../../../playbook/deriveFtopFields';
import { FTOP_FIELD_LABELS } from '../../../playbook/ftopFields';
import { expandCard, type AdaptiveCardJson } from './cardTemplate';

export type EditTarget = 'customer' | 'scenario' | 'answers';

export interface FtopSummaryView {
  readonly stepToken: string;
  readonly customerName: string;
  readonly tenantId: string;
  readonly workloadNames: readonly string[];
  readonly derivation: FtopDerivation;
}

const EDIT_TARGETS: readonly { id: EditTarget; title: string }[] = [
  { id: 'customer', title: 'Customer and workloads' },
  { id: 'scenario', title: 'Scenario' },
  { id: 'answers', title: 'Reason and engagement' },
];

export function ftopSummaryCard(view: FtopSummaryView): AdaptiveCardJson {
  const { derivation } = view;
  const many = view.workloadNames.length > 1;
  return expandCard('ftop-summary', {
    stepToken: view.stepToken,
    title: derivation.declaresNoIntent
      ? 'FTOP fields for your No Intent declaration'
      : 'FTOP fields: intent declared, without the FastTrack Center',
    customerName: view.customerName,
    tenantId: view.tenantId,
    workloadNames: view.workloadNames.join(', '),
    scenarioNumber: derivation.scenario.number,
    scenarioTitle: derivation.scenario.title,
    declaresNoIntent: derivation.declaresNoIntent,
    fields: FTOP_FIELD_LABELS.map(([key, label]) => ({
      label,
      value: derivation.fields[key] === '' ? '(leave empty)' : derivation.fields[key],
    })),
    consequence: derivation.declaresNoIntent
      ? `Saving records ${many ? 'one entry per workload' : 'the entry'} and posts a No Intent notice to the account team's channel.`
      : `Saving records ${many ? 'one entry per workload' : 'the entry'}. This is not a No Intent declaration, so nothing is announced.`,
    editTargets: EDIT_TARGETS,
  });
}
