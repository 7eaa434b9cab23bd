/** The storage the use cases need, whatever database is behind it. */
import type { DeclarationRecord, StoredRecord } from './declarationRecord';

/** Points from an FM to one of their declarations, so "my declarations" reads one partition. */
export interface FmDeclarationEntry {
  readonly fmAadObjectId: string;
  readonly declarationId: string;
  readonly tenantId: string;
  readonly customerName: string;
  readonly createdAt: string;
}

export interface DeclarationRepository {
  /**
   * Creates the records of one declaration. Records that already exist (a double tap, a
   * redelivered activity) are returned as stored, not created again.
   */
  createRecords(records: readonly DeclarationRecord[]): Promise<StoredRecord[]>;
  /** Every record of one customer, newest first. */
  recordsOfCustomer(tenantId: string): Promise<StoredRecord[]>;
  /** The records of some declarations of one customer. */
  recordsOfDeclarations(
    tenantId: string,
    declarationIds: readonly string[],
  ): Promise<StoredRecord[]>;
  /**
   * Replaces records of one customer together, if nobody changed them since they were read;
   * otherwise throws ConcurrencyConflict (in Azure Cosmos DB nothing is replaced then).
   */
  replaceRecords(records: readonly StoredRecord[]): Promise<StoredRecord[]>;
  addFmEntry(entry: FmDeclarationEntry): Promise<void>;
  /** The FM's newest declarations first. */
  fmEntries(fmAadObjectId: string, limit: number): Promise<FmDeclarationEntry[]>;
}

/** Someone else changed the record first: read it again and decide anew. */
export class ConcurrencyConflict extends Error {
  constructor(readonly recordId: string) {
    super(`Record ${recordId} was changed by someone else; read it again before updating.`);
    this.name = 'ConcurrencyConflict';
  }
}
