/**
 * Customers' ledgers in Cosmos DB, one logical partition per customer tenant. Every change is one
 * transactional batch whose first operation writes the customer's document with its etag, so
 * when that fails nothing else is applied. Queries across customers (the sweep, the lists) name
 * the document type and the organisation, never scan one shared partition.
 */
import type { Container, ItemDefinition, OperationInput, SqlParameter } from '@azure/cosmos';
import {
  CUSTOMER_DOCUMENT_ID,
  type CustomerLedger,
  type StoredCustomer,
} from '../../application/customerLedger';
import { declarationDocumentId, type Declaration } from '../../application/declaration';
import {
  messagesDocumentId,
  type DeclarationMessages,
  type StoredMessages,
} from '../../application/declarationMessages';
import {
  entitlementId,
  type EntitlementRecord,
  type EntitlementSummary,
} from '../../application/entitlementRecord';
import {
  ConcurrencyConflict,
  LedgerUnavailable,
  type DeclarationSnapshot,
  type EntitlementFilter,
  type LedgerChange,
  type LedgerRepository,
  type SavedChange,
} from '../../application/ledgerRepository';
import type { ImportedCustomer } from '../../application/importLegacyRecords';
import type { OutboxEntry, StoredOutboxEntry } from '../../application/outbox';
import {
  cosmosStatus,
  HTTP_CONFLICT,
  HTTP_NOT_FOUND,
  HTTP_PRECONDITION_FAILED,
  isTransientCosmosFailure,
  withEtag,
  withoutSystemProperties,
} from './cosmosStatus';
import { readDeadline } from './cosmosConnection';
import { bodyOf, json, MAX_BATCH_OPERATIONS, runBatch, type BatchOutcome } from './cosmosBatch';

/** An entitlement's fields as lists show them: everything but the history. */
const SUMMARY_FIELDS = [
  'id',
  'type',
  'tenantId',
  'customerName',
  'orgTenantId',
  'workloadId',
  'workloadName',
  'status',
  'declaration',
  'ftopEntry',
  'before',
  'closed',
  'fmIds',
  'searchText',
  'updatedAt',
]
  .map((field) => `c.${field}`)
  .join(', ');

export class CosmosLedgerRepository implements LedgerRepository {
  constructor(private readonly ledger: Container) {}

  async readCustomer(tenantId: string): Promise<StoredCustomer | undefined> {
    try {
      const { resource } = await this.ledger
        .item(CUSTOMER_DOCUMENT_ID, tenantId)
        .read<ItemDefinition>(readDeadline());
      return resource ? withEtag<CustomerLedger>(resource) : undefined;
    } catch (error) {
      if (cosmosStatus(error) === HTTP_NOT_FOUND) return undefined;
      throw error;
    }
  }

  async readEntitlements(
    tenantId: string,
    workloadIds: readonly string[],
  ): Promise<{ customer: StoredCustomer; entitlements: EntitlementRecord[] }> {
    const ids = [CUSTOMER_DOCUMENT_ID, ...workloadIds.map(entitlementId)];
    const outcome = await this.batch(tenantId, ids.map(readOperation));
    if (!outcome.ok) {
      throw new Error(`Reading ${ids[outcome.index]} of ${tenantId} failed (${outcome.status}).`);
    }
    const [customer, ...entitlements] = outcome.results.map((r) => bodyOf(r));
    return {
      customer: withEtag<CustomerLedger>(customer!),
      entitlements: entitlements.map((e) => withEtag<EntitlementRecord>(e)),
    };
  }

  async readEntitlement(
    tenantId: string,
    workloadId: string,
  ): Promise<EntitlementRecord | undefined> {
    try {
      const { resource } = await this.ledger
        .item(entitlementId(workloadId), tenantId)
        .read<ItemDefinition>(readDeadline());
      return resource ? withEtag<EntitlementRecord>(resource) : undefined;
    } catch (error) {
      if (cosmosStatus(error) === HTTP_NOT_FOUND) return undefined;
      throw error;
    }
  }

