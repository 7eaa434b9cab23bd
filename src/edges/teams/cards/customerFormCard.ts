import type { CustomerAnswers } from '../../../application/declarationDraft';
import { MAX_CUSTOMER_NAME_LENGTH } from '../../../application/declarationDraft';
import { WORKLOADS } from '../../../playbook/workloads';
import { expandCard, type AdaptiveCardJson } from './cardTemplate';

export interface CustomerFormView {
  readonly stepToken: string;
  readonly customer?: CustomerAnswers;
  readonly problems?: readonly string[];
}

export function customerFormCard(view: CustomerFormView): AdaptiveCardJson {
  return expandCard('customer-form', {
    stepToken: view.stepToken,
    problems: view.problems ?? [],
    customerName: view.customer?.name ?? '',
    customerNameMaxLength: MAX_CUSTOMER_NAME_LENGTH,
    tenantId: view.customer?.tenantId ?? '',
    // A multi-select ChoiceSet takes and sends its value as comma-separated ids.
    workloadIds: (view.customer?.workloadIds ?? []).join(','),
    workloads: WORKLOADS.map(({ id, name }) => ({ id, name })),
  });
}
