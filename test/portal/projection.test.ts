/**
 * The portal's rows and chart summaries follow the ledger: after each change, once, however
 * often the effect that projects them runs.
 */
import assert from 'node:assert/strict';
import { buildPortalRows } from '../../src/application/portal/buildPortalRows';
import { projectDeclaration } from '../../src/application/portal/projectEntitlements';
import { CONTAINERS } from '../../src/edges/cosmos/cosmosContainers';
import { chartsOf, rowDocumentId } from '../../src/application/portal/portalProjection';
import { fmKey, ORG_KEY, teamKey } from '../../src/application/portal/portalScopes';
import { useBotFixture } from '../support/botFixture';
import {
  ACCOUNT_TEAM,
  CUSTOMER_TENANT,
  NOTICES_CHANNEL,
  ORG_TENANT,
} from '../support/fmConversation';
import { latestDeclaration, managerDecides } from '../support/ledgerReads';

const AVERY_ID = '00000000-0000-0000-0000-00000000a001';

describe('the portal projection', () => {
  const fixture = useBotFixture();

  async function declareTwoWorkloads(): Promise<void> {
    await fixture.fm.declareUntilSummary(
      'no-intent-at-assignment',
      {
        l2ReasonId: 'using-competitive-solution',
        detailedReason:
          'Customer does not intend to use Exchange Online or OneDrive because every mailbox and file runs on Google Workspace.',
        engagementScenarioId: 'customer-led',
      },
      'exchange-online,onedrive',
    );
    await fixture.fm.tap('keepReason').catch(() => undefined);
    await fixture.fm.tap('confirm', { noticeChannel: NOTICES_CHANNEL });
  }

  it('a declaration gives one row per entitlement, counted by its FM, its team and its organisation', async () => {
    await declareTwoWorkloads();
    const { portal } = fixture.db;
    const row = await portal.row(ORG_TENANT, rowDocumentId(CUSTOMER_TENANT, 'exchange-online'));
    assert.equal(row?.lifecycle, 'awaiting-decision');
    assert.equal(row?.l2, 'Using Competitive Solution');
    assert.deepEqual(row?.fmIds, [AVERY_ID]);
    assert.deepEqual(row?.teamIds, [ACCOUNT_TEAM.teamId]);
    assert.equal(row?.channel?.channelName, 'No Intent notices');
    for (const key of [ORG_KEY, fmKey(AVERY_ID), teamKey(ACCOUNT_TEAM.teamId)]) {
      const [summary] = await portal.summaries(ORG_TENANT, [key]);
      assert.equal(summary?.rows, 2, key);
      assert.equal(summary?.noIntentByL2['Using Competitive Solution'], 2, key);
      assert.equal(
        Object.values(summary?.pendingByDay ?? {}).reduce((a, b) => a + b, 0),
        2,
      );
    }
  });

  it('a decision moves the counts; projecting again changes nothing', async () => {
    await declareTwoWorkloads();
    const declaration = await latestDeclaration(fixture.db);
    await managerDecides(fixture.target, declaration, 'rejectDeclaration', 'Name the contract.');
    const { portal, ledger } = fixture.db;
    const before = await portal.summaries(ORG_TENANT, [ORG_KEY]);
    assert.deepEqual(before[0]?.noIntentByL2, {}, 'a rejected declaration is no No Intent');
    assert.deepEqual(before[0]?.pendingByDay, {}, 'nothing waits any more');
    assert.equal(before[0]?.rows, 2);
    const snapshot = await ledger.readDeclaration(CUSTOMER_TENANT, declaration.declarationId);
    await projectDeclaration({ ledger, portal }, snapshot!);
    await projectDeclaration({ ledger, portal }, snapshot!);
    assert.deepEqual(await portal.summaries(ORG_TENANT, [ORG_KEY]), before);
    const row = await portal.row(ORG_TENANT, rowDocumentId(CUSTOMER_TENANT, 'onedrive'));
    assert.equal(row?.lifecycle, 'rejected');
  });

  it('rows of entitlements saved before the portal existed are built once from the ledger', async () => {
    await declareTwoWorkloads();
    const { portal, ledger, database } = fixture.db;
    const container = database.container(CONTAINERS.portal.id);
    const projected = await container.items
      .query<{ id: string; orgTenantId: string }>('SELECT * FROM c')
      .fetchAll();
    const withoutSystemFields = (docs: Record<string, unknown>[]) =>
      docs
        .map((d) => Object.fromEntries(Object.entries(d).filter(([k]) => !k.startsWith('_'))))
        .sort((a, b) => String(a.id).localeCompare(String(b.id)));
    // As a database from before the portal: the ledger alone.
    for (const doc of projected.resources) await container.item(doc.id, doc.orgTenantId).delete();

    const now = () => new Date();
    assert.equal(await buildPortalRows({ ledger, portal, now }), 1, 'one customer');
    const rebuilt = await container.items
      .query('SELECT * FROM c WHERE c.type != "marker"')
      .fetchAll();
    assert.deepEqual(
      withoutSystemFields(rebuilt.resources),
      withoutSystemFields(projected.resources),
      'the same rows and summaries the changes themselves had written',
    );
    assert.equal(await buildPortalRows({ ledger, portal, now }), 0, 'and only once');
  });

  it('the charts add up the summaries of a view', () => {
    const charts = chartsOf(
      [
        {
          id: 'summary.org',
          type: 'summary',
          orgTenantId: 'o',
          key: 'org',
          rows: 3,
          noIntentByL2: { 'Executive Sponsorship': 2, 'Using Competitive Solution': 1 },
          noIntentByWorkload: { 'Exchange Online': 3 },
          declaredByWeek: { '2026-11-23': 2, '2026-11-16': 1 },
          pendingByDay: { '2026-11-25': 1, '2026-11-20': 1, '2026-11-10': 1 },
        },
      ],
      '2026-11-25',
    );
    assert.deepEqual(charts.byL2[0], { label: 'Executive Sponsorship', count: 2 });
    assert.equal(charts.perWeek.length, 12);
    assert.deepEqual(charts.perWeek.at(-1), { label: '2026-11-23', count: 2 });
    assert.deepEqual(
      charts.pendingAge.map((b) => b.count),
      [1, 0, 1, 1],
      'under 2 days, 2 to 4, 5 to 9, 10 or more',
    );
  });
});
