/** Declaration records in Cosmos DB. Every query names the partition key in its WHERE clause. */
import type { Container, ItemDefinition, JSONObject, OperationInput } from '@azure/cosmos';
import {
  ConcurrencyConflict,
  type DeclarationRepository,
  type FmDeclarationEntry,
} from '../../application/declarationRepository';
import type { DeclarationRecord, StoredRecord } from '../../application/declarationRecord';
import {
  cosmosStatus,
  HTTP_CONFLICT,
  HTTP_FAILED_DEPENDENCY,
  HTTP_PRECONDITION_FAILED,
  withEtag,
} from './cosmosStatus';

export class CosmosDeclarationRepository implements DeclarationRepository {
  constructor(
    private readonly records: Container,
    private readonly fmDeclarations: Container,
  ) {}

  /**
   * One transactional batch in the customer's partition: one request, and in Azure Cosmos DB all
   * the records or none. (Not bulk: the SDK's bulk executor waits a second for partial batches.)
   */
  async createRecords(records: readonly DeclarationRecord[]): Promise<StoredRecord[]> {
    const outcome = await this.inOneBatch(
      records,
      records.map((record) => ({
        operationType: 'Create',
        // Records are plain JSON by construction; the SDK's type cannot see that through interfaces.
        resourceBody: record as unknown as JSONObject,
      })),
    );
    if ('stored' in outcome) return outcome.stored;
    // Some exist already (a retried save): those are kept as stored and the rest created.
    if (outcome.status === HTTP_CONFLICT) {
      return Promise.all(records.map((record) => this.createOrRead(record)));
    }
    throw new Error(`Saving record ${outcome.id} failed with status ${outcome.status}.`);
  }

  private async createOrRead(record: DeclarationRecord): Promise<StoredRecord> {
    try {
      const { resource } = await this.records.items.create<ItemDefinition>({ ...record });
      if (!resource) throw new Error(`Creating record ${record.id} returned no document.`);
      return fromDocument(resource);
    } catch (error) {
      if (cosmosStatus(error) === HTTP_CONFLICT) return this.readRecord(record.tenantId, record.id);
      throw error;
    }
  }

  async recordsOfCustomer(tenantId: string): Promise<StoredRecord[]> {
    return this.queryRecords(
      'SELECT * FROM c WHERE c.tenantId = @tenantId ORDER BY c.createdAt DESC',
      { '@tenantId': tenantId },
      tenantId,
    );
  }

  async recordsOfDeclarations(
    tenantId: string,
    declarationIds: readonly string[],
  ): Promise<StoredRecord[]> {
    if (declarationIds.length === 0) return [];
    return this.queryRecords(
      'SELECT * FROM c WHERE c.tenantId = @tenantId AND ARRAY_CONTAINS(@declarationIds, c.declarationId) ORDER BY c.createdAt DESC',
      { '@tenantId': tenantId, '@declarationIds': [...declarationIds] },
      tenantId,
    );
  }

  async replaceRecords(records: readonly StoredRecord[]): Promise<StoredRecord[]> {
    const outcome = await this.inOneBatch(
      records,
      records.map(({ etag, ...document }) => ({
        operationType: 'Replace',
        id: document.id,
        partitionKey: document.tenantId,
        ifMatch: etag,
        resourceBody: document as unknown as JSONObject,
      })),
    );
    if ('stored' in outcome) return outcome.stored;
    if (outcome.status === HTTP_PRECONDITION_FAILED) throw new ConcurrencyConflict(outcome.id);
    throw new Error(`Replacing record ${outcome.id} failed with status ${outcome.status}.`);
  }

  /**
   * Runs one operation per record, all in the records' common partition, as one transactional
   * batch. Gives the stored records, or the status and record of the operation that failed.
   */
  private async inOneBatch(
    records: readonly DeclarationRecord[],
    operations: OperationInput[],
  ): Promise<{ stored: StoredRecord[] } | { status: number; id: string }> {
    const tenantId = records[0]?.tenantId;
    if (tenantId === undefined) return { stored: [] };
    if (records.some((record) => record.tenantId !== tenantId)) {
      throw new Error('A batch holds the records of one customer.');
    }
    let results;
    try {
      results = (await this.records.items.batch(operations, tenantId)).result ?? [];
    } catch (error) {
      // Azure Cosmos DB may answer a failed batch with the failing operation's status.
      const status = cosmosStatus(error);
      if (status === undefined) throw error;
      return { status, id: records[0]!.id };
    }
    // The operations after a failure are not attempted (424): the first other failure is why.
    const failed = results.findIndex(
      (r) => (r.statusCode < 200 || r.statusCode >= 300) && r.statusCode !== HTTP_FAILED_DEPENDENCY,
    );
    if (failed >= 0) return { status: results[failed]!.statusCode, id: records[failed]!.id };
    return {
      stored: results.map((r, index) => {
        if (!r.resourceBody) throw new Error(`Record ${records[index]?.id} came back empty.`);
        return fromDocument(r.resourceBody as ItemDefinition);
      }),
    };
  }

  async addFmEntry(entry: FmDeclarationEntry): Promise<void> {
    await this.fmDeclarations.items.upsert({ id: entry.declarationId, ...entry });
  }

  async fmEntries(fmAadObjectId: string, limit: number): Promise<FmDeclarationEntry[]> {
    const { resources } = await this.fmDeclarations.items
      .query<FmDeclarationEntry>(
        {
          query: `SELECT TOP ${Math.max(1, Math.floor(limit))} c.fmAadObjectId, c.declarationId, c.tenantId, c.customerName, c.createdAt FROM c WHERE c.fmAadObjectId = @fm ORDER BY c.createdAt DESC`,
          parameters: [{ name: '@fm', value: fmAadObjectId }],
        },
        { partitionKey: fmAadObjectId },
      )
      .fetchAll();
    return resources;
  }

  private async readRecord(tenantId: string, id: string): Promise<StoredRecord> {
    const { resource } = await this.records.item(id, tenantId).read<ItemDefinition>();
    if (!resource) throw new Error(`Record ${id} vanished right after a conflict on create.`);
    return fromDocument(resource);
  }

  private async queryRecords(
    query: string,
    parameters: Record<string, string | string[]>,
    tenantId: string,
  ): Promise<StoredRecord[]> {
    const { resources } = await this.records.items
      .query<ItemDefinition>(
        {
          query,
          parameters: Object.entries(parameters).map(([name, value]) => ({ name, value })),
        },
        { partitionKey: tenantId },
      )
      .fetchAll();
    return resources.map(fromDocument);
  }
}

function fromDocument(document: ItemDefinition): StoredRecord {
  return withEtag<DeclarationRecord>(document);
}
