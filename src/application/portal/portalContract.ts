/**
 * What the portal tab and the bot's server say to each other: the JSON of every route under
 * /api/portal. The tab (src/edges/tab/) and the routes (src/edges/http/portalRoutes.ts) both
 * import these types; nothing here runs.
 *
 * Routes (every one needs a signed-in person: a Teams SSO token as `Authorization: Bearer`, or,
 * in local mode only, the development sign-in header `X-Dev-Person: <aadObjectId>`):
 *   GET  /api/portal/me                          -> PortalMe
 *   GET  /api/portal/entitlements?<PortalQuery>  -> PortalPage
 *   GET  /api/portal/entitlement?view=&tenantId=&workloadId= -> PortalDetail
 *   GET  /api/portal/charts?view=                -> PortalCharts (the whole view)
 *   GET  /api/portal/export.csv?<PortalQuery>    -> text/csv (every matching row)
 *   GET  /api/portal/export.xlsx?<PortalQuery>   -> an Excel workbook (every matching row)
 *   POST /api/portal/decision  PortalDecisionRequest -> PortalDecisionAnswer
 *   GET  /api/portal/dev-people                  -> PortalDevPeople (local mode only; 404 else)
 * Errors: { error: string } with 400 (bad query), 401 (no or bad sign-in), 403 (not this
 * person's view or row), 404, 503 (the database did not answer).
 */
import type { LifecycleState, TransitionKind } from '../../playbook/entitlement';
import type { FtopFields } from '../../playbook/ftopFields';

export interface PortalPerson {
  readonly aadObjectId: string;
  readonly name: string;
}

/**
 * A view is a set of entitlements one person may see:
 *   'mine'         the entitlements they declared (every FM);
 *   'awaiting'     declarations awaiting their decision (managers);
 *   'org'          everything of their organisation (global managers);
 *   'team:<id>'    what was posted to that team's channels (its members and managers);
 *   'channel:<teamId>:<channelId>' what was posted to that channel (a channel tab).
 */
export type PortalViewId = string;

export interface PortalViewInfo {
  readonly id: PortalViewId;
  readonly title: string;
}

export interface PortalMe {
  readonly person: PortalPerson;
  readonly orgTenantId: string;
  readonly views: readonly PortalViewInfo[];
  /** Whether the person may decide some declarations (shows the decision buttons). */
  readonly isManager: boolean;
  /** Local mode: the development sign-in is in use, and the tab says so. */
  readonly devSignIn: boolean;
}

export const PORTAL_SORTS = ['updatedAt', 'customerName', 'workloadName', 'declaredAt'] as const;
export type PortalSort = (typeof PORTAL_SORTS)[number];

/** Filters and paging; every field optional. As query parameters of the same names. */
export interface PortalQuery {
  readonly view: PortalViewId;
  /** Part of a customer name, a tenant id or a workload name. */
  readonly search?: string;
  readonly l1?: FtopFields['l1'];
  /** An L2 value as FTOP shows it, e.g. "Using Competitive Solution". */
  readonly l2?: string;
  readonly lifecycle?: LifecycleState;
  /** 1 to 5. */
  readonly scenario?: number;
  readonly stage?: 'assignment' | 'delivery';
  /** The declaring FM's Entra object id. */
  readonly fm?: string;
  /** Declared on or after / on or before, YYYY-MM-DD. */
  readonly from?: string;
  readonly to?: string;
  readonly ftop?: 'entered' | 'not-entered';
  readonly sort?: PortalSort;
  readonly dir?: 'asc' | 'desc';
  /** The `next` of the page before; absent for the first page. */
  readonly page?: string;
  /** 1 to 100; 25 when absent. */
  readonly pageSize?: number;
}

export interface PortalRow {
  /** `${tenantId}/${workloadId}`. */
  readonly id: string;
  readonly tenantId: string;
  readonly customerName: string;
  readonly workloadId: string;
  readonly workloadName: string;
  /** Null when the bot holds no status (e.g. a first declaration was withdrawn). */
  readonly fields: FtopFields | null;
  readonly lifecycle: LifecycleState | null;
  readonly scenarioNumber: number | null;
  readonly stage: 'assignment' | 'delivery' | null;
  /** The FM of the declaration the row shows. */
  readonly fm: PortalPerson | null;
  /** The declaration the row shows (pending, standing, or last closed). */
  readonly declarationId: string | null;
  readonly declaredAt: string | null;
  readonly decidedAt: string | null;
  readonly ftopEnteredAt: string | null;
  /** What the FM still has to do in FTOP: enter the values, put earlier ones back, or nothing. */
  readonly ftopTask: 'enter' | 'put-back' | null;
  /** Where the account team's notice went, if anywhere. */
  readonly channel: { readonly teamName: string; readonly channelName: string } | null;
  readonly updatedAt: string;
  /** The signed-in person may confirm or reject it now. */
  readonly canDecide: boolean;
}

export interface PortalPage {
  readonly rows: readonly PortalRow[];
  /** Pass as `page` for the next rows; null on the last page. */
  readonly next: string | null;
}

export interface PortalHistoryEntry {
  readonly kind: TransitionKind;
  readonly at: string;
  readonly by: PortalPerson;
  readonly scenarioNumber: number | null;
  /** "L1 Value: In Progress → No Intent", one per field that changed. */
  readonly changes: readonly string[];
  readonly comment: string;
}

export interface PortalDetail {
  readonly row: PortalRow;
  /** Newest first: the audit trail. */
  readonly history: readonly PortalHistoryEntry[];
}

export interface PortalCount {
  readonly label: string;
  readonly count: number;
}

/**
 * A view's charts, counted in entitlements (a declaration for three workloads counts three), over
 * the whole view: the search and filters do not apply, and a channel view counts its team's.
 */
export interface PortalCharts {
  /** No Intent entitlements by L2 reason. */
  readonly byL2: readonly PortalCount[];
  /** No Intent entitlements by workload. */
  readonly byWorkload: readonly PortalCount[];
  /**
   * Entitlements by the week their current declaration was made (label: the Monday,
   * YYYY-MM-DD), the last 12 weeks, oldest first.
   */
  readonly perWeek: readonly PortalCount[];
  /** Entitlements awaiting a decision, by how long they have waited. */
  readonly pendingAge: readonly PortalCount[];
}

export interface PortalDecisionRequest {
  readonly tenantId: string;
  readonly declarationId: string;
  readonly outcome: 'confirmed' | 'rejected';
  readonly comment?: string;
}

export interface PortalDecisionAnswer {
  /** What happened, in a sentence to show. */
  readonly message: string;
  /** True when this request decided it; false when it was not (already decided, not allowed). */
  readonly decided: boolean;
}

export interface PortalDevPeople {
  readonly people: readonly (PortalPerson & { readonly role: string })[];
}

/** The export's columns, in order: who and what, then the playbook's FTOP columns. */
export const EXPORT_LEAD_COLUMNS = ['Customer', 'Tenant id', 'Workload'] as const;
