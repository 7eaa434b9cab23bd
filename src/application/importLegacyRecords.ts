/**
 * Brings the records and notices of earlier versions of the bot (one record per declaration and
 * workload, notices in one shared partition) into the entitlement ledger, once, at start. Each
 * customer's declarations are replayed in order through the same transitions as new ones, so the
 * entitlements, their history and the declarations come out as if they had been made today. A
 * notice decided while its records were not (a crash between the two writes) counts as decided.
 * The old documents are left as they are.
 */
import {
  decide,
  declare,
  isAwaitingDecision,
  NOTHING_KNOWN,
  withdraw,
  type Decision,
  type EntitlementState,
  type Transition,
} from '../playbook/entitlement';
import type { EngagementScenarioId } from '../playbook/engagementScenarios';
import type { FtopFields } from '../playbook/ftopFields';
import type { L2ReasonId } from '../playbook/noIntentReasons';
import type { Person } from '../playbook/person';
import type { FmRole, ScenarioId } from '../playbook/scenarios';
import { CUSTOMER_DOCUMENT_ID, type CustomerLedger, type EntitlementEntry } from './customerLedger';
import {
  declarationDocumentId,
  type Declaration,
  type NoticeTarget,
  type PersonalAddress,
} from './declaration';
import { newMessages, type DeclarationMessages, type NoticeStatus } from './declarationMessages';
import { entitlementId, searchTextOf, type EntitlementRecord } from './entitlementRecord';
import type { LedgerRepository } from './ledgerRepository';
import { outboxEntry, type OutboxEntry } from './outbox';

/** A record as earlier versions saved it: one per declaration and workload. */
export interface LegacyRecord {
  readonly tenantId: string;
  readonly declarationId: string;
  readonly customerName: string;
  readonly workloadId: string;
  readonly workloadName: string;
  readonly scenarioId: ScenarioId;
  readonly declaresNoIntent: boolean;
  readonly l2ReasonId: L2ReasonId | null;
  readonly l3ReasonId: string | null;
  readonly engagementScenarioId: EngagementScenarioId;
  readonly fields: FtopFields;
  readonly fm: Person;
  readonly fmRole: FmRole;
  readonly status: 'awaiting-confirmation' | 'confirmed' | 'rejected' | 'recorded';
  readonly createdAt: string;
  readonly history: readonly {
    readonly at: string;
    readonly by: Person;
    readonly action: string;
    readonly note?: string;
  }[];
}

/** A notice as earlier versions saved it. */
export interface LegacyNotice {
  readonly declarationId: string;
  readonly customerTenantId: string;
  readonly fmAddress: PersonalAddress | null;
  readonly target: NoticeTarget;
  readonly delivery: {
    readonly status: 'pending' | 'posted' | 'failed';
    readonly conversationId: string | null;
    readonly activityId: string | null;
    readonly lastError: string | null;
  };
  readonly decision: Decision | null;
}

export interface LegacyStore {
  /** Every record, or an empty list when there is no earlier data. */
  records(): Promise<LegacyRecord[]>;
  notices(): Promise<LegacyNotice[]>;
  /** The organisations whose teams the app is installed in. */
  organisations(): Promise<string[]>;
  /** Whether an import has run to its end before, so starting again need not read anything. */
  isDone(): Promise<boolean>;
  markDone(at: Date): Promise<void>;
}

/** Everything of one customer, written so that the customer's document comes last. */
export interface ImportedCustomer {
  readonly customer: CustomerLedger;
  readonly documents: readonly (
    EntitlementRecord | Declaration | DeclarationMessages | OutboxEntry
  )[];
}

export interface ImportPort {
  readonly legacy: LegacyStore;
  readonly ledger: Pick<LedgerRepository, 'readCustomer'>;
  /**
   * Creates every document, then the customer's document; documents already there (an import
   * stopped half way) are left as they are.
   */
  importCustomer(imported: ImportedCustomer): Promise<void>;
}

export interface ImportReport {
  readonly customers: number;
  readonly declarations: number;
  /** Customers already in the ledger, left alone. */
  readonly skipped: number;
  /** Customers whose organisation cannot be told: left in the earlier containers. */
  readonly unplaced: readonly string[];
}

export const NOTHING_IMPORTED: ImportReport = {
  customers: 0,
  declarations: 0,
  skipped: 0,
  unplaced: [],
};

