/** What the FM has answered so far; every part may still be missing or wrong. */
import type { DeclarationAnswers } from '../playbook/deriveFtopFields';

export interface CustomerAnswers {
  readonly name: string;
  readonly tenantId: string;
  readonly workloadIds: readonly string[];
}

export interface DeclarationDraft {
  readonly customer?: CustomerAnswers;
  readonly scenarioId?: string;
  readonly answers?: Omit<DeclarationAnswers, 'scenarioId'>;
}

export const MAX_CUSTOMER_NAME_LENGTH = 200;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A tenant id or object id: a GUID, in any case. */
export function isGuid(text: string): boolean {
  return GUID.test(text);
}

/** Problems with the customer part of a draft, each a sentence the FM can act on. */
export function checkCustomerAnswers(
  customer: CustomerAnswers,
  knownWorkloadIds: readonly string[],
): string[] {
  const problems: string[] = [];
  const name = customer.name.trim();
  if (name === '') problems.push("Enter the customer's name.");
  if (name.length > MAX_CUSTOMER_NAME_LENGTH) {
    problems.push(
      `The customer name is ${name.length} characters; the limit is ${MAX_CUSTOMER_NAME_LENGTH}.`,
    );
  }
  if (!isGuid(customer.tenantId.trim())) {
    problems.push(
      "Enter the customer's tenant id as a GUID, for example 8f2c7a1e-4b5d-4c3e-9a10-2b7d6e5f4a3c. FTOP and the Microsoft 365 admin center show it.",
    );
  }
  if (customer.workloadIds.length === 0) {
    problems.push('Choose at least one workload.');
  } else if (customer.workloadIds.some((id) => !knownWorkloadIds.includes(id))) {
    problems.push('Choose the workloads from the list.');
  } else if (new Set(customer.workloadIds).size !== customer.workloadIds.length) {
    problems.push('Choose each workload once.');
  }
  return problems;
}
