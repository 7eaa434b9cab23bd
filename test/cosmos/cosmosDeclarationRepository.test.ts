import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  recordId,
  type DeclarationRecord,
  type StoredRecord,
} from '../../src/application/declarationRecord';
import { ConcurrencyConflict } from '../../src/application/declarationRepository';
import { freshDatabase, type TestDatabase } from '../support/localCosmos';

const TENANT_A = '11111111-1111-4111-8111-111111111111';
const TENANT_B = '22222222-2222-4222-8222-222222222222';
const FM = { aadObjectId: '00000000-0000-0000-0000-00000000a001', name: 'Avery Fox' };

function record(
  declarationId: string,
  workloadId: string,
  tenantId = TENANT_A,
  at = '2026-11-24T10:00:00.000Z',
): DeclarationRecord {
  return {
    id: recordId(declarationId, workloadId),
    tenantId,
    declarationId,
    customerName: 'Contoso',
    workloadId,
    workloadName: workloadId,
    scenarioId: 'no-intent-at-assignment',
    scenarioNumber: 2,
    declaresNoIntent: true,
    l2ReasonId: 'executive-sponsorship',
    l3ReasonId: null,
    engagementScenarioId: 'customer-led',
    fields: {
      whoUpdatesFtop: 'Assignment FM',
      l1: 'No Intent',
      l2: 'Executive Sponsorship',
      l3: 'Not yet defined',
      serviceStatus: 'N/A',
      serviceEngagementScenario: 'Customer led',
      targetDate: 'N/A',
      owner: 'Account Team',
      notes: 'Customer does not intend to use it because of the merger.',
      nextActionDate: 'TBD',
      nextAction: 'Notify account team of No Intent',
    },
    fm: FM,
    fmRole: 'Assignment FM',
    status: 'awaiting-confirmation',
    noticeChannel: null,
    createdAt: at,
    updatedAt: at,
    history: [{ at, by: FM, action: 'created' }],
  };
}

function withoutEtag({ etag, ...rest }: StoredRecord): DeclarationRecord {
  void etag;
  return rest;
}

describe('Cosmos declaration repository (local Cosmos server over HTTPS)', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await freshDatabase();
  });

  it('creates the records of a declaration and reads them back unchanged, with an etag', async () => {
    const records = [record('d1', 'exchange-online'), record('d1', 'onedrive')];
    const stored = await db.repository.createRecords(records);
    assert.deepEqual(stored.map(withoutEtag), records);
    for (const r of stored) assert.ok(r.etag.length > 0);
    const read = await db.repository.recordsOfDeclarations(TENANT_A, ['d1']);
    assert.deepEqual(
      read.map(withoutEtag).sort((a, b) => a.id.localeCompare(b.id)),
      records,
    );
  });

  it('saving the same declaration again creates nothing new and returns what is stored', async () => {
    const first = await db.repository.createRecords([record('d1', 'exchange-online')]);
    const changed = { ...record('d1', 'exchange-online'), customerName: 'Changed' };
    const again = await db.repository.createRecords([changed, record('d1', 'onedrive')]);
    assert.equal(again[0]?.customerName, 'Contoso', 'the stored record wins');
    assert.equal(again[0]?.etag, first[0]?.etag);
    assert.equal((await db.repository.recordsOfCustomer(TENANT_A)).length, 2);
  });

  it('replaces a record only with the current etag', async () => {
    const [stored] = await db.repository.createRecords([record('d1', 'exchange-online')]);
    const [confirmed] = await db.repository.replaceRecords([{ ...stored!, status: 'confirmed' }]);
    assert.equal(confirmed?.status, 'confirmed');
    assert.notEqual(confirmed?.etag, stored!.etag);
    await assert.rejects(
      db.repository.replaceRecords([{ ...stored!, status: 'rejected' }]),
      (error: unknown) => error instanceof ConcurrencyConflict && error.recordId === stored!.id,
    );
    const [now] = await db.repository.recordsOfDeclarations(TENANT_A, ['d1']);
    assert.equal(now?.status, 'confirmed', 'the stale update changed nothing');
  });

  it("lists a customer's records newest first, and only that customer's", async () => {
    await db.repository.createRecords([
      record('old', 'intune', TENANT_A, '2026-01-01T00:00:00.000Z'),
    ]);
    await db.repository.createRecords([
      record('new', 'intune', TENANT_A, '2026-06-01T00:00:00.000Z'),
    ]);
    await db.repository.createRecords([record('other', 'intune', TENANT_B)]);
    const ids = (await db.repository.recordsOfCustomer(TENANT_A)).map((r) => r.declarationId);
    assert.deepEqual(ids, ['new', 'old']);
  });

  it("keeps the FM's index newest first and limited", async () => {
    for (let i = 1; i <= 4; i += 1) {
      await db.repository.addFmEntry({
        fmAadObjectId: FM.aadObjectId,
        declarationId: `d${i}`,
        tenantId: TENANT_A,
        customerName: 'Contoso',
        createdAt: `2026-11-0${i}T00:00:00.000Z`,
      });
    }
    await db.repository.addFmEntry({
      fmAadObjectId: 'someone-else',
      declarationId: 'x',
      tenantId: TENANT_A,
      customerName: 'Contoso',
      createdAt: '2026-12-01T00:00:00.000Z',
    });
    const entries = await db.repository.fmEntries(FM.aadObjectId, 3);
    assert.deepEqual(
      entries.map((e) => e.declarationId),
      ['d4', 'd3', 'd2'],
    );
  });

  it('puts the partition key in the WHERE clause of every query of every repository', () => {
    const folder = join(__dirname, '..', '..', 'src', 'edges', 'cosmos');
    const queries = readdirSync(folder)
      .filter((file) => file.endsWith('.ts'))
      .flatMap((file) => [
        ...readFileSync(join(folder, file), 'utf8').matchAll(/'(SELECT[^']*)'|`(SELECT[^`]*)`/g),
      ])
      .map((match) => match[1] ?? match[2]!);
    assert.ok(queries.length >= 6, `found ${queries.length} queries`);
    for (const query of queries) {
      assert.match(query, /WHERE c\.(tenantId|fmAadObjectId|bucket|orgTenantId) = @/, query);
    }
  });
});