export async function importLegacyRecords(port: ImportPort, now: Date): Promise<ImportReport> {
  if (await port.legacy.isDone()) return NOTHING_IMPORTED;
  const [records, notices] = await Promise.all([port.legacy.records(), port.legacy.notices()]);
  const byTenant = new Map<string, LegacyRecord[]>();
  for (const record of records) {
    byTenant.set(record.tenantId, [...(byTenant.get(record.tenantId) ?? []), record]);
  }
  const noticeOf = new Map(notices.map((n) => [n.declarationId, n]));
  const fallbackOrg = await onlyOrganisation(port.legacy, notices);
  const report = { customers: 0, declarations: 0, skipped: 0, unplaced: [] as string[] };
  for (const [tenantId, own] of byTenant) {
    if (await port.ledger.readCustomer(tenantId)) {
      report.skipped += 1;
      continue;
    }
    const orgTenantId =
      own.map((r) => noticeOf.get(r.declarationId)?.target.orgTenantId).find(Boolean) ??
      fallbackOrg;
    if (!orgTenantId) {
      report.unplaced.push(tenantId);
      continue;
    }
    const imported = replay(tenantId, own, noticeOf, orgTenantId, now);
    await port.importCustomer(imported);
    report.customers += 1;
    report.declarations += imported.customer.declarationIds.length;
  }
  // Customers left unplaced are looked at again at the next start.
  if (report.unplaced.length === 0) await port.legacy.markDone(now);
  return report;
}

/**
 * The organisation a customer without a notice of its own belongs to, when there can be only
 * one: that of every earlier notice, or else of every installed team. Undefined when unsure.
 */
async function onlyOrganisation(
  legacy: LegacyStore,
  notices: readonly LegacyNotice[],
): Promise<string | undefined> {
  const fromNotices = new Set(notices.map((n) => n.target.orgTenantId));
  if (fromNotices.size === 1) return [...fromNotices][0];
  if (fromNotices.size > 1) return undefined;
  const installed = new Set(await legacy.organisations());
  return installed.size === 1 ? [...installed][0] : undefined;
}

