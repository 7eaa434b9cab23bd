/** The containers of earlier versions of the bot, read once for the import into the ledger. */
import type { Database, ItemDefinition } from '@azure/cosmos';
import type {
  LegacyNotice,
  LegacyRecord,
  LegacyStore,
} from '../../application/importLegacyRecords';
import { CONTAINERS, LEGACY_CONTAINERS } from './cosmosContainers';
import { cosmosStatus, HTTP_CONFLICT, HTTP_NOT_FOUND } from './cosmosStatus';

/**
 * Where the import notes that it ran to its end: a partition of the ledger no customer's tenant
 * id (a GUID) can name.
 */
const MARKER = { id: 'legacy-import', tenantId: '(import)' } as const;

export class CosmosLegacyStore implements LegacyStore {
  constructor(private readonly database: Database) {}

  records(): Promise<LegacyRecord[]> {
    return this.readAll<LegacyRecord>(LEGACY_CONTAINERS.records.id);
  }

  notices(): Promise<LegacyNotice[]> {
    return this.readAll<LegacyNotice>(LEGACY_CONTAINERS.notices.id);
  }

  async organisations(): Promise<string[]> {
    const { resources } = await this.database
      .container(CONTAINERS.teams.id)
      .items.query<{ orgTenantId: string }>('SELECT c.orgTenantId FROM c')
      .fetchAll();
    return [...new Set(resources.map((r) => r.orgTenantId))];
  }

  async isDone(): Promise<boolean> {
    try {
      const { resource } = await this.ledger().item(MARKER.id, MARKER.tenantId).read();
      return resource !== undefined;
    } catch (error) {
      if (cosmosStatus(error) === HTTP_NOT_FOUND) return false;
      throw error;
    }
  }

  async markDone(at: Date): Promise<void> {
    try {
      await this.ledger().items.create({ ...MARKER, type: 'import-marker', at: at.toISOString() });
    } catch (error) {
      if (cosmosStatus(error) !== HTTP_CONFLICT) throw error;
    }
  }

  private ledger() {
    return this.database.container(CONTAINERS.ledger.id);
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
