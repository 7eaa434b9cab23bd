/**
 * Brings the portal's rows of some entitlements of one customer, and the summaries that count
 * them, up to date with the ledger. Run after every change of the ledger (an outbox effect); safe
 * to run again, and twice at once: rows and summaries are written together, each only if
 * unchanged since read, and a write that lost is done again from a fresh read.
 */
import type { Declaration } from '../declaration';
import type { CustomerLedger, EntitlementEntry } from '../customerLedger';
import {
  ConcurrencyConflict,
  type DeclarationSnapshot,
  type LedgerRepository,
} from '../ledgerRepository';
import {
  emptySummary,
  portalRowOf,
  rowDocumentId,
  shownDeclarationId,
  summaryDocumentId,
  summaryKeysOfRow,
  summaryWith,
  type PortalRowDocument,
  type PortalSummary,
  type ProjectedEntitlement,
} from './portalProjection';
import type { PortalRepository } from './portalRepository';

const MAX_ATTEMPTS = 5;

export interface ProjectionDeps {
  readonly ledger: LedgerRepository;
  readonly portal: PortalRepository;
}

/**
 * Projects the entitlements a declaration is about, from the snapshot the caller read (its
 * customer's ledger holds every entitlement's state): no further read of the ledger unless an
 * entitlement now shows another declaration.
 */
export async function projectDeclaration(
  deps: ProjectionDeps,
  snapshot: DeclarationSnapshot,
): Promise<void> {
  const { customer, declaration } = snapshot;
  const entitlements = declaration.workloads.flatMap((w) => {
    const entry = customer.entitlements[w.workloadId];
    return entry ? [projected(customer, entry, [])] : [];
  });
  await projectEntitlements(deps, entitlements, [declaration]);
}

/** Projects these entitlements of one customer; `known` declarations are not read again. */
export async function projectEntitlements(
  deps: ProjectionDeps,
  entitlements: readonly ProjectedEntitlement[],
  known: readonly Declaration[] = [],
): Promise<void> {
  const first = entitlements[0];
  if (!first) return;
  const shown = await shownDeclarations(deps.ledger, first.tenantId, entitlements, known);
  for (let attempt = 1; ; attempt += 1) {
    try {
      await projectOnce(deps.portal, first.orgTenantId, entitlements, shown);
      return;
    } catch (error) {
      if (!(error instanceof ConcurrencyConflict) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

/** An entitlement of the customer's ledger, as a row is built from it. */
export function projected(
  customer: CustomerLedger,
  entry: EntitlementEntry,
  fmIds: readonly string[],
  /** When the entitlement itself last changed; the customer's last change otherwise. */
  updatedAt: string = customer.updatedAt,
): ProjectedEntitlement {
  return {
    ...entry,
    tenantId: customer.tenantId,
    customerName: customer.customerName,
    orgTenantId: customer.orgTenantId,
    updatedAt,
    fmIds,
  };
}

async function projectOnce(
  portal: PortalRepository,
  orgTenantId: string,
  records: readonly ProjectedEntitlement[],
  shown: ReadonlyMap<string, Declaration>,
): Promise<void> {
  const rowIds = records.map((r) => rowDocumentId(r.tenantId, r.workloadId));
  const fresh = (earlier?: PortalRowDocument) => (record: ProjectedEntitlement) =>
    portalRowOf(record, shownOf(record, shown), earlier);
  // The summaries the new rows count in; the stored rows can only add teams already counted.
  const guessed = records.map((record) => fresh()(record));
  let stored = await portal.readForProjection(orgTenantId, rowIds, keysOf(guessed));
  const rows = records.map((record, i) =>
    fresh(stored.rows.find((row) => row.id === rowIds[i]))(record),
  );
  const missing = keysOf(rows).filter((key) => !keysOf(guessed).includes(key));
  if (missing.length > 0) {
    const more = await portal.readForProjection(orgTenantId, [], missing);
    stored = { rows: stored.rows, summaries: [...stored.summaries, ...more.summaries] };
  }

  const summaries = new Map<string, { summary: PortalSummary; etag: string | null }>();
  const writes: { document: PortalRowDocument | PortalSummary; etag: string | null }[] = [];
  for (const row of rows) {
    const before = stored.rows.find((r) => r.id === row.id);
    if (before && sameRow(before, row)) continue;
    writes.push({ document: row, etag: before?.etag ?? null });
    const counted = before ? summaryKeysOfRow(before) : [];
    for (const key of summaryKeysOfRow(row)) {
      const current = summaries.get(key) ?? summaryAsStored(stored.summaries, orgTenantId, key);
      const next = summaryWith(current.summary, counted.includes(key) ? before : undefined, row);
      summaries.set(key, { summary: next, etag: current.etag });
    }
  }
  if (writes.length === 0) return;
  for (const { summary, etag } of summaries.values()) writes.push({ document: summary, etag });
  await portal.saveProjection(orgTenantId, writes);
}

function summaryAsStored(
  stored: readonly (PortalSummary & { etag: string })[],
  orgTenantId: string,
  key: string,
): { summary: PortalSummary; etag: string | null } {
  const found = stored.find((s) => s.id === summaryDocumentId(key));
  if (!found) return { summary: emptySummary(orgTenantId, key), etag: null };
  const { etag, ...summary } = found;
  return { summary, etag };
}

function keysOf(rows: readonly PortalRowDocument[]): string[] {
  return [...new Set(rows.flatMap(summaryKeysOfRow))];
}

function sameRow(stored: PortalRowDocument & { etag: string }, row: PortalRowDocument): boolean {
  const { etag, ...kept } = stored;
  void etag;
  return JSON.stringify(kept) === JSON.stringify(row);
}

function shownOf(
  record: ProjectedEntitlement,
  shown: ReadonlyMap<string, Declaration>,
): Declaration | undefined {
  const id = shownDeclarationId(record);
  return id ? shown.get(id) : undefined;
}

/** The declarations the rows show, each read once; the caller's own is not read again. */
async function shownDeclarations(
  ledger: LedgerRepository,
  tenantId: string,
  records: readonly ProjectedEntitlement[],
  known: readonly Declaration[],
): Promise<Map<string, Declaration>> {
  const shown = new Map(known.map((d) => [d.declarationId, d]));
  for (const record of records) {
    const id = shownDeclarationId(record);
    if (!id || shown.has(id)) continue;
    const read = await ledger.readDeclaration(tenantId, id);
    if (read) shown.set(id, read.declaration);
  }
  return shown;
}
