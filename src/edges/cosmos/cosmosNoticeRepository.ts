/** Notices and installed teams in Cosmos DB. Every query names its partition key. */
import type { Container, ItemDefinition } from '@azure/cosmos';
import { ConcurrencyConflict } from '../../application/declarationRepository';
import { NOTICE_BUCKET, type Notice, type StoredNotice } from '../../application/notice';
import type {
  InstalledTeam,
  NoticeRepository,
  TeamDirectory,
} from '../../application/noticeRepository';
import {
  cosmosStatus,
  HTTP_CONFLICT,
  HTTP_NOT_FOUND,
  HTTP_PRECONDITION_FAILED,
  withEtag,
} from './cosmosStatus';

export class CosmosNoticeRepository implements NoticeRepository {
  constructor(private readonly notices: Container) {}

  async createNotice(notice: Notice): Promise<StoredNotice> {
    try {
      const { resource } = await this.notices.items.create(notice);
      return withEtag<Notice>(resource as ItemDefinition);
    } catch (error) {
      if (cosmosStatus(error) !== HTTP_CONFLICT) throw error;
      const existing = await this.readNotice(notice.id);
      if (!existing)
        throw new Error(`Notice ${notice.id} vanished right after a conflict.`, { cause: error });
      return existing;
    }
  }

  async readNotice(declarationId: string): Promise<StoredNotice | undefined> {
    try {
      const { resource } = await this.notices
        .item(declarationId, NOTICE_BUCKET)
        .read<ItemDefinition>();
      return resource ? withEtag<Notice>(resource) : undefined;
    } catch (error) {
      if (cosmosStatus(error) === HTTP_NOT_FOUND) return undefined;
      throw error;
    }
  }

  async replaceNotice(notice: StoredNotice): Promise<StoredNotice> {
    const { etag, ...document } = notice;
    try {
      const { resource } = await this.notices
        .item(notice.id, NOTICE_BUCKET)
        .replace(document, { accessCondition: { type: 'IfMatch', condition: etag } });
      return withEtag<Notice>(resource as ItemDefinition);
    } catch (error) {
      if (cosmosStatus(error) === HTTP_PRECONDITION_FAILED)
        throw new ConcurrencyConflict(notice.id);
      throw error;
    }
  }

  async dueNotices(now: string, limit: number): Promise<StoredNotice[]> {
    return this.query(
      `SELECT TOP ${whole(limit)} * FROM c WHERE c.bucket = @bucket AND c.delivery.status = 'pending' AND c.delivery.nextAttemptAt <= @now AND (IS_NULL(c.delivery.claimExpiresAt) OR c.delivery.claimExpiresAt < @now) ORDER BY c.delivery.nextAttemptAt`,
      { '@now': now },
    );
  }

  async undecidedNotices(limit: number): Promise<StoredNotice[]> {
    return this.query(
      `SELECT TOP ${whole(limit)} * FROM c WHERE c.bucket = @bucket AND IS_NULL(c.decision) AND c.delivery.status = 'posted' ORDER BY c.createdAt DESC`,
      {},
    );
  }

  private async query(query: string, parameters: Record<string, string>): Promise<StoredNotice[]> {
    const { resources } = await this.notices.items
      .query<ItemDefinition>(
        {
          query,
          parameters: [
            { name: '@bucket', value: NOTICE_BUCKET },
            ...Object.entries(parameters).map(([name, value]) => ({ name, value })),
          ],
        },
        { partitionKey: NOTICE_BUCKET },
      )
      .fetchAll();
    return resources.map((r) => withEtag<Notice>(r));
  }
}

export class CosmosTeamDirectory implements TeamDirectory {
  constructor(private readonly teams: Container) {}

  async saveTeam(team: InstalledTeam): Promise<void> {
    await this.teams.items.upsert({ id: safeId(team.teamId), ...team });
  }

  async removeTeam(orgTenantId: string, teamId: string): Promise<void> {
    try {
      await this.teams.item(safeId(teamId), orgTenantId).delete();
    } catch (error) {
      if (cosmosStatus(error) !== HTTP_NOT_FOUND) throw error;
    }
  }

  async teamsOf(orgTenantId: string): Promise<InstalledTeam[]> {
    const { resources } = await this.teams.items
      .query<InstalledTeam>(
        {
          query:
            'SELECT c.orgTenantId, c.teamId, c.teamName, c.serviceUrl, c.channels FROM c WHERE c.orgTenantId = @tenant ORDER BY c.teamName',
          parameters: [{ name: '@tenant', value: orgTenantId }],
        },
        { partitionKey: orgTenantId },
      )
      .fetchAll();
    return resources;
  }
}

/** Team ids look like 19:abc@thread.tacv2; '/', '\\', '?' and '#' may not appear in Cosmos ids. */
function safeId(teamId: string): string {
  return encodeURIComponent(teamId);
}

function whole(limit: number): number {
  return Math.max(1, Math.floor(limit));
}
