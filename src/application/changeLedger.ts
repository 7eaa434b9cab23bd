/**
 * The read-change-save loop every change of a customer's ledger goes through: read what the
 * change needs, decide, save it in one batch, and when another change got there first, read
 * again and decide anew.
 */
import type { Changed, EntitlementState } from '../playbook/entitlement';
import type { CustomerLedger, EntitlementEntry, StoredCustomer } from './customerLedger';
import type { EntitlementRecord } from './entitlementRecord';
import {
  ConcurrencyConflict,
  LedgerUnavailable,
  type DeclarationSnapshot,
  type LedgerChange,
  type LedgerRepository,
  type SavedChange,
} from './ledgerRepository';

const MAX_ATTEMPTS = 5;
/** A save the ledger may not have taken is tried once more; then the person is told. */
const MAX_UNAVAILABLE_RETRIES = 1;

/** What a decision step returns: the result, and the change to save (none: nothing changes). */
export interface Decided<R> {
  readonly result: R;
  readonly change?: LedgerChange;
}

/**
 * Reads a declaration with the records of its workloads, lets `decide` judge, and saves its
 * change; `decide` runs again on fresh data after a conflict. A result that names a snapshot or
 * effects gets them as saved (the customer's new version, the claimed entries). Undefined when
 * there is no such declaration.
 */
export async function changeDeclaration<R>(
  ledger: LedgerRepository,
  tenantId: string,
  declarationId: string,
  decide: (read: { snapshot: DeclarationSnapshot; records: EntitlementRecord[] }) => Decided<R>,
): Promise<R | undefined> {
  return retryOnConflict<R | undefined>(ledger, async () => {
    const snapshot = await ledger.readDeclaration(tenantId, declarationId);
    if (!snapshot) return { result: undefined };
    const ids = snapshot.declaration.workloads
      .map((w) => w.workloadId)
      .filter((id) => snapshot.customer.entitlements[id]);
    if (ids.length === 0) return decide({ snapshot, records: [] });
    const read = await ledger.readEntitlements(tenantId, ids);
    // Two reads: if the customer changed between them, the declaration read may be stale.
    if (read.customer.etag !== snapshot.customer.etag) {
      throw new ConcurrencyConflict(`The ledger of customer ${tenantId}`);
    }
    return decide({ snapshot, records: read.entitlements });
  });
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
): Promise<R> {
  return retryOnConflict(ledger, async () => {
    const customer = await ledger.readCustomer(tenantId);
    const ids = workloadIds.filter((id) => customer?.entitlements[id]);
    if (!customer || ids.length === 0) return decide({ customer, records: [] });
    const read = await ledger.readEntitlements(tenantId, ids);
    return decide({ customer: read.customer, records: read.entitlements });
  });
}

/**
 * Runs `attempt` and saves its change, again from the start when the customer changed first (a
 * conflict while reading counts too), or when the save failed in a way that may not have saved
 * it: the next attempt reads what is there, so a change saved after all is found, not made twice.
 * Gives up after a few attempts.
 */
export async function retryOnConflict<R>(
  ledger: Pick<LedgerRepository, 'commit'>,
  attempt: () => Promise<Decided<R>>,
): Promise<R> {
  let unavailable = 0;
  for (let tries = 1; ; tries += 1) {
    try {
      const decided = await attempt();
      if (!decided.change) return decided.result;
      return withSaved(decided.result, await ledger.commit(decided.change));
    } catch (error) {
      if (error instanceof LedgerUnavailable) unavailable += 1;
      const retry =
        (error instanceof ConcurrencyConflict && tries < MAX_ATTEMPTS) ||
        (error instanceof LedgerUnavailable && unavailable <= MAX_UNAVAILABLE_RETRIES);
      if (!retry) throw error;
    }
  }
}

/** The result as saved: its snapshot or customer at their new version, its claimed effects. */
function withSaved<R>(result: R, saved: SavedChange): R {
  if (typeof result !== 'object' || result === null) return result;
  const parts = result as {
    snapshot?: DeclarationSnapshot;
    customer?: CustomerLedger;
    effects?: unknown;
  };
  const snapshot = parts.snapshot && {
    ...parts.snapshot,
    customer: saved.customer,
    ...(saved.messages ? { messages: saved.messages } : {}),
  };
  return {
    ...result,
    ...(snapshot ? { snapshot } : {}),
    ...(parts.customer ? { customer: saved.customer } : {}),
    ...('effects' in parts ? { effects: saved.effects } : {}),
  };
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
  return {
    customer: {
      ...withoutEtag(customer),
      entitlements: entries,
      version: customer.version + 1,
      updatedAt: at,
    },
    records: edited,
    changed,
  };
}

/** A stored document as it is written back: without the version it was read at. */
export function withoutEtag<T extends { readonly etag: string }>(document: T): Omit<T, 'etag'> {
  const { etag: _etag, ...rest } = document;
  void _etag;
  return rest;
}
