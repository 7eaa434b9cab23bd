import type { EntitlementRecord } from '../../../application/entitlementRecord';
import { describeEntitlement } from '../../../playbook/describeEntitlement';
import { TRANSITION_TITLES, type Transition } from '../../../playbook/entitlement';
import { FTOP_FIELD_LABELS, type FtopFields } from '../../../playbook/ftopFields';
import { findScenario } from '../../../playbook/scenarios';
import { cardMoment } from './cardDates';
import { shortened } from './shortened';
import { expandCard, type AdaptiveCardJson } from './cardTemplate';
import { entitlementActions } from './entitlementActions';
import { ftopFieldRows } from './ftopFieldRows';

/** One entitlement: its FTOP values now, where they stand, and every change, newest first. */
export function entitlementDetailsCard(
  record: EntitlementRecord,
  viewer: string,
): AdaptiveCardJson {
  const description = describeEntitlement(record);
  return expandCard('entitlement-details', {
    tenantId: record.tenantId,
    workloadId: record.workloadId,
    customerName: record.customerName,
    workloadName: record.workloadName,
    statusText: description.status,
    details: description.details,
    fieldsHeading: 'FTOP values the bot holds',
    fields: record.status
      ? ftopFieldRows([{ workloadName: record.workloadName, fields: record.status.fields }])
      : [],
    history: record.history.slice(-MAX_HISTORY_SHOWN).reverse().map(historyLine),
    historyNote:
      record.history.length > MAX_HISTORY_SHOWN
        ? `The latest ${MAX_HISTORY_SHOWN} of ${record.history.length} changes, newest first.`
        : 'Newest first.',
    ...entitlementActions(record, viewer),
  });
}

/** A card stays well under Teams' size limit; older changes stay in the ledger. */
const MAX_HISTORY_SHOWN = 10;
/** Field values in the history are cut to this; the current values above are shown whole. */
const MAX_VALUE_SHOWN = 120;

function historyLine(transition: Transition): { at: string; headline: string; lines: string[] } {
  const scenario = transition.scenarioId ? findScenario(transition.scenarioId) : undefined;
  const lines = [
    `By ${transition.by.name}${scenario ? ` · scenario ${scenario.number}` : ''}`,
    ...(transition.comment ? [`Comment: ${transition.comment}`] : []),
    ...changedFields(transition.fieldsBefore, transition.fieldsAfter),
  ];
  return { at: cardMoment(transition.at), headline: TRANSITION_TITLES[transition.kind], lines };
}

/** Only the fields that changed, as "L1 Value: In Progress → No Intent". */
function changedFields(before: FtopFields | null, after: FtopFields | null): string[] {
  if (!before && !after) return [];
  return FTOP_FIELD_LABELS.flatMap(([key, label]) => {
    const from = before?.[key] ?? '';
    const to = after?.[key] ?? '';
    if (from === to) return [];
    return [
      `${label}: ${shortened(from, MAX_VALUE_SHOWN) || '(none)'} → ${shortened(to, MAX_VALUE_SHOWN) || '(none)'}`,
    ];
  });
}
