import { MAX_FILTER_LENGTH, type MyEntitlements } from '../../../application/listMyEntitlements';
import { describeEntitlement } from '../../../playbook/describeEntitlement';
import { expandCard, type AdaptiveCardJson } from './cardTemplate';
import { entitlementActions } from './entitlementActions';

/**
 * "My declarations": the FM's entitlements with where each stands and the next step. The card
 * asks Teams to refresh it for its reader whenever it is shown, and the bot updates it in place
 * when one of its entitlements changes.
 */
export function myDeclarationsCard(
  list: MyEntitlements,
  viewer: string,
  notice = '',
): AdaptiveCardJson {
  return expandCard('my-declarations', {
    title: list.filter ? `Your declarations matching "${list.filter}"` : 'Your declarations',
    notice,
    viewerIds: [viewer],
    filter: list.filter,
    filterMaxLength: MAX_FILTER_LENGTH,
    emptyText: list.filter
      ? `None of your declarations matches "${list.filter}". Clear the box and search to see them all.`
      : 'You have not declared anything yet. Tap "Declare" to start.',
    more: list.more,
    entries: list.entries.map((entry) => {
      const description = describeEntitlement(entry);
      return {
        tenantId: entry.tenantId,
        workloadId: entry.workloadId,
        customerName: entry.customerName,
        workloadName: entry.workloadName,
        statusText: description.status,
        details: description.details,
        ...entitlementActions(entry, viewer),
      };
    }),
  });
}
