import { MAX_DECISION_COMMENT_LENGTH } from '../../../application/decideDeclaration';
import type { Declaration } from '../../../application/declaration';
import { findScenario } from '../../../playbook/scenarios';
import { cardMoment } from './cardDates';
import { shortened } from './shortened';
import { expandCard, type AdaptiveCardJson } from './cardTemplate';

/** A list of ten stays well under Teams' size limit; the notice shows the whole note. */
const MAX_REASON_SHOWN = 300;

/**
 * A manager's list, with plain Submit buttons: it works in every client, Universal Actions or
 * not. Teams refreshes it for its reader when shown, and the bot updates it in place.
 */
export function awaitingDecisionCard(
  declarations: readonly Declaration[],
  viewer: string,
  notice = '',
): AdaptiveCardJson {
  return expandCard('awaiting-decision', {
    viewerIds: [viewer],
    notice,
    emptyText: 'Nothing is waiting for your decision.',
    commentMaxLength: MAX_DECISION_COMMENT_LENGTH,
    declarations: declarations.map((d) => {
      const scenario = findScenario(d.scenarioId);
      const l2s = [...new Set(d.workloads.map((w) => w.status.fields.l2))].join(', ');
      return {
        tenantId: d.tenantId,
        declarationId: d.declarationId,
        customerName: d.customerName,
        workloadNames: d.workloads.map((w) => w.workloadName).join(', '),
        summary: `Scenario ${scenario?.number ?? '?'}${scenario?.kind === 'existing-no-intent' ? ' (re-validation after new subscriptions)' : ''} · ${l2s} · by ${d.fm.name}`,
        declaredAt: cardMoment(d.createdAt),
        reason: shortened(d.workloads[0]?.status.fields.notes ?? '', MAX_REASON_SHOWN),
      };
    }),
  });
}
