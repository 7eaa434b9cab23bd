import assert from 'node:assert/strict';
import { importLegacyRecords, NOTHING_IMPORTED } from '../../src/application/importLegacyRecords';
import { LEGACY_CONTAINERS } from '../../src/edges/cosmos/cosmosContainers';
import { CosmosLegacyStore } from '../../src/edges/cosmos/cosmosLegacyStore';
import { partitionOf } from '../support/ledgerReads';
import { freshDatabase, type TestDatabase } from '../support/localCosmos';
import { sampleStatus, SAMPLE_TARGET } from '../support/sampleDeclarations';

const CONTOSO = '11111111-1111-4111-8111-111111111111';
const FABRIKAM = '22222222-2222-4222-8222-222222222222';
const AVERY = { aadObjectId: '00000000-0000-0000-0000-00000000a001', name: 'Avery Fox' };
const MORGAN = { aadObjectId: '00000000-0000-0000-0000-00000000c003', name: 'Morgan Lee' };
const REASON = 'Customer does not intend to use it because every mailbox runs on Gmail.';

/** A record as earlier versions saved it (one per declaration and workload). */
function legacyRecord(
  tenantId: string,
  declarationId: string,
  workloadId: string,
  scenarioId: 'no-intent-at-assignment' | 'declines-fasttrack-center',
  status: string,
  createdAt: string,
) {
  const ftop = sampleStatus(scenarioId, REASON);
  return {
    id: `${declarationId}.${workloadId}`,
    tenantId,
    declarationId,
    customerName: tenantId === CONTOSO ? 'Contoso Ltd' : 'Fabrikam',
    workloadId,
    workloadName: workloadId,
    scenarioId,
    scenarioNumber: scenarioId === 'declines-fasttrack-center' ? 1 : 2,
    declaresNoIntent: scenarioId !== 'declines-fasttrack-center',
    l2ReasonId: ftop.l2ReasonId,
    l3ReasonId: null,
    engagementScenarioId: ftop.engagementScenarioId,
    fields: ftop.fields,
    fm: AVERY,
    fmRole: ftop.fields.whoUpdatesFtop,
    status,
    noticeChannel: null,
    createdAt,
    updatedAt: createdAt,
    history: [{ at: createdAt, by: AVERY, action: 'created' }],
  };
}

function legacyNotice(
  tenantId: string,
  declarationId: string,
  delivery: 'pending' | 'posted',
  decided: boolean,
) {
  return {
    id: declarationId,
    bucket: 'notices',
    declarationId,
    customerTenantId: tenantId,
    customerName: 'Contoso Ltd',
    workloadNames: ['exchange-online'],
    l1: 'No Intent',
    l2: 'Using Competitive Solution',
    l3: '',
    reason: REASON,
    fm: AVERY,
    fmRole: 'Assignment FM',
    fmAddress: null,
    target: SAMPLE_TARGET,
    delivery: {
      status: delivery,
      attempts: 1,
      nextAttemptAt: '2026-11-01T00:00:00.000Z',
      claimedBy: null,
      claimExpiresAt: null,
      conversationId: delivery === 'posted' ? '19:thread-9@thread.tacv2' : null,
      activityId: delivery === 'posted' ? '9' : null,
      lastError: null,
    },
    decision: decided
      ? { outcome: 'confirmed', by: MORGAN, at: '2026-11-02T00:00:00.000Z', comment: '' }
      : null,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
  };
}

