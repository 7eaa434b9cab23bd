/**
 * The portal's copy of an entitlement (a row in its organisation's partition) and, per audience
 * that sees it, a summary for the charts. Rows are rebuilt from the ledger after every change (an
 * outbox effect); each summary moves by the difference between the row's old and new
 * contribution, in the same transactional batch as the row, so a summary always counts exactly
 * the rows of its audience, however often the effect runs.
 */
import { ftopTask, lifecycleOf, type LifecycleState } from '../../playbook/entitlement';
import type { FtopFields } from '../../playbook/ftopFields';
import { findScenario } from '../../playbook/scenarios';
import type { Declaration } from '../declaration';
import type { EntitlementEntry } from '../customerLedger';
import { searchTextOf } from '../entitlementRecord';
import type { PortalCharts, PortalCount, PortalPerson, PortalRow } from './portalContract';
import { fmKey, ORG_KEY, teamKey, type SummaryKey } from './portalScopes';

/** A row as stored: the contract's row, and the fields its queries filter and sort on. */
export interface PortalRowDocument extends Omit<PortalRow, 'canDecide'> {
  /** `row.<tenantId>.<workloadId>`. */
  readonly id: string;
  readonly type: 'row';
  /** The partition. */
  readonly orgTenantId: string;
  /** Lower-case customer name, tenant id and workload name. */
  readonly searchText: string;
  readonly l1: FtopFields['l1'] | null;
  readonly l2: string | null;
  readonly fmId: string | null;
  /** YYYY-MM-DD of `declaredAt`, for date filters. */
  readonly declaredDay: string | null;
  readonly ftopEntered: boolean;
  /** The team whose managers decide the shown declaration (its notice's team), if any. */
  readonly teamId: string | null;
  /** Every team and channel the entitlement's notices went to: who else may see it. */
  readonly teamIds: readonly string[];
  readonly channelIds: readonly string[];
  readonly fmIds: readonly string[];
}

export type StoredPortalRow = PortalRowDocument & { readonly etag: string };

/** What an audience's charts count, kept current with its rows. */
export interface PortalSummary {
  /** `summary.<key>`. */
  readonly id: string;
  readonly type: 'summary';
  readonly orgTenantId: string;
  readonly key: SummaryKey;
  readonly rows: number;
  readonly noIntentByL2: Readonly<Record<string, number>>;
  readonly noIntentByWorkload: Readonly<Record<string, number>>;
  /** Entitlements by the week (its Monday) their current declaration was made. */
  readonly declaredByWeek: Readonly<Record<string, number>>;
  /** Declarations awaiting a decision, by the day they were made. */
  readonly pendingByDay: Readonly<Record<string, number>>;
}

export type StoredPortalSummary = PortalSummary & { readonly etag: string };

export function rowDocumentId(tenantId: string, workloadId: string): string {
  return `row.${tenantId}.${workloadId}`;
}

/** An entitlement's state with its customer: what a row is built from. */
export interface ProjectedEntitlement extends EntitlementEntry {
  readonly tenantId: string;
  readonly customerName: string;
  readonly orgTenantId: string;
  readonly updatedAt: string;
  /** FMs known to have declared for it (the row keeps every one it has seen). */
  readonly fmIds: readonly string[];
}

/**
 * An entitlement as the portal shows it. `shown` is the declaration the entitlement's state
 * refers to (pending, standing or last closed), when it could be read; `earlier` the row as it
 * was, whose FMs, teams and channels are kept: who once saw it keeps seeing it.
 */
export function portalRowOf(
  record: ProjectedEntitlement,
  shown: Declaration | undefined,
  earlier: Pick<PortalRowDocument, 'fmIds' | 'teamIds' | 'channelIds'> | undefined,
): PortalRowDocument {
  const ref = shownDeclarationRef(record);
  const scenario = ref ? findScenario(ref.scenarioId) : undefined;
  const target = shown?.declarationId === ref?.declarationId ? shown?.noticeTarget : null;
  const decidedAt =
    record.declaration?.decision?.at ?? (record.closed ? record.closed.closedAt : null);
  const fields = record.status?.fields ?? null;
  const fm: PortalPerson | null = ref
    ? { aadObjectId: ref.by.aadObjectId, name: ref.by.name }
    : null;
  const task = ftopTask(record);
  return {
    id: rowDocumentId(record.tenantId, record.workloadId),
    type: 'row',
    orgTenantId: record.orgTenantId,
    tenantId: record.tenantId,
    customerName: record.customerName,
    workloadId: record.workloadId,
    workloadName: record.workloadName,
    fields,
    lifecycle: lifecycleOf(record),
    scenarioNumber: scenario?.number ?? null,
    stage: scenario?.stage ?? null,
    fm,
    declarationId: ref?.declarationId ?? null,
    declaredAt: ref?.at ?? null,
    decidedAt,
    ftopEnteredAt: record.ftopEntry?.at ?? null,
    ftopTask: task?.kind ?? null,
    channel: target ? { teamName: target.teamName, channelName: target.channelName } : null,
    updatedAt: record.updatedAt,
    searchText: searchTextOf(record.customerName, record.tenantId, record.workloadName),
    l1: fields?.l1 ?? null,
    l2: fields && fields.l1 === 'No Intent' ? fields.l2 : null,
    fmId: fm?.aadObjectId ?? null,
    declaredDay: ref ? ref.at.slice(0, 10) : null,
    ftopEntered: record.ftopEntry !== null,
    teamId: target?.teamId ?? null,
    teamIds: union(earlier?.teamIds, target?.teamId),
    channelIds: union(earlier?.channelIds, target?.channelId),
    fmIds: [
      ...new Set([
        ...(earlier?.fmIds ?? []),
        ...record.fmIds,
        ...[record.declaration?.by, record.closed?.by].flatMap((p) => (p ? [p.aadObjectId] : [])),
      ]),
    ],
  };
}