  async readDeclaration(
    tenantId: string,
    declarationId: string,
  ): Promise<DeclarationSnapshot | undefined> {
    const ids = [
      CUSTOMER_DOCUMENT_ID,
      declarationDocumentId(declarationId),
      messagesDocumentId(declarationId),
    ];
    const outcome = await this.batch(tenantId, ids.map(readOperation));
    if (!outcome.ok) {
      if (outcome.status === HTTP_NOT_FOUND) return undefined;
      throw new Error(`Reading declaration ${declarationId} failed (${outcome.status}).`);
    }
    const [customer, declaration, messages] = outcome.results.map((r) => bodyOf(r));
    return {
      customer: withEtag<CustomerLedger>(customer!),
      declaration: withoutSystemProperties<Declaration>(declaration!),
      messages: withEtag<DeclarationMessages>(messages!),
    };
  }

  async commit(change: LedgerChange): Promise<SavedChange> {
    const tenantId = change.customer.tenantId;
    const operations: OperationInput[] = [
      change.customerEtag === null
        ? { operationType: 'Create', resourceBody: json(change.customer) }
        : {
            operationType: 'Replace',
            id: CUSTOMER_DOCUMENT_ID,
            ifMatch: change.customerEtag,
            resourceBody: json(change.customer),
          },
      ...change.entitlements.map(upsertOperation),
      ...(change.declaration ? [upsertOperation(change.declaration)] : []),
      ...(change.messages
        ? [{ operationType: 'Create', resourceBody: json(change.messages) } as const]
        : []),
      ...change.effects.map(upsertOperation),
    ];
    for (const document of [...change.entitlements, change.declaration, change.messages]) {
      if (document && document.tenantId !== tenantId) {
        throw new Error('A change holds the documents of one customer.');
      }
    }
    const outcome = await this.batch(tenantId, operations).catch((error: unknown) => {
      if (!isTransientCosmosFailure(error)) throw error;
      throw new LedgerUnavailable(`Saving the ledger of customer ${tenantId}: no answer.`, {
        cause: error,
      });
    });
    if (!outcome.ok) {
      if (isTransientCosmosFailure({ code: outcome.status })) {
        throw new LedgerUnavailable(
          `Saving the ledger of customer ${tenantId} failed for now (${outcome.status}).`,
        );
      }
      const conflict =
        outcome.index === 0 &&
        (outcome.status === HTTP_PRECONDITION_FAILED || outcome.status === HTTP_CONFLICT);
      if (conflict) throw new ConcurrencyConflict(`The ledger of customer ${tenantId}`);
      throw new Error(
        `Saving the ledger of customer ${tenantId} failed at operation ${outcome.index} (${outcome.status}).`,
      );
    }
    const bodies = outcome.results.map((r) => bodyOf(r));
    const effectsFrom = bodies.length - change.effects.length;
    const messages = change.messages ? bodies[effectsFrom - 1] : undefined;
    return {
      customer: withEtag<CustomerLedger>(bodies[0]!),
      ...(messages ? { messages: withEtag<DeclarationMessages>(messages) } : {}),
      effects: bodies.slice(effectsFrom).map((b) => withEtag<OutboxEntry>(b)),
    };
  }

  /**
   * Creates an imported customer's documents, then the customer's document: until that exists
   * the import is not done. Documents already there (an import stopped half way, or another
   * instance's) are left as they are.
   */
  async importCustomer(imported: ImportedCustomer): Promise<void> {
    const { tenantId } = imported.customer;
    const documents = [...imported.documents];
    for (let start = 0; start < documents.length; start += MAX_BATCH_OPERATIONS) {
      const chunk = documents.slice(start, start + MAX_BATCH_OPERATIONS);
      const outcome = await this.batch(tenantId, chunk.map(createOperation));
      if (outcome.ok) continue;
      if (outcome.status !== HTTP_CONFLICT) {
        throw new Error(`Importing customer ${tenantId} failed (${outcome.status}).`);
      }
      for (const document of chunk) await this.createUnlessThere(document);
    }
    await this.createUnlessThere(imported.customer);
  }

