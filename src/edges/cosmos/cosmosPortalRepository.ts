/**
 * The portal's rows and summaries in Cosmos DB, one logical partition per organisation: every
 * view reads within one partition, and a change's rows and summaries are one transactional batch.
 */
import type { Container, ItemDefinition, OperationInput, SqlParameter } from '@azure/cosmos';
import { ConcurrencyConflict } from '../../application/ledgerRepository';
import type {
  PortalRowDocument,
  PortalSummary,
  StoredPortalRow,
  StoredPortalSummary,
} from '../../application/portal/portalProjection';
import { summaryDocumentId } from '../../application/portal/portalProjection';
import type { PortalRepository, RowPageRequest } from '../../application/portal/portalRepository';
import type { Audience, SummaryKey } from '../../application/portal/portalScopes';
import { json, runBatch } from './cosmosBatch';
import { readDeadline } from './cosmosConnection';
import {
  cosmosStatus,
  HTTP_CONFLICT,
  HTTP_NOT_FOUND,
  HTTP_PRECONDITION_FAILED,
  withEtag,
  withoutSystemProperties,
} from './cosmosStatus';

/** The one-time build's marker lives in a partition no organisation has. */
const MARKER = { id: 'portal-built', orgTenantId: '(portal)' } as const;

const SORT_FIELDS = {
  updatedAt: 'c.updatedAt',
  customerName: 'c.customerName',
  workloadName: 'c.workloadName',
  declaredAt: 'c.declaredAt',
} as const;

export class CosmosPortalRepository implements PortalRepository {
  constructor(private readonly portal: Container) {}

  async rows(
    request: RowPageRequest,
  ): Promise<{ rows: PortalRowDocument[]; continuation: string | null }> {
    const { where, parameters } = conditions(request);
    const order = `${SORT_FIELDS[request.sort]} ${request.descending ? 'DESC' : 'ASC'}`;
    const page = await this.portal.items
      .query<ItemDefinition>(
        { query: `SELECT * FROM c WHERE ${where.join(' AND ')} ORDER BY ${order}`, parameters },
        {
          partitionKey: request.orgTenantId,
          maxItemCount: request.pageSize,
          ...(request.continuation ? { continuationToken: request.continuation } : {}),
          ...readDeadline(),
        },
      )
      .fetchNext();
    return {
      rows: page.resources.map((r) => withoutSystemProperties<PortalRowDocument>(r)),
      continuation: page.continuationToken ?? null,
    };
  }

  async row(orgTenantId: string, rowId: string): Promise<PortalRowDocument | undefined> {
    const found = await this.pointRead(orgTenantId, rowId);
    return found ? withoutSystemProperties<PortalRowDocument>(found) : undefined;
  }

  async summaries(orgTenantId: string, keys: readonly SummaryKey[]): Promise<PortalSummary[]> {
    const found = await Promise.all(
      keys.map((key) => this.pointRead(orgTenantId, summaryDocumentId(key))),
    );
    return found.flatMap((s) => (s ? [withoutSystemProperties<PortalSummary>(s)] : []));
  }

  async readForProjection(
    orgTenantId: string,
    rowIds: readonly string[],
    summaryKeys: readonly SummaryKey[],
  ): Promise<{ rows: StoredPortalRow[]; summaries: StoredPortalSummary[] }> {
    const ids = [...rowIds, ...summaryKeys.map(summaryDocumentId)];
    const { resources } = await this.portal.items
      .query<ItemDefinition>(
        {
          query: 'SELECT * FROM c WHERE c.orgTenantId = @org AND ARRAY_CONTAINS(@ids, c.id)',
          parameters: [
            { name: '@org', value: orgTenantId },
            { name: '@ids', value: ids },
          ],
        },
        { partitionKey: orgTenantId, ...readDeadline() },
      )
      .fetchAll();
    const documents = resources.map((r) => withEtag<PortalRowDocument | PortalSummary>(r));
    return {
      rows: documents.filter((d): d is StoredPortalRow => d.type === 'row'),
      summaries: documents.filter((d): d is StoredPortalSummary => d.type === 'summary'),
    };
  }

