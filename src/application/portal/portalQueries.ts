/**
 * What the portal shows a signed-in person: their views, a page of a view's rows, one row with
 * its history, a view's charts, and every row of a view for an export. Each reads only the
 * person's organisation and only what the view lets them see.
 */
import { FTOP_FIELD_LABELS, type FtopFields } from '../../playbook/ftopFields';
import { findScenario } from '../../playbook/scenarios';
import { lifecycleOf, type Transition } from '../../playbook/entitlement';
import type { LedgerRepository } from '../ledgerRepository';
import { isManager } from '../managerPolicy';
import type {
  PortalCharts,
  PortalDetail,
  PortalHistoryEntry,
  PortalMe,
  PortalPage,
  PortalRow,
  PortalSort,
} from './portalContract';
import { chartsOf, rowDocumentId, type PortalRowDocument } from './portalProjection';
import type { PortalRepository, RowFilters } from './portalRepository';
import { summaryKeysOf } from './portalScopes';
import {
  isManagerAnywhere,
  openView,
  viewsOf,
  type OpenView,
  type PortalCaller,
  type ViewDeps,
} from './portalViews';

export interface PortalDeps extends ViewDeps {
  readonly portal: PortalRepository;
  readonly ledger: LedgerRepository;
  readonly now: () => Date;
}

/** A request for rows, checked by the HTTP edge. */
export interface RowQuery {
  readonly view: string;
  readonly filters: RowFilters;
  readonly sort: PortalSort;
  readonly descending: boolean;
  readonly pageSize: number;
  readonly continuation?: string;
}

/** The most rows one export holds; a bigger view is narrowed with filters first. */
export const MAX_EXPORT_ROWS = 20_000;

export async function portalMe(deps: PortalDeps, caller: PortalCaller): Promise<PortalMe> {
  const views = await viewsOf(deps, caller);
  return {
    person: { aadObjectId: caller.person.aadObjectId, name: caller.person.name },
    orgTenantId: caller.orgTenantId,
    views: views.map(({ id, title }) => ({ id, title })),
    isManager: isManagerAnywhere(deps.policy, caller.person.aadObjectId),
    devSignIn: caller.devSignIn,
  };
}

export async function rowsPage(
  deps: PortalDeps,
  caller: PortalCaller,
  query: RowQuery,
): Promise<PortalPage | 'no-such-view'> {
  const view = await openView(deps, caller, query.view);
  if (!view) return 'no-such-view';
  const page = await readPage(deps, caller, view, query, query.pageSize, query.continuation);
  return {
    rows: page.rows.map((row) => asShown(deps, caller, row)),
    next: page.continuation,
  };
}

/** Every row of a view that matches, for an export: page after page, up to the cap. */
export async function exportedRows(
  deps: PortalDeps,
  caller: PortalCaller,
  query: Omit<RowQuery, 'pageSize' | 'continuation'>,
): Promise<AsyncGenerator<PortalRow> | 'no-such-view'> {
  const view = await openView(deps, caller, query.view);
  if (!view) return 'no-such-view';
  return (async function* () {
    let continuation: string | undefined;
    let count = 0;
    do {
      const page = await readPage(deps, caller, view, query, 100, continuation);
      for (const row of page.rows) {
        if (count >= MAX_EXPORT_ROWS) return;
        count += 1;
        yield asShown(deps, caller, row);
      }
      continuation = page.continuation ?? undefined;
    } while (continuation);
  })();
}

/** One page of a view's rows, the view's own filters added to the query's. */
function readPage(
  deps: PortalDeps,
  caller: PortalCaller,
  view: OpenView,
  query: Omit<RowQuery, 'pageSize' | 'continuation'>,
  pageSize: number,
  continuation: string | undefined,
) {
  return deps.portal.rows({
    orgTenantId: caller.orgTenantId,
    audience: view.audience,
    filters: { ...query.filters, ...view.filters },
    sort: query.sort,
    descending: query.descending,
    pageSize,
    ...(continuation ? { continuation } : {}),
  });
}

export async function rowDetail(
  deps: PortalDeps,
  caller: PortalCaller,
  viewId: string,
  tenantId: string,
  workloadId: string,
): Promise<PortalDetail | 'no-such-view' | 'not-found'> {
  const view = await openView(deps, caller, viewId);
  if (!view) return 'no-such-view';
  const row = await deps.portal.row(caller.orgTenantId, rowDocumentId(tenantId, workloadId));
  // What the view may not see is answered as if it did not exist.
  if (!row || !seenBy(view, row)) return 'not-found';
  const record = await deps.ledger.readEntitlement(tenantId, workloadId);
  // The ledger is ahead of the row for a moment after a change: where they stand comes from it.
  const current = record ? { ...row, lifecycle: lifecycleOf(record) } : row;
  return {
    row: asShown(deps, caller, current),
    history: [...(record?.history ?? [])].reverse().map(historyEntry),
  };
}

export async function viewCharts(
  deps: PortalDeps,
  caller: PortalCaller,
  viewId: string,
): Promise<PortalCharts | 'no-such-view'> {
  const view = await openView(deps, caller, viewId);
  if (!view) return 'no-such-view';
  const summaries = await deps.portal.summaries(caller.orgTenantId, summaryKeysOf(view.audience));
  return chartsOf(summaries, deps.now().toISOString().slice(0, 10));
}

/** The row as this person sees it: with whether they may decide it now. */
function asShown(deps: PortalDeps, caller: PortalCaller, row: PortalRowDocument): PortalRow {
  return {
    id: `${row.tenantId}/${row.workloadId}`,
    tenantId: row.tenantId,
    customerName: row.customerName,
    workloadId: row.workloadId,
    workloadName: row.workloadName,
    fields: row.fields,
    lifecycle: row.lifecycle,
    scenarioNumber: row.scenarioNumber,
    stage: row.stage,
    fm: row.fm,
    declarationId: row.declarationId,
    declaredAt: row.declaredAt,
    decidedAt: row.decidedAt,
    ftopEnteredAt: row.ftopEnteredAt,
    ftopTask: row.ftopTask,
    channel: row.channel,
    updatedAt: row.updatedAt,
    canDecide:
      row.lifecycle === 'awaiting-decision' &&
      isManager(deps.policy, caller.person.aadObjectId, row.teamId),
  };
}

function seenBy(view: OpenView, row: PortalRowDocument): boolean {
  const { audience, filters } = view;
  if (filters.channelId && !row.channelIds.includes(filters.channelId)) return false;
  switch (audience.kind) {
    case 'org':
      return true;
    case 'fm':
      return row.fmIds.includes(audience.aadObjectId);
    case 'teams':
      return row.teamIds.some((id) => audience.teamIds.includes(id));
  }
}

function historyEntry(transition: Transition): PortalHistoryEntry {
  return {
    kind: transition.kind,
    at: transition.at,
    by: { aadObjectId: transition.by.aadObjectId, name: transition.by.name },
    scenarioNumber: transition.scenarioId
      ? (findScenario(transition.scenarioId)?.number ?? null)
      : null,
    changes: changesOf(transition.fieldsBefore, transition.fieldsAfter),
    comment: transition.comment,
  };
}

function changesOf(before: FtopFields | null, after: FtopFields | null): string[] {
  return FTOP_FIELD_LABELS.flatMap(([field, label]) => {
    const from = before?.[field] ?? '';
    const to = after?.[field] ?? '';
    return from === to ? [] : [`${label}: ${from || '(none)'} → ${to || '(none)'}`];
  });
}
