/**
 * The read-change-save loop every later change of a customer's ledger goes through: read what
 * the change needs, decide, save it in one batch, and when another change got there first,
 * read again and decide anew.
 */
import type { Changed, EntitlementState } from '../playbook/entitlement';
import type { CustomerLedger, EntitlementEntry, StoredCustomer } from './customerLedger';
import type { EntitlementRecord } from './entitlementRecord';
import {
  ConcurrencyConflict,
  type DeclarationSnapshot,
  type LedgerChange,
  type LedgerRepository,
  type SavedChange,
} from './ledgerRepository';

const MAX_ATTEMPTS = 5;

/** What a decision step returns: the result, and the change to save (none: nothing changes). */
export interface Decided<R> {
  readonly result: R;
  readonly change?: LedgerChange;
}

/**
 * Reads a declaration with the records of its workloads, lets `decide` judge, and saves its
 * change. `decide` runs again on fresh data after a conflict. `saved` turns the saved change
 * into the result. Undefined when there is no such declaration.
 */
export async function changeDeclaration<R>(
  ledger: LedgerRepository,
  tenantId: string,
  declarationId: string,
  decide: (read: { snapshot: DeclarationSnapshot; records: EntitlementRecord[] }) => Decided<R>,
  saved?: (result: R, saved: SavedChange) => R,
): Promise<R | undefined> {
  const whenSaved = saved && ((result: R | undefined, done: SavedChange) => saved(result!, done));
  return retryOnConflict<R | undefined>(
    async () => {
      const snapshot = await ledger.readDeclaration(tenantId, declarationId);
      if (!snapshot) return { result: undefined as R | undefined };
      const ids = snapshot.declaration.workloads
        .map((w) => w.workloadId)
        .filter((id) => snapshot.customer.entitlements[id]);
      const { customer, entitlements } =
        ids.length > 0
          ? await ledger.readEntitlements(tenantId, ids)
          : { customer: snapshot.customer, entitlements: [] };
      return decide({ snapshot: { ...snapshot, customer }, records: entitlements });
    },
    ledger,
    whenSaved,
  );
}

/** Reads entitlements of one customer, lets `decide` judge, and saves its change. */
export async function changeEntitlements<R>(
  ledger: LedgerRepository,
  tenantId: string,
  workloadIds: readonly string[],
  decide: (read: {
    customer: StoredCustomer | undefined;
    records: EntitlementRecord[];
  }) => Decided<R>,
  saved?: (result: R, saved: SavedChange) => R,
): Promise<R> {
  return retryOnConflict(
    async () => {
      const customer = await ledger.readCustomer(tenantId);
      const ids = workloadIds.filter((id) => customer?.entitlements[id]);
      if (!customer || ids.length === 0) return decide({ customer, records: [] });
      const read = await ledger.readEntitlements(tenantId, ids);
      return decide({ customer: read.customer, records: read.entitlements });
    },
    ledger,
    saved,
  );
}

async function retryOnConflict<R>(
  attempt: () => Promise<Decided<R>>,
  ledger: LedgerRepository,
  saved?: (result: R, saved: SavedChange) => R,
): Promise<R> {
  for (let tries = 1; ; tries += 1) {
    const decided = await attempt();
    if (!decided.change) return decided.result;
    try {
      const done = await ledger.commit(decided.change);
      return saved ? saved(decided.result, done) : decided.result;
    } catch (error) {
      if (!(error instanceof ConcurrencyConflict) || tries >= MAX_ATTEMPTS) throw error;
    }
  }
}

export interface EditedEntitlements {
  readonly customer: CustomerLedger;
  readonly records: EntitlementRecord[];
  /** The workloads whose state changed. */
  readonly changed: readonly string[];
}

/**
 * Applies one transition to each of these entitlements, in the customer's ledger and in each
 * record (whose history gains the transition). Entitlements the transition does not apply to
 * are left as they are.
 */
export function editEntitlements(
  customer: StoredCustomer,
  records: readonly EntitlementRecord[],
  transition: (state: EntitlementState) => Changed | undefined,
  at: string,
): EditedEntitlements {
  const entries: Record<string, EntitlementEntry> = { ...customer.entitlements };
  const changed: string[] = [];
  const edited: EntitlementRecord[] = [];
  for (const record of records) {
    const entry = customer.entitlements[record.workloadId];
    if (!entry) continue;
    const next = transition(entry);
    if (!next) continue;
    const nextEntry: EntitlementEntry = {
      ...next.state,
      workloadId: entry.workloadId,
      workloadName: entry.workloadName,
    };
    entries[record.workloadId] = nextEntry;
    changed.push(record.workloadId);
    edited.push({
      ...record,
      ...nextEntry,
      updatedAt: at,
      history: [...record.history, next.transition],
    });
  }
  const { etag: _etag, ...current } = customer;
  void _etag;
  return {
    customer: { ...current, entitlements: entries, version: customer.version + 1, updatedAt: at },
    records: edited,
    changed,
  };
}