/** The summaries that count the row: its organisation's, each FM's, each team's. */
export function summaryKeysOfRow(row: PortalRowDocument): SummaryKey[] {
  return [ORG_KEY, ...row.fmIds.map(fmKey), ...row.teamIds.map(teamKey)];
}

export function summaryDocumentId(key: SummaryKey): string {
  return `summary.${key}`;
}

/** The declaration the entitlement's state is about: the pending or standing one, else the last closed. */
function shownDeclarationRef(record: EntitlementEntry) {
  if (
    record.declaration &&
    lifecycleOf(record) !== 'rejected' &&
    lifecycleOf(record) !== 'withdrawn'
  ) {
    return record.declaration;
  }
  return record.closed ?? record.declaration ?? null;
}

/** Which declaration a projection needs to read to show the entitlement. */
export function shownDeclarationId(record: EntitlementEntry): string | null {
  return shownDeclarationRef(record)?.declarationId ?? null;
}

export function emptySummary(orgTenantId: string, key: SummaryKey): PortalSummary {
  return {
    id: summaryDocumentId(key),
    type: 'summary',
    orgTenantId,
    key,
    rows: 0,
    noIntentByL2: {},
    noIntentByWorkload: {},
    declaredByWeek: {},
    pendingByDay: {},
  };
}

/** The summary once `before` (absent for a new row) is replaced by `after`. */
export function summaryWith(
  summary: PortalSummary,
  before: PortalRowDocument | undefined,
  after: PortalRowDocument,
): PortalSummary {
  const next = {
    ...summary,
    rows: summary.rows + (before ? 0 : 1),
    noIntentByL2: { ...summary.noIntentByL2 },
    noIntentByWorkload: { ...summary.noIntentByWorkload },
    declaredByWeek: { ...summary.declaredByWeek },
    pendingByDay: { ...summary.pendingByDay },
  };
  for (const [row, step] of [
    [before, -1],
    [after, 1],
  ] as const) {
    if (!row) continue;
    const noIntent = row.l1 === 'No Intent' && row.lifecycle !== null && standing(row.lifecycle);
    if (noIntent) {
      bump(next.noIntentByL2, row.l2 ?? 'Unknown', step);
      bump(next.noIntentByWorkload, row.workloadName, step);
    }
    if (row.declaredDay) bump(next.declaredByWeek, mondayOf(row.declaredDay), step);
    if (row.lifecycle === 'awaiting-decision' && row.declaredDay) {
      bump(next.pendingByDay, row.declaredDay, step);
    }
  }
  return next;
}

function standing(lifecycle: LifecycleState): boolean {
  return lifecycle === 'awaiting-decision' || lifecycle === 'confirmed' || lifecycle === 'recorded';
}

function bump(counts: Record<string, number>, key: string, step: number): void {
  const value = (counts[key] ?? 0) + step;
  if (value > 0) counts[key] = value;
  else delete counts[key];
}

/** The Monday of a YYYY-MM-DD day's week (weeks start on Monday, in UTC). */
export function mondayOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  return new Date(date.getTime() - sinceMonday * 86_400_000).toISOString().slice(0, 10);
}

const WEEKS_SHOWN = 12;
const PENDING_BUCKETS: readonly { label: string; fromDays: number }[] = [
  { label: '10 days or more', fromDays: 10 },
  { label: '5 to 9 days', fromDays: 5 },
  { label: '2 to 4 days', fromDays: 2 },
  { label: 'Under 2 days', fromDays: 0 },
];

/** The charts of one or more scopes' summaries, as of `today` (YYYY-MM-DD). */
export function chartsOf(summaries: readonly PortalSummary[], today: string): PortalCharts {
  const total = (pick: (s: PortalSummary) => Readonly<Record<string, number>>) => {
    const sums: Record<string, number> = {};
    for (const summary of summaries) {
      for (const [key, count] of Object.entries(pick(summary))) bump(sums, key, count);
    }
    return sums;
  };
  const byCount = (counts: Record<string, number>): PortalCount[] =>
    Object.entries(counts)
      .map(([label, count]) => ({ label, count }))
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  const weeks = total((s) => s.declaredByWeek);
  const thisMonday = mondayOf(today);
  const perWeek = Array.from({ length: WEEKS_SHOWN }, (_, i) => {
    const monday = new Date(
      Date.parse(`${thisMonday}T00:00:00Z`) - (WEEKS_SHOWN - 1 - i) * 7 * 86_400_000,
    )
      .toISOString()
      .slice(0, 10);
    return { label: monday, count: weeks[monday] ?? 0 };
  });
  const pending = total((s) => s.pendingByDay);
  const ages = PENDING_BUCKETS.map((bucket) => ({ label: bucket.label, count: 0 }));
  for (const [day, count] of Object.entries(pending)) {
    const days = Math.floor(
      (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / 86_400_000,
    );
    const index = PENDING_BUCKETS.findIndex((bucket) => days >= bucket.fromDays);
    ages[index === -1 ? ages.length - 1 : index]!.count += count;
  }
  return {
    byL2: byCount(total((s) => s.noIntentByL2)),
    byWorkload: byCount(total((s) => s.noIntentByWorkload)),
    perWeek,
    pendingAge: ages.reverse(),
  };
}

function union(kept: readonly string[] | undefined, added: string | undefined): string[] {
  return [...new Set([...(kept ?? []), ...(added ? [added] : [])])];
}
