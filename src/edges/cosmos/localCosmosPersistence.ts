/**
 * The local Cosmos server keeps everything in memory. This copies every database, container and
 * document to one JSON file after each change (debounced) and loads it back at start, so records
 * and half-finished dialogs survive a restart of the bot.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CosmosClient, ItemDefinition } from '@azure/cosmos';
import { logger } from '../../log/logger';

interface Snapshot {
  readonly databases: {
    readonly id: string;
    readonly containers: {
      readonly id: string;
      readonly partitionKeyPaths: string[];
      readonly documents: ItemDefinition[];
    }[];
  }[];
}

const SAVE_DELAY_MS = 200;
const SYSTEM_PROPERTIES = ['_rid', '_self', '_etag', '_attachments', '_ts'];

export class LocalCosmosPersistence {
  private timer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();
  private dirty = false;
  private closed = false;

  constructor(
    private readonly client: CosmosClient,
    private readonly file: string,
  ) {}

  /** Loads the file into the empty server; returns how many documents it restored. */
  async restore(): Promise<number> {
    if (!existsSync(this.file)) return 0;
    const snapshot = JSON.parse(readFileSync(this.file, 'utf8')) as Snapshot;
    let count = 0;
    for (const db of snapshot.databases) {
      const { database } = await this.client.databases.createIfNotExists({ id: db.id });
      for (const c of db.containers) {
        const { container } = await database.containers.createIfNotExists({
          id: c.id,
          partitionKey: { paths: c.partitionKeyPaths },
        });
        for (const document of c.documents) {
          await container.items.upsert(document);
          count += 1;
        }
      }
    }
    return count;
  }

  /** Call after every change; saves once things are quiet. */
  changed(): void {
    this.dirty = true;
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush().catch((error: unknown) =>
        logger.error({ err: error }, 'Could not save the local Cosmos data file.'),
      );
    }, SAVE_DELAY_MS);
    this.timer.unref();
  }

  /** Saves what is left and stops saving; call before the server closes. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  /** Saves now if anything changed since the last save. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.saving = this.saving.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      await this.save();
    });
    return this.saving;
  }

  private async save(): Promise<void> {
    const databases: Snapshot['databases'][number][] = [];
    const { resources: dbs } = await this.client.databases.readAll().fetchAll();
    for (const db of dbs) {
      const database = this.client.database(db.id);
      const { resources: definitions } = await database.containers.readAll().fetchAll();
      const containers: Snapshot['databases'][number]['containers'][number][] = [];
      for (const definition of definitions) {
        const { resources } = await database.container(definition.id).items.readAll().fetchAll();
        containers.push({
          id: definition.id,
          partitionKeyPaths: definition.partitionKey?.paths ?? ['/id'],
          documents: resources.map(withoutSystemProperties),
        });
      }
      databases.push({ id: db.id, containers });
    }
    mkdirSync(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, JSON.stringify({ databases } satisfies Snapshot));
    renameSync(temporary, this.file);
  }
}

function withoutSystemProperties(document: ItemDefinition): ItemDefinition {
  const copy: Record<string, unknown> = { ...document };
  for (const key of SYSTEM_PROPERTIES) delete copy[key];
  return copy as ItemDefinition;
}