  async saveProjection(
    orgTenantId: string,
    documents: readonly { document: PortalRowDocument | PortalSummary; etag: string | null }[],
  ): Promise<void> {
    const operations: OperationInput[] = documents.map(({ document, etag }) =>
      etag === null
        ? { operationType: 'Create', resourceBody: json(document) }
        : {
            operationType: 'Replace',
            id: document.id,
            ifMatch: etag,
            resourceBody: json(document),
          },
    );
    const outcome = await runBatch(this.portal, orgTenantId, operations);
    if (outcome.ok) return;
    if (outcome.status === HTTP_PRECONDITION_FAILED || outcome.status === HTTP_CONFLICT) {
      throw new ConcurrencyConflict(`The portal rows of organisation ${orgTenantId}`);
    }
    throw new Error(`Saving portal rows of ${orgTenantId} failed (${outcome.status}).`);
  }

  async isBuilt(): Promise<boolean> {
    return (await this.pointRead(MARKER.orgTenantId, MARKER.id)) !== undefined;
  }

  async markBuilt(at: string): Promise<void> {
    await this.portal.items.upsert({ ...MARKER, type: 'marker', at });
  }

  private async pointRead(partition: string, id: string): Promise<ItemDefinition | undefined> {
    try {
      const { resource } = await this.portal
        .item(id, partition)
        .read<ItemDefinition>(readDeadline());
      return resource ?? undefined;
    } catch (error) {
      if (cosmosStatus(error) === HTTP_NOT_FOUND) return undefined;
      throw error;
    }
  }
}

/** The WHERE clause of a page: the organisation, the audience, and each filter given. */
function conditions(request: RowPageRequest): { where: string[]; parameters: SqlParameter[] } {
  const where = ['c.orgTenantId = @org', "c.type = 'row'"];
  const parameters: SqlParameter[] = [{ name: '@org', value: request.orgTenantId }];
  const add = (condition: string, name: string, value: unknown) => {
    where.push(condition);
    parameters.push({ name, value: value as SqlParameter['value'] });
  };
  audienceCondition(request.audience, where, parameters);
  const f = request.filters;
  if (f.search) add('CONTAINS(c.searchText, @search)', '@search', f.search);
  if (f.l1) add('c.l1 = @l1', '@l1', f.l1);
  if (f.l2) add('c.l2 = @l2', '@l2', f.l2);
  if (f.lifecycle) add('c.lifecycle = @lifecycle', '@lifecycle', f.lifecycle);
  if (f.scenario) add('c.scenarioNumber = @scenario', '@scenario', f.scenario);
  if (f.stage) add('c.stage = @stage', '@stage', f.stage);
  if (f.fm) add('c.fmId = @fm', '@fm', f.fm);
  if (f.from) add('c.declaredDay >= @from', '@from', f.from);
  if (f.to) add('c.declaredDay <= @to', '@to', f.to);
  if (f.ftopEntered !== undefined) add('c.ftopEntered = @ftop', '@ftop', f.ftopEntered);
  if (f.channelId) add('ARRAY_CONTAINS(c.channelIds, @channel)', '@channel', f.channelId);
  if (f.decidingTeamIds) add('ARRAY_CONTAINS(@deciding, c.teamId)', '@deciding', f.decidingTeamIds);
  return { where, parameters };
}

function audienceCondition(audience: Audience, where: string[], parameters: SqlParameter[]): void {
  switch (audience.kind) {
    case 'org':
      return;
    case 'fm':
      where.push('ARRAY_CONTAINS(c.fmIds, @me)');
      parameters.push({ name: '@me', value: audience.aadObjectId });
      return;
    case 'teams': {
      const names = audience.teamIds.map((_, i) => `@team${i}`);
      where.push(
        names.length === 0
          ? 'false'
          : `(${names.map((name) => `ARRAY_CONTAINS(c.teamIds, ${name})`).join(' OR ')})`,
      );
      audience.teamIds.forEach((id, i) => parameters.push({ name: names[i]!, value: id }));
      return;
    }
  }
}
