import type { StoredRecord } from '../../../application/declarationRecord';
import { expandCard, type AdaptiveCardJson } from './cardTemplate';
import { recordStatusLabel } from './recordStatusLabel';

export function declarationSavedCard(records: readonly StoredRecord[]): AdaptiveCardJson {
  const first = records[0];
  if (!first) throw new Error('A saved declaration has at least one record.');
  return expandCard('declaration-saved', {
    title: first.declaresNoIntent ? 'No Intent saved' : 'Intent recorded',
    nextStep: first.declaresNoIntent
      ? 'Enter these values in FTOP. The account team is told, and a manager confirms the declaration from their notice.'
      : 'Enter these values in FTOP. This is not No Intent, so nothing is announced; the next action is Delivery Assignment.',
    customerName: first.customerName,
    scenarioNumber: first.scenarioNumber,
    declarationId: first.declarationId,
    records: records.map((r) => ({
      workloadName: r.workloadName,
      status: recordStatusLabel(r.status),
    })),
  });
}
