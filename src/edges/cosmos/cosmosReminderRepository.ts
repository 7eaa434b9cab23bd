/** People's reminders in Cosmos DB: in the people container, one document per person. */
import type { Container, ItemDefinition } from '@azure/cosmos';
import {
  INBOX_DOCUMENT_ID,
  type ReminderInbox,
  type StoredInbox,
} from '../../application/followUps/reminderInbox';
import type { ReminderRepository } from '../../application/followUps/reminderRepository';
import { readDeadline } from './cosmosConnection';
import {
  cosmosStatus,
  HTTP_CONFLICT,
  HTTP_NOT_FOUND,
  HTTP_PRECONDITION_FAILED,
  withEtag,
} from './cosmosStatus';

/** One-time tasks' markers live in a partition no person has. */
const MARKERS = '(markers)';

export class CosmosReminderRepository implements ReminderRepository {
  constructor(private readonly people: Container) {}

  async read(aadObjectId: string): Promise<StoredInbox | undefined> {
    try {
      const { resource } = await this.people
        .item(INBOX_DOCUMENT_ID, aadObjectId)
        .read<ItemDefinition>(readDeadline());
      return resource ? withEtag<ReminderInbox>(resource) : undefined;
    } catch (error) {
      if (cosmosStatus(error) === HTTP_NOT_FOUND) return undefined;
      throw error;
    }
  }

  async save(inbox: ReminderInbox, etag: string | null): Promise<StoredInbox | undefined> {
    try {
      const { resource } =
        etag === null
          ? await this.people.items.create(inbox)
          : await this.people
              .item(INBOX_DOCUMENT_ID, inbox.aadObjectId)
              .replace(inbox, { accessCondition: { type: 'IfMatch', condition: etag } });
      return withEtag<ReminderInbox>(resource as ItemDefinition);
    } catch (error) {
      const status = cosmosStatus(error);
      if (status === HTTP_PRECONDITION_FAILED || status === HTTP_CONFLICT) return undefined;
      throw error;
    }
  }

  async isMarked(name: string): Promise<boolean> {
    try {
      const { resource } = await this.people
        .item(name, MARKERS)
        .read<ItemDefinition>(readDeadline());
      return resource !== undefined;
    } catch (error) {
      if (cosmosStatus(error) === HTTP_NOT_FOUND) return false;
      throw error;
    }
  }

  async mark(name: string, at: string): Promise<void> {
    await this.people.items.upsert({ id: name, aadObjectId: MARKERS, type: 'marker', at });
  }

  async due(now: string, limit: number): Promise<StoredInbox[]> {
    const { resources } = await this.people.items
      .query<ItemDefinition>(
        {
          query: `SELECT TOP ${Math.max(1, Math.floor(limit))} * FROM c WHERE c.type = 'reminders' AND c.nextDeliveryAt <= @now ORDER BY c.nextDeliveryAt`,
          parameters: [{ name: '@now', value: now }],
        },
        readDeadline(),
      )
      .fetchAll();
    return resources.map((r) => withEtag<ReminderInbox>(r));
  }
}
