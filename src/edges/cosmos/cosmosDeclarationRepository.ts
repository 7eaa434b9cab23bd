/** Declaration records in Cosmos DB. Every query names the partition key in its WHERE clause. */
import type { Container, ItemDefinition, JSONObject, OperationInput } from '@azure/cosmos';
import {
  ConcurrencyConflict,
  type DeclarationRepository,
  type FmDeclarationEntry,
} from '../../application/declarationRepository';
import type { DeclarationRecord, StoredRecord } from '../../application/declarationRecord';
import { cosmosStatus, HTTP_CONFLICT, HTTP_PRECONDITION_FAILED, withEtag } from './cosmosStatus';

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
    const tenantId = records[0]?.tenantId;
    if (tenantId === undefined) return [];
    if (records.some((record) => record.tenantId !== tenantId)) {
      throw new Error('The records of one declaration belong to one customer.');
    }
    const created = await this.createInOneBatch(records, tenantId);
    // Some exist already (a retried save): those are kept as stored and the rest created.
    return created ?? Promise.all(records.map((record) => this.createOrRead(record)));
  }

  /** The stored records, or undefined when one of them exists already. */
  private async createInOneBatch(
    records: readonly DeclarationRecord[],
    tenantId: string,
  ): Promise<StoredRecord[] | undefined> {
    const operations: OperationInput[] = records.map((record) => ({
      operationType: 'Create',
      // Records are plain JSON by construction; the SDK's type cannot see that through interfaces.
      resourceBody: record as unknown as JSONObject,
    }));
    let results;
    try {
      results = (await this.records.items.batch(operations, tenantId)).result ?? [];
    } catch (error) {
      if (cosmosStatus(error) === HTTP_CONFLICT) return undefined;
      throw error;
    }
    if (results.some((result) => result.statusCode === HTTP_CONFLICT)) return undefined;
    return results.map((result, index) => {
      if (result.statusCode >= 200 && result.statusCode < 300 && result.resourceBody) {
        return fromDocument(result.resourceBody as ItemDefinition);
      }
      throw new Error(
        `Saving record ${records[index]?.id} failed with status ${result.statusCode}.`,
      );
    });
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
    const tenantId = records[0]?.tenantId;
    if (tenantId === undefined) return [];
    const operations: OperationInput[] = records.map(({ etag, ...document }) => ({
      operationType: 'Replace',
      id: document.id,
      partitionKey: tenantId,
      ifMatch: etag,
      resourceBody: document as unknown as JSONObject,
    }));
    let results;
    try {
      results = (await this.records.items.batch(operations, tenantId)).result ?? [];
    } catch (error) {
      if (cosmosStatus(error) === HTTP_PRECONDITION_FAILED) {
        throw new ConcurrencyConflict(records[0]!.id);
      }
      throw error;
    }
    return results.map((result, index) => {
      const id = records[index]?.id ?? '';
      if (result.statusCode === HTTP_PRECONDITION_FAILED) throw new ConcurrencyConflict(id);
      if (result.statusCode >= 200 && result.statusCode < 300 && result.resourceBody) {
        return fromDocument(result.resourceBody as ItemDefinition);
      }
      throw new Error(`Replacing record ${id} failed with status ${result.statusCode}.`);
    });
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
