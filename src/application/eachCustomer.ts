/** Every customer of the ledger, one after another: for one-time work over all that is saved. */
import type { StoredCustomer } from './customerLedger';
import type { LedgerRepository } from './ledgerRepository';

export async function eachCustomer(
  ledger: LedgerRepository,
  visit: (customer: StoredCustomer) => Promise<void>,
): Promise<void> {
  let continuation: string | null = null;
  do {
    const page = await ledger.customerPage(continuation);
    for (const tenantId of page.tenantIds) {
      const customer = await ledger.readCustomer(tenantId);
      if (customer) await visit(customer);
    }
    continuation = page.continuation;
  } while (continuation);
}