describe('bringing the records of earlier versions into the ledger', () => {
  let db: TestDatabase;

  async function seed(container: 'records' | 'notices', documents: object[]): Promise<void> {
    const { container: handle } = await db.database.containers.createIfNotExists({
      id: LEGACY_CONTAINERS[container].id,
      partitionKey: { paths: [LEGACY_CONTAINERS[container].partitionKey] },
    });
    for (const document of documents) await handle.items.create(document);
  }

  function run() {
    return importLegacyRecords(
      {
        legacy: new CosmosLegacyStore(db.database),
        ledger: db.ledger,
        importCustomer: (imported) => db.ledger.importCustomer(imported),
      },
      new Date('2026-11-25T09:00:00.000Z'),
    );
  }

  beforeEach(async () => {
    db = await freshDatabase();
  });

  it('does nothing when there are no earlier containers', async () => {
    assert.deepEqual(await run(), NOTHING_IMPORTED);
  });

  it('replays each customer: entitlements, history, declarations and what their notices still need', async () => {
    await seed('records', [
      // Decided on the notice, but the records never followed (a crash between the two writes).
      legacyRecord(
        CONTOSO,
        'd1',
        'exchange-online',
        'no-intent-at-assignment',
        'awaiting-confirmation',
        '2026-11-01T00:00:00.000Z',
      ),
      legacyRecord(
        CONTOSO,
        'd1',
        'onedrive',
        'no-intent-at-assignment',
        'awaiting-confirmation',
        '2026-11-01T00:00:00.000Z',
      ),
      legacyRecord(
        CONTOSO,
        'd2',
        'intune',
        'declines-fasttrack-center',
        'recorded',
        '2026-11-03T00:00:00.000Z',
      ),
      // Two declarations pending at once for one workload, which earlier versions allowed.
      legacyRecord(
        FABRIKAM,
        'd3',
        'exchange-online',
        'no-intent-at-assignment',
        'awaiting-confirmation',
        '2026-11-04T00:00:00.000Z',
      ),
      legacyRecord(
        FABRIKAM,
        'd4',
        'exchange-online',
        'no-intent-at-assignment',
        'awaiting-confirmation',
        '2026-11-05T00:00:00.000Z',
      ),
    ]);
    await seed('notices', [
      legacyNotice(CONTOSO, 'd1', 'posted', true),
      legacyNotice(FABRIKAM, 'd3', 'posted', false),
      legacyNotice(FABRIKAM, 'd4', 'pending', false),
    ]);

    assert.deepEqual(await run(), { customers: 2, declarations: 4, skipped: 0, unplaced: [] });

    const contoso = await partitionOf(db, CONTOSO);
    assert.deepEqual(
      contoso.declarations.map((d) => [d.declarationId, d.state]),
      [
        ['d1', 'confirmed'],
        ['d2', 'recorded'],
      ],
    );
    const exchange = contoso.entitlements.find((e) => e.workloadId === 'exchange-online')!;
    assert.equal(exchange.declaration?.state, 'confirmed');
    assert.deepEqual(
      exchange.history.map((t) => [t.kind, t.by.name]),
      [
        ['declared', 'Avery Fox'],
        ['confirmed', 'Morgan Lee'],
      ],
    );
    assert.equal(
      contoso.entitlements.find((e) => e.workloadId === 'intune')?.status?.fields.l1,
      'In Progress',
    );
    assert.equal(contoso.customer?.orgTenantId, SAMPLE_TARGET.orgTenantId);
    assert.deepEqual(
      contoso.outbox.map((o) => o.effect),
      ['update-notice'],
      "the posted notice is redrawn in today's layout",
    );

    const fabrikam = await partitionOf(db, FABRIKAM);
    assert.deepEqual(
      fabrikam.declarations.map((d) => [d.declarationId, d.state]),
      [
        ['d3', 'withdrawn'],
        ['d4', 'awaiting-decision'],
      ],
    );
    const [entitlement] = fabrikam.entitlements;
    assert.equal(entitlement?.declaration?.declarationId, 'd4', 'one pending declaration stands');
    assert.deepEqual(
      entitlement?.history.map((t) => t.kind),
      ['declared', 'withdrawn', 'declared'],
    );
    assert.deepEqual(fabrikam.outbox.map((o) => [o.declarationId, o.effect]).sort(), [
      ['d3', 'update-notice'],
      ['d4', 'post-notice'],
    ]);
  });

  function installedIn(orgTenantId: string, teamId = '19:t@thread.tacv2') {
    return db.teams.saveTeam({
      orgTenantId,
      teamId,
      teamName: 'Team',
      serviceUrl: 'https://x/',
      channels: [],
    });
  }

  it('places a customer without a notice in the one organisation the app is installed in, or waits', async () => {
    await seed('records', [
      legacyRecord(
        CONTOSO,
        'd1',
        'exchange-online',
        'no-intent-at-assignment',
        'confirmed',
        '2026-11-01T00:00:00.000Z',
      ),
    ]);
    await installedIn('11111111-0000-4000-8000-000000000001');
    await installedIn('22222222-0000-4000-8000-000000000002', '19:u@thread.tacv2');
    const unsure = await run();
    assert.deepEqual(unsure.unplaced, [CONTOSO], 'two organisations: it cannot tell');
    assert.equal((await partitionOf(db, CONTOSO)).customer, undefined);
    await db.teams.removeTeam('22222222-0000-4000-8000-000000000002', '19:u@thread.tacv2');
    const placed = await run();
    assert.equal(placed.customers, 1, 'looked at again at the next start');
    assert.equal(
      (await partitionOf(db, CONTOSO)).customer?.orgTenantId,
      '11111111-0000-4000-8000-000000000001',
    );
  });

  it('runs once: a second start leaves the ledger as it is', async () => {
    await installedIn(SAMPLE_TARGET.orgTenantId);
    await seed('records', [
      legacyRecord(
        CONTOSO,
        'd1',
        'exchange-online',
        'no-intent-at-assignment',
        'confirmed',
        '2026-11-01T00:00:00.000Z',
      ),
    ]);
    await run();
    const first = await partitionOf(db, CONTOSO);
    assert.equal(first.declarations[0]?.state, 'confirmed', 'the decision stands, maker unknown');
    assert.deepEqual(await run(), NOTHING_IMPORTED, 'the second start reads nothing');
    assert.deepEqual(await partitionOf(db, CONTOSO), first);
  });
});
