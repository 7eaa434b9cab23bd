/** The storage the use cases need for customers' ledgers, whatever database is behind it. */
import type { CustomerLedger, StoredCustomer } from './customerLedger';
import type { Declaration } from './declaration';
import type { DeclarationMessages, StoredMessages } from './declarationMessages';
import type { EntitlementRecord, EntitlementSummary } from './entitlementRecord';
import type { OutboxEntry, StoredOutboxEntry } from './outbox';

/** One change of a customer's ledger, saved as one transactional batch: all of it or nothing. */
export interface LedgerChange {
  readonly customer: CustomerLedger;
  /** The etag the customer's document was read with; null when it is new. */
  readonly customerEtag: string | null;
  readonly entitlements: readonly EntitlementRecord[];
  readonly declaration?: Declaration;
  /** Only when the declaration is new. */
  readonly messages?: DeclarationMessages;
  readonly effects: readonly OutboxEntry[];
}

export interface SavedChange {
  readonly customer: StoredCustomer;
  readonly messages?: StoredMessages;
  readonly effects: readonly StoredOutboxEntry[];
}

/** A declaration with everything its messages show. */
export interface DeclarationSnapshot {
  readonly customer: StoredCustomer;
  readonly declaration: Declaration;
  readonly messages: StoredMessages;
}

/** What "my declarations" can be narrowed to. */
export interface EntitlementFilter {
  /** Part of the customer's name or tenant id, or a workload's name. */
  readonly text?: string;
}

export interface LedgerRepository {
  readCustomer(tenantId: string): Promise<StoredCustomer | undefined>;
  /** The customer's document and these entitlements, which must exist, in one request. */
  readEntitlements(
    tenantId: string,
    workloadIds: readonly string[],
  ): Promise<{ customer: StoredCustomer; entitlements: EntitlementRecord[] }>;
  readEntitlement(tenantId: string, workloadId: string): Promise<EntitlementRecord | undefined>;
  /** The declaration with its messages and the customer's ledger, in one request. */
  readDeclaration(
    tenantId: string,
    declarationId: string,
  ): Promise<DeclarationSnapshot | undefined>;
  /**
   * Saves a change in one transactional batch. Throws ConcurrencyConflict when the customer's
   * document changed since it was read (or was created meanwhile): then nothing was saved.
   */
  commit(change: LedgerChange): Promise<SavedChange>;

  /** Replaces a declaration's messages if unchanged since read; undefined when they changed. */
  replaceMessages(messages: StoredMessages): Promise<StoredMessages | undefined>;

  /**
   * Adds outbox entries that change nothing else and returns those added; an entry already
   * waiting is left to whoever holds it, so two events asking for the same effect do it once.
   */
  scheduleEffects(entries: readonly OutboxEntry[]): Promise<StoredOutboxEntry[]>;
  /** Due outbox entries of every customer. */
  dueEffects(now: string, limit: number): Promise<StoredOutboxEntry[]>;
  /** Takes an entry for this claimant; undefined when another was faster. */
  claimEffect(
    entry: StoredOutboxEntry,
    claim: string,
    until: string,
  ): Promise<StoredOutboxEntry | undefined>;
  /** Gives an entry back for a later try. False when it changed meanwhile (a newer change). */
  releaseEffect(
    entry: StoredOutboxEntry,
    retry: { readonly dueAt: string; readonly attempts: number; readonly lastError: string },
  ): Promise<boolean>;
  /**
   * Marks an effect done: deletes its entry and, in the same batch, saves what it changed on
   * the messages and any entries it leads to (returned as stored). Undefined when the entry
   * changed meanwhile (a newer change asked for the effect again) or the messages did: then
   * nothing was saved.
   */
  completeEffect(done: {
    readonly entry: StoredOutboxEntry;
    readonly messages?: StoredMessages;
    readonly next?: readonly OutboxEntry[];
  }): Promise<
    { readonly next: readonly StoredOutboxEntry[]; readonly messages?: StoredMessages } | undefined
  >;

  /** The entitlements an FM declared for, most recently changed first. */
  entitlementsOfFm(
    orgTenantId: string,
    fmAadObjectId: string,
    filter: EntitlementFilter,
    limit: number,
  ): Promise<EntitlementSummary[]>;
  /** Declarations of an organisation awaiting a decision, newest first. */
  declarationsAwaitingDecision(orgTenantId: string, limit: number): Promise<Declaration[]>;
  /** No Intent declarations whose notice waits for a channel (the app was in no team). */
  declarationsAwaitingChannel(orgTenantId: string, limit: number): Promise<Declaration[]>;
  /** Every customer's tenant id, a page at a time: for a one-time rebuild of what is derived. */
  customerPage(
    continuation: string | null,
  ): Promise<{ tenantIds: string[]; continuation: string | null }>;
}

/** Someone else changed the customer's ledger first: read it again and decide anew. */
/**
 * The ledger did not answer in time, or answered that it cannot now (throttled, unavailable, the
 * connection dropped): a change may or may not have been saved.
 */
export class LedgerUnavailable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LedgerUnavailable';
  }
}

export class ConcurrencyConflict extends Error {
  constructor(readonly documentId: string) {
    super(`${documentId} was changed by someone else; read it again before changing it.`);
    this.name = 'ConcurrencyConflict';
  }
}
