/** The containers of earlier versions of the bot, read once for the import into the ledger. */
import type { Database, ItemDefinition } from '@azure/cosmos';
import type {
  LegacyNotice,
  LegacyRecord,
  LegacyStore,
} from '../../application/importLegacyRecords';
import { LEGACY_CONTAINERS } from './cosmosContainers';
import { cosmosStatus, HTTP_NOT_FOUND } from './cosmosStatus';

export class CosmosLegacyStore implements LegacyStore {
  constructor(private readonly database: Database) {}

  records(): Promise<LegacyRecord[]> {
    return this.readAll<LegacyRecord>(LEGACY_CONTAINERS.records.id);
  }

  notices(): Promise<LegacyNotice[]> {
    return this.readAll<LegacyNotice>(LEGACY_CONTAINERS.notices.id);
  }

  /** Every document of a container; none when the container was never created. */
  private async readAll<T>(containerId: string): Promise<T[]> {
    try {
      const { resources } = await this.database
        .container(containerId)
        .items.readAll<ItemDefinition>()
        .fetchAll();
      return resources as unknown as T[];
    } catch (error) {
      if (cosmosStatus(error) === HTTP_NOT_FOUND) return [];
      throw error;
    }
  }
}