  private async createUnlessThere(document: object): Promise<void> {
    try {
      await this.ledger.items.create(json(document));
    } catch (error) {
      if (cosmosStatus(error) !== HTTP_CONFLICT) throw error;
    }
  }

  async replaceMessages(messages: StoredMessages): Promise<StoredMessages | undefined> {
    return this.replaceIfUnchanged<DeclarationMessages>(messages);
  }

  async scheduleEffects(entries: readonly OutboxEntry[]): Promise<StoredOutboxEntry[]> {
    const created = await Promise.all(
      entries.map(async (entry) => {
        try {
          const { resource } = await this.ledger.items.create<ItemDefinition>(json(entry));
          return resource ? withEtag<OutboxEntry>(resource) : undefined;
        } catch (error) {
          // Already waiting: its claimant carries it out, once.
          if (cosmosStatus(error) === HTTP_CONFLICT) return undefined;
          throw error;
        }
      }),
    );
    return created.filter((entry) => entry !== undefined);
  }

  async dueEffects(now: string, limit: number): Promise<StoredOutboxEntry[]> {
    return this.queryAcrossCustomers(
      withEtag<OutboxEntry>,
      `SELECT TOP ${whole(limit)} * FROM c WHERE c.type = 'outbox' AND c.dueAt <= @now AND (IS_NULL(c.claimExpiresAt) OR c.claimExpiresAt < @now)`,
      [{ name: '@now', value: now }],
    );
  }

  async claimEffect(
    entry: StoredOutboxEntry,
    claim: string,
    until: string,
  ): Promise<StoredOutboxEntry | undefined> {
    return this.replaceEntry({ ...entry, claimedBy: claim, claimExpiresAt: until });
  }

  async releaseEffect(
    entry: StoredOutboxEntry,
    retry: { dueAt: string; attempts: number; lastError: string },
  ): Promise<boolean> {
    const released = await this.replaceEntry({
      ...entry,
      ...retry,
      claimedBy: null,
      claimExpiresAt: null,
    });
    return released !== undefined;
  }

  async completeEffect(done: {
    entry: StoredOutboxEntry;
    messages?: StoredMessages;
    next?: readonly OutboxEntry[];
  }): Promise<{ next: StoredOutboxEntry[]; messages?: StoredMessages } | undefined> {
    const { entry, messages, next = [] } = done;
    const operations: OperationInput[] = [];
    if (messages) {
      const { etag, ...document } = messages;
      operations.push({
        operationType: 'Replace',
        id: document.id,
        ifMatch: etag,
        resourceBody: json(document),
      });
    }
    // The REST API takes ifMatch on a delete in a batch; the SDK's type leaves it out.
    const remove = { operationType: 'Delete', id: entry.id, ifMatch: entry.etag } as const;
    operations.push(remove);
    operations.push(...next.map(upsertOperation));
    const outcome = await this.batch(entry.tenantId, operations);
    if (!outcome.ok) {
      if (outcome.status === HTTP_PRECONDITION_FAILED || outcome.status === HTTP_NOT_FOUND) {
        return undefined;
      }
      throw new Error(`Completing ${entry.id} failed (${outcome.status}).`);
    }
    const stored = outcome.results.slice(operations.length - next.length);
    return {
      next: stored.map((r) => withEtag<OutboxEntry>(bodyOf(r))),
      ...(messages ? { messages: withEtag<DeclarationMessages>(bodyOf(outcome.results[0]!)) } : {}),
    };
  }

