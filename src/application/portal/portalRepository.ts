/** Where the portal's rows and summaries are kept: one logical partition per organisation. */
import type { LifecycleState } from '../../playbook/entitlement';
import type { FtopFields } from '../../playbook/ftopFields';
import type { PortalSort } from './portalContract';
import type {
  PortalRowDocument,
  PortalSummary,
  StoredPortalRow,
  StoredPortalSummary,
} from './portalProjection';
import type { Audience, SummaryKey } from './portalScopes';

/** A query's filters, checked and normalised. */
export interface RowFilters {
  /** Lower case. */
  readonly search?: string;
  readonly l1?: FtopFields['l1'];
  readonly l2?: string;
  readonly lifecycle?: LifecycleState;
  readonly scenario?: number;
  readonly stage?: 'assignment' | 'delivery';
  readonly fm?: string;
  /** Declared on or after / on or before, YYYY-MM-DD. */
  readonly from?: string;
  readonly to?: string;
  readonly ftopEntered?: boolean;
  /** Only rows whose notices went to this channel. */
  readonly channelId?: string;
  /** Only rows whose shown declaration is decided by one of these teams' managers. */
  readonly decidingTeamIds?: readonly string[];
}

export interface RowPageRequest {
  readonly orgTenantId: string;
  readonly audience: Audience;
  readonly filters: RowFilters;
  readonly sort: PortalSort;
  readonly descending: boolean;
  readonly pageSize: number;
  /** From the page before. */
  readonly continuation?: string;
}

export interface PortalRepository {
  /** One page of an audience's rows; the token reads the next page, null after the last. */
  rows(
    request: RowPageRequest,
  ): Promise<{ rows: PortalRowDocument[]; continuation: string | null }>;
  row(orgTenantId: string, rowId: string): Promise<PortalRowDocument | undefined>;
  summaries(orgTenantId: string, keys: readonly SummaryKey[]): Promise<PortalSummary[]>;
  /** For the projection: rows and summaries as stored, with their versions; absent ones left out. */
  readForProjection(
    orgTenantId: string,
    rowIds: readonly string[],
    summaryKeys: readonly SummaryKey[],
  ): Promise<{ rows: StoredPortalRow[]; summaries: StoredPortalSummary[] }>;
  /**
   * Saves rows and summaries of one organisation together, each only if unchanged since read
   * (etag null: only if still absent). Throws ConcurrencyConflict when another write came first.
   */
  saveProjection(
    orgTenantId: string,
    documents: readonly {
      readonly document: PortalRowDocument | PortalSummary;
      readonly etag: string | null;
    }[],
  ): Promise<void>;
  /** Whether the one-time build of rows from the ledger is done. */
  isBuilt(): Promise<boolean>;
  markBuilt(at: string): Promise<void>;
}
