import type { DeclarationSummary } from '../../../application/listMyDeclarations';
import { expandCard, type AdaptiveCardJson } from './cardTemplate';
import { cardDateTime, recordStatusLabel } from './recordStatusLabel';

export function declarationListCard(declarations: readonly DeclarationSummary[]): AdaptiveCardJson {
  return expandCard('declaration-list', {
    title: 'Your recent declarations',
    emptyText: 'You have not recorded any declaration yet. Type "declare" to start one.',
    declarations: declarations.map((d) => ({
      customerName: d.customerName,
      scenarioNumber: d.scenarioNumber,
      createdAt: cardDateTime(d.createdAt),
      workloads: d.workloads.map((w) => ({ name: w.name, status: recordStatusLabel(w.status) })),
    })),
  });
}