  async entitlementsOfFm(
    orgTenantId: string,
    fmAadObjectId: string,
    filter: EntitlementFilter,
    limit: number,
  ): Promise<EntitlementSummary[]> {
    const text = filter.text ? ' AND CONTAINS(c.searchText, @text)' : '';
    return this.queryAcrossCustomers(
      withoutSystemProperties<EntitlementSummary>,
      `SELECT TOP ${whole(limit)} ${SUMMARY_FIELDS} FROM c WHERE c.type = 'entitlement' AND c.orgTenantId = @org AND ARRAY_CONTAINS(c.fmIds, @fm)${text} ORDER BY c.updatedAt DESC`,
      [
        { name: '@org', value: orgTenantId },
        { name: '@fm', value: fmAadObjectId },
        ...(filter.text ? [{ name: '@text', value: filter.text }] : []),
      ],
    );
  }

  async declarationsAwaitingDecision(orgTenantId: string, limit: number): Promise<Declaration[]> {
    return this.queryAcrossCustomers(
      withoutSystemProperties<Declaration>,
      `SELECT TOP ${whole(limit)} * FROM c WHERE c.type = 'declaration' AND c.orgTenantId = @org AND c.state = 'awaiting-decision' ORDER BY c.createdAt DESC`,
      [{ name: '@org', value: orgTenantId }],
    );
  }

  async declarationsAwaitingChannel(orgTenantId: string, limit: number): Promise<Declaration[]> {
    return this.queryAcrossCustomers(
      withoutSystemProperties<Declaration>,
      `SELECT TOP ${whole(limit)} * FROM c WHERE c.type = 'declaration' AND c.orgTenantId = @org AND c.announces = true AND IS_NULL(c.noticeTarget) AND (c.state = 'awaiting-decision' OR c.state = 'confirmed') ORDER BY c.createdAt`,
      [{ name: '@org', value: orgTenantId }],
    );
  }

  private async replaceEntry(entry: StoredOutboxEntry): Promise<StoredOutboxEntry | undefined> {
    return this.replaceIfUnchanged<OutboxEntry>(entry);
  }

  /** Replaces a document if nobody changed it since it was read; undefined when someone did. */
  private async replaceIfUnchanged<T extends { readonly id: string; readonly tenantId: string }>(
    stored: T & { readonly etag: string },
  ): Promise<(T & { etag: string }) | undefined> {
    const { etag, ...document } = stored;
    try {
      const { resource } = await this.ledger
        .item(document.id, document.tenantId)
        .replace(document, { accessCondition: { type: 'IfMatch', condition: etag } });
      return withEtag<T>(resource as ItemDefinition);
    } catch (error) {
      const status = cosmosStatus(error);
      if (status === HTTP_PRECONDITION_FAILED || status === HTTP_NOT_FOUND) return undefined;
      throw error;
    }
  }

  private batch(tenantId: string, operations: OperationInput[]): Promise<BatchOutcome> {
    return runBatch(this.ledger, tenantId, operations);
  }

  async customerPage(
    continuation: string | null,
  ): Promise<{ tenantIds: string[]; continuation: string | null }> {
    const page = await this.ledger.items
      .query<{ tenantId: string }>("SELECT c.tenantId FROM c WHERE c.type = 'customer'", {
        maxItemCount: 100,
        ...(continuation ? { continuationToken: continuation } : {}),
        ...readDeadline(),
      })
      .fetchNext();
    return {
      tenantIds: page.resources.map((r) => r.tenantId),
      continuation: page.continuationToken ?? null,
    };
  }

  private async queryAcrossCustomers<T>(
    shape: (document: ItemDefinition) => T,
    query: string,
    parameters: SqlParameter[],
  ): Promise<T[]> {
    const { resources } = await this.ledger.items
      .query<ItemDefinition>({ query, parameters }, readDeadline())
      .fetchAll();
    return resources.map(shape);
  }
}

function readOperation(id: string): OperationInput {
  return { operationType: 'Read', id };
}

function createOperation(document: object): OperationInput {
  return { operationType: 'Create', resourceBody: json(document) };
}

function upsertOperation(document: { readonly id: string }): OperationInput {
  return { operationType: 'Upsert', resourceBody: json(document) };
}

function whole(limit: number): number {
  return Math.max(1, Math.floor(limit));
}