function replay(
  tenantId: string,
  records: readonly LegacyRecord[],
  noticeOf: ReadonlyMap<string, LegacyNotice>,
  orgTenantId: string,
  now: Date,
): ImportedCustomer {
  const ordered = [...records].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const declarationIds = [...new Set(ordered.map((r) => r.declarationId))];
  const states = new Map<string, EntitlementState>();
  const histories = new Map<string, Transition[]>();
  const fmIds = new Map<string, Set<string>>();
  const documents: ImportedCustomer['documents'][number][] = [];
  let customerName = '';
  let lastNoticeChannel: CustomerLedger['lastNoticeChannel'] = null;
  const supersededIds = new Set<string>();

  for (const declarationId of declarationIds) {
    const own = ordered.filter((r) => r.declarationId === declarationId);
    const first = own[0]!;
    customerName = first.customerName;
    const notice = noticeOf.get(declarationId);
    const decision = notice?.decision ?? decisionFromHistory(first);
    for (const record of own) {
      const ref = {
        declarationId,
        scenarioId: record.scenarioId,
        by: record.fm,
        at: record.createdAt,
      };
      let earlier = states.get(record.workloadId) ?? NOTHING_KNOWN;
      const history = [...(histories.get(record.workloadId) ?? [])];
      const superseded = earlier.declaration;
      if (superseded && isAwaitingDecision(earlier)) {
        // Earlier versions let a second declaration in while one awaited a decision: the
        // later one stands, and the earlier one counts as withdrawn.
        const withdrawn = withdraw(earlier, superseded.declarationId, IMPORTER, ref.at)!;
        earlier = withdrawn.state;
        history.push(withdrawn.transition);
        supersededIds.add(superseded.declarationId);
      }
      let changed = declare(
        earlier,
        ref,
        {
          scenarioId: record.scenarioId,
          fields: record.fields,
          l2ReasonId: record.l2ReasonId,
          l3ReasonId: record.l3ReasonId,
          engagementScenarioId: record.engagementScenarioId,
        },
        record.declaresNoIntent,
      );
      history.push(changed.transition);
      if (record.declaresNoIntent && decision) {
        const decided = decide(changed.state, declarationId, decision);
        if (decided) {
          changed = decided;
          history.push(decided.transition);
        }
      }
      states.set(record.workloadId, changed.state);
      histories.set(record.workloadId, history);
      fmIds.set(
        record.workloadId,
        new Set([...(fmIds.get(record.workloadId) ?? []), record.fm.aadObjectId]),
      );
    }
    const state: Declaration['state'] = first.declaresNoIntent
      ? (decision?.outcome ?? 'awaiting-decision')
      : 'recorded';
    documents.push({
      id: declarationDocumentId(declarationId),
      type: 'declaration',
      tenantId,
      declarationId,
      orgTenantId,
      customerName: first.customerName,
      scenarioId: first.scenarioId,
      answers: {
        l2ReasonId: first.l2ReasonId ?? undefined,
        l3ReasonId: first.l3ReasonId ?? undefined,
        engagementScenarioId: first.engagementScenarioId,
        ...(first.declaresNoIntent
          ? { detailedReason: first.fields.notes }
          : { kickoffDate: first.fields.nextActionDate }),
      },
      workloads: own.map((r) => ({
        workloadId: r.workloadId,
        workloadName: r.workloadName,
        status: {
          scenarioId: r.scenarioId,
          fields: r.fields,
          l2ReasonId: r.l2ReasonId,
          l3ReasonId: r.l3ReasonId,
          engagementScenarioId: r.engagementScenarioId,
        },
      })),
      announces: first.declaresNoIntent,
      fm: first.fm,
      fmRole: first.fmRole,
      fmAddress: notice?.fmAddress ?? null,
      noticeTarget: notice?.target ?? null,
      state,
      decision: first.declaresNoIntent ? decision : null,
      withdrawal: null,
      createdAt: first.createdAt,
      updatedAt: decision?.at ?? first.createdAt,
    } satisfies Declaration);
    const messages = newMessages(tenantId, declarationId, now.toISOString());
    const status: NoticeStatus = notice?.delivery.status ?? 'pending';
    documents.push({
      ...messages,
      notice: {
        status,
        conversationId: notice?.delivery.conversationId ?? null,
        activityId: notice?.delivery.activityId ?? null,
        postedAt: status === 'posted' ? first.createdAt : null,
        lastError: notice?.delivery.lastError ?? null,
      },
    });
    if (notice) {
      // Posted cards are redrawn in today's layout; notices not yet posted go out now.
      const effect = status === 'pending' ? 'post-notice' : 'update-notice';
      documents.push(outboxEntry(tenantId, declarationId, { effect }, now));
      lastNoticeChannel = { teamId: notice.target.teamId, channelId: notice.target.channelId };
    }
  }

  const at = now.toISOString();
  for (const [index, document] of documents.entries()) {
    if (document.type === 'declaration' && supersededIds.has(document.declarationId)) {
      documents[index] = { ...document, state: 'withdrawn', withdrawal: { by: IMPORTER, at } };
    }
  }
  const entitlements: Record<string, EntitlementEntry> = {};
  for (const [workloadId, state] of states) {
    const workloadName = ordered.find((r) => r.workloadId === workloadId)!.workloadName;
    const entry: EntitlementEntry = { ...state, workloadId, workloadName };
    entitlements[workloadId] = entry;
    documents.push({
      ...entry,
      id: entitlementId(workloadId),
      type: 'entitlement',
      tenantId,
      customerName,
      orgTenantId,
      fmIds: [...(fmIds.get(workloadId) ?? [])],
      searchText: searchTextOf(customerName, tenantId, workloadName),
      updatedAt: at,
      history: histories.get(workloadId) ?? [],
    } satisfies EntitlementRecord);
  }
  return {
    customer: {
      id: CUSTOMER_DOCUMENT_ID,
      type: 'customer',
      tenantId,
      customerName,
      orgTenantId,
      version: 1,
      entitlements,
      declarationIds,
      lastNoticeChannel,
      updatedAt: at,
    },
    documents,
  };
}

/** Who the history names for what the import itself decided. */
const IMPORTER: Person = { aadObjectId: 'import', name: 'the import of earlier records' };

const UNKNOWN_MANAGER: Person = { aadObjectId: 'unknown', name: 'a manager (not recorded)' };

/** Earlier versions wrote the decision on each record's history too. */
function decisionFromHistory(record: LegacyRecord): Decision | null {
  const entry = record.history.find((h) => h.action === 'confirmed' || h.action === 'rejected');
  if (!entry) {
    // A decided record without its history entry: the decision stands, its maker is unknown.
    if (record.status !== 'confirmed' && record.status !== 'rejected') return null;
    return { outcome: record.status, by: UNKNOWN_MANAGER, at: record.createdAt, comment: '' };
  }
  return {
    outcome: entry.action as Decision['outcome'],
    by: entry.by,
    at: entry.at,
    comment: entry.note ?? '',
  };
}
