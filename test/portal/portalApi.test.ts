/**
 * The portal's API against the local Cosmos server: who may call which route and what each
 * person sees, filters and paging, the exports' content, decisions, and sign-in.
 */
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { EXPORT_COLUMNS } from '../../src/edges/http/portalExport';
import { createTabTokenCheck, TAB_SCOPE, type TabTokenCheck } from '../../src/edges/http/tabToken';
import type { ManagerPolicy } from '../../src/application/managerPolicy';
import type {
  PortalDetail,
  PortalMe,
  PortalPage,
} from '../../src/application/portal/portalContract';
import { useBotFixture } from '../support/botFixture';
import {
  newSigningKey,
  rs256Token,
  startKeyServer,
  unsignedToken,
  type KeyServer,
  type TestSigningKey,
} from '../support/botFrameworkKeys';
import {
  ACCOUNT_TEAM,
  AVERY,
  CUSTOMER_TENANT,
  MORGAN,
  NOTICES_CHANNEL,
  ORG_TENANT,
} from '../support/fmConversation';
import { latestDeclaration } from '../support/ledgerReads';
import { startPortalServer, type PortalServer } from '../support/portalServer';

const TAYLOR = { aadObjectId: '00000000-0000-0000-0000-00000000d004', name: 'Taylor Brooks' };
const RILEY = { aadObjectId: '00000000-0000-0000-0000-00000000e005', name: 'Riley Chen' };
const OTHER_ORG = '9a9a9a9a-0000-4000-8000-000000000001';
const SAM = { aadObjectId: '00000000-0000-0000-0000-00000000f006', name: 'Sam Ortiz' };
const FABRIKAM = '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d';

const POLICY: ManagerPolicy = {
  everywhere: [MORGAN.aadObjectId, SAM.aadObjectId],
  perTeam: { [ACCOUNT_TEAM.teamId]: [TAYLOR.aadObjectId] },
};
const DEV_PEOPLE = [
  { aadObjectId: AVERY.aadObjectId, name: AVERY.name, orgTenantId: ORG_TENANT },
  { aadObjectId: MORGAN.aadObjectId, name: MORGAN.name, orgTenantId: ORG_TENANT },
  { ...TAYLOR, orgTenantId: ORG_TENANT },
  { ...RILEY, orgTenantId: ORG_TENANT },
  // A global manager, but of another organisation.
  { ...SAM, orgTenantId: OTHER_ORG },
];

describe('the portal API', function () {
  this.timeout(60_000);
  const fixture = useBotFixture({ managers: POLICY });
  let server: PortalServer;

  beforeEach(async () => {
    fixture.connector.team.members = [RILEY.aadObjectId];
    server = await startPortalServer(fixture, { policy: POLICY, devPeople: DEV_PEOPLE });
  });
  afterEach(() => server.close());

  async function declare(customerName: string, tenantId: string, workloads: string) {
    await fixture.fm.declareUntilSummary(
      'no-intent-at-assignment',
      {
        l2ReasonId: 'using-competitive-solution',
        detailedReason:
          '=HYPERLINK("http://evil.example") Customer runs every mailbox and file on Google Workspace under a three-year contract.',
        engagementScenarioId: 'customer-led',
      },
      workloads,
      customerName,
      tenantId,
    );
    await fixture.fm.tap('keepReason').catch(() => undefined);
    await fixture.fm.tap('confirm', { noticeChannel: NOTICES_CHANNEL });
    await fixture.target.effects.idle();
  }

  const as = (person: { aadObjectId: string }) => ({ 'x-dev-person': person.aadObjectId });

  async function get(path: string, headers: Record<string, string> = {}) {
    const response = await fetch(`${server.url}/api/portal/${path}`, { headers });
    return { status: response.status, response };
  }

  async function json<T>(path: string, person: { aadObjectId: string }): Promise<T> {
    const { status, response } = await get(path, as(person));
    assert.equal(status, 200, `${path}: ${await response.clone().text()}`);
    return (await response.json()) as T;
  }

  function decide(
    person: { aadObjectId: string } | undefined,
    body: unknown,
    contentType = 'application/json',
  ) {
    return fetch(`${server.url}/api/portal/decision`, {
      method: 'POST',
      headers: { 'content-type': contentType, ...(person ? as(person) : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  it('every route needs a sign-in, and each role opens only its own views', async () => {
    await declare('Contoso Ltd', CUSTOMER_TENANT, 'exchange-online,onedrive');
    const declaration = await latestDeclaration(fixture.db);
    const detail = `view=mine&tenantId=${CUSTOMER_TENANT}&workloadId=exchange-online`;
    const routes = [
      'me',
      'entitlements?view=mine',
      `entitlement?${detail}`,
      'charts?view=mine',
      'export.csv?view=mine',
      'export.xlsx?view=mine',
    ];
    for (const route of routes) {
      assert.equal((await get(route)).status, 401, `${route} without a sign-in`);
      const forged = { 'x-dev-person': '11111111-2222-4333-8444-555555555555' };
      assert.equal((await get(route, forged)).status, 401, `${route} as nobody known`);
    }
    assert.equal((await decide(undefined, {})).status, 401, 'a decision without a sign-in');

    const viewsOf = async (person: { aadObjectId: string }) =>
      (await json<PortalMe>('me', person)).views.map((v) => v.id);
    const team = `team:${ACCOUNT_TEAM.teamId}`;
    assert.deepEqual(await viewsOf(AVERY), ['mine']);
    assert.deepEqual(await viewsOf(MORGAN), ['mine', 'awaiting', 'org', team]);
    assert.deepEqual(await viewsOf(TAYLOR), ['mine', 'awaiting', team]);
    assert.deepEqual(await viewsOf(RILEY), ['mine', team]);
    assert.deepEqual(await viewsOf(SAM), ['mine', 'awaiting', 'org']);

    // What each view holds, and that no one opens a view not theirs.
    const rowsIn = async (person: { aadObjectId: string }, view: string) => {
      const { status, response } = await get(
        `entitlements?view=${encodeURIComponent(view)}`,
        as(person),
      );
      return status === 200 ? ((await response.json()) as PortalPage).rows.length : status;
    };
    const channelView = `channel:${ACCOUNT_TEAM.teamId}:${ACCOUNT_TEAM.noticesChannelId}`;
    const expected: [typeof AVERY | typeof TAYLOR, string, number][] = [
      [AVERY, 'mine', 2],
      [AVERY, 'org', 403],
      [AVERY, team, 403],
      [AVERY, 'awaiting', 403],
      [MORGAN, 'mine', 0],
      [MORGAN, 'org', 2],
      [MORGAN, 'awaiting', 2],
      [MORGAN, channelView, 2],
      [TAYLOR, 'awaiting', 2],
      [TAYLOR, team, 2],
      [TAYLOR, 'org', 403],
      [RILEY, team, 2],
      [RILEY, channelView, 2],
      [RILEY, 'awaiting', 403],
      [SAM, 'org', 0],
      [SAM, 'awaiting', 0],
      [SAM, team, 403],
    ];
    for (const [person, view, count] of expected) {
      assert.equal(await rowsIn(person, view), count, `${person.name} in ${view}`);
    }

    // One row's detail: seen through a view that holds it, and not found through one that doesn't.
    const teamDetail = `view=${encodeURIComponent(team)}&tenantId=${CUSTOMER_TENANT}&workloadId=exchange-online`;
    assert.equal((await get(`entitlement?${teamDetail}`, as(RILEY))).status, 200);
    assert.equal((await get(`entitlement?${detail}`, as(RILEY))).status, 404);
    const orgDetail = `view=org&tenantId=${CUSTOMER_TENANT}&workloadId=exchange-online`;
    assert.equal((await get(`entitlement?${orgDetail}`, as(SAM))).status, 404, 'another org');

    // Charts and exports follow the same views.
    assert.equal((await get('charts?view=org', as(AVERY))).status, 403);
    assert.equal((await get('export.csv?view=org', as(AVERY))).status, 403);
    assert.equal((await get('export.xlsx?view=awaiting', as(RILEY))).status, 403);
    const samCsv = await (await get('export.csv?view=org', as(SAM))).response.text();
    assert.equal(parse(samCsv, { bom: true }).length, 1, 'another organisation: the header only');

    // Decisions: only managers of the declaration's team, and never another organisation.
    const body = {
      tenantId: declaration.tenantId,
      declarationId: declaration.declarationId,
      outcome: 'confirmed',
    };
    assert.equal((await decide(AVERY, body)).status, 403, 'an FM');
    assert.equal((await decide(RILEY, body)).status, 403, 'an account-team member');
    assert.equal((await decide(SAM, body)).status, 404, "another organisation's manager");
    const row = await latestDeclaration(fixture.db);
    assert.equal(row.state, 'awaiting-decision', 'nothing was decided by those refused');
  });

  it('every role against every route: who may call what', async () => {
    await declare('Contoso Ltd', CUSTOMER_TENANT, 'exchange-online');
    const declaration = await latestDeclaration(fixture.db);
    const detail = `entitlement?view=mine&tenantId=${CUSTOMER_TENANT}&workloadId=exchange-online`;
    const gets = [
      'me',
      'entitlements?view=mine',
      detail,
      'charts?view=mine',
      'export.csv?view=mine',
      'export.xlsx?view=mine',
      'dev-people',
    ];
    const decision = {
      tenantId: declaration.tenantId,
      declarationId: declaration.declarationId,
      outcome: 'confirmed',
    };
    const nobody = { aadObjectId: '11111111-2222-4333-8444-555555555555', name: 'nobody' };
    // Per role: the status of each GET above, then of the decision. Taylor decides it; Morgan,
    // after, is answered (200) that it is no longer awaiting.
    const expected: [string, { aadObjectId: string } | undefined, number[], number][] = [
      ['no sign-in', undefined, [401, 401, 401, 401, 401, 401, 200], 401],
      ['an unknown person', nobody, [401, 401, 401, 401, 401, 401, 200], 401],
      ['the FM', AVERY, [200, 200, 200, 200, 200, 200, 200], 403],
      ['an account-team member', RILEY, [200, 200, 404, 200, 200, 200, 200], 403],
      ["another organisation's manager", SAM, [200, 200, 404, 200, 200, 200, 200], 404],
      ['the team manager', TAYLOR, [200, 200, 404, 200, 200, 200, 200], 200],
      ['a global manager', MORGAN, [200, 200, 404, 200, 200, 200, 200], 200],
    ];
    for (const [role, person, statuses, decided] of expected) {
      const headers = person ? as(person) : {};
      for (const [i, route] of gets.entries()) {
        assert.equal((await get(route, headers)).status, statuses[i], `${role}: GET ${route}`);
      }
      assert.equal((await decide(person, decision)).status, decided, `${role}: POST decision`);
    }
    assert.equal(
      (await latestDeclaration(fixture.db)).decision?.by.aadObjectId,
      TAYLOR.aadObjectId,
    );
  });

  it('filters, searches, sorts and pages within the view', async () => {
    await declare('Contoso Ltd', CUSTOMER_TENANT, 'exchange-online,onedrive');
    await declare('Fabrikam Inc', FABRIKAM, 'microsoft-teams');
    const page = (query: string) => json<PortalPage>(`entitlements?view=mine&${query}`, AVERY);

    assert.deepEqual(
      (await page('search=fabr')).rows.map((r) => r.customerName),
      ['Fabrikam Inc'],
      'part of a customer name',
    );
    assert.equal((await page(`search=${FABRIKAM.slice(0, 8)}`)).rows.length, 1, 'a tenant id');
    assert.equal((await page('search=onedr')).rows.length, 1, 'a workload');
    assert.equal((await page('search=%1B%5B31mfabr%07')).rows.length, 1, 'control characters');
    assert.equal((await page('l1=No%20Intent')).rows.length, 3);
    assert.equal((await page('l1=In%20Progress')).rows.length, 0);
    assert.equal((await page('lifecycle=awaiting-decision&scenario=2')).rows.length, 3);
    assert.equal((await page('scenario=1')).rows.length, 0);
    assert.equal((await page('ftop=entered')).rows.length, 0);
    assert.equal((await page(`fm=${AVERY.aadObjectId}`)).rows.length, 3);
    const today = new Date().toISOString().slice(0, 10);
    assert.equal((await page(`from=${today}&to=${today}`)).rows.length, 3);
    assert.equal((await page('to=2020-01-01')).rows.length, 0);

    const sorted = await page('sort=customerName&dir=desc');
    assert.deepEqual(
      sorted.rows.map((r) => r.customerName),
      ['Fabrikam Inc', 'Contoso Ltd', 'Contoso Ltd'],
    );
    // Page by page, every row once.
    const seen: string[] = [];
    let next: string | null = null;
    do {
      const query: string = `pageSize=1&sort=workloadName&dir=asc${next ? `&page=${encodeURIComponent(next)}` : ''}`;
      const one: PortalPage = await page(query);
      assert.ok(one.rows.length <= 1);
      seen.push(...one.rows.map((r) => r.workloadName));
      next = one.next;
    } while (next);
    assert.deepEqual(seen, ['Exchange Online', 'Microsoft Teams', 'OneDrive']);

    for (const bad of [
      'sort=password',
      'pageSize=1000',
      'scenario=9',
      'from=yesterday',
      'fm=me',
      'select=*',
      `search=${'x'.repeat(500)}`,
    ]) {
      const { status, response } = await get(`entitlements?view=mine&${bad}`, as(AVERY));
      assert.equal(status, 400, bad);
      assert.match(((await response.json()) as { error: string }).error, /\w/);
    }
  });

  it('the detail shows the history, newest first, with each changed FTOP field', async () => {
    await declare('Contoso Ltd', CUSTOMER_TENANT, 'exchange-online');
    const declaration = await latestDeclaration(fixture.db);
    const answer = await decide(MORGAN, {
      tenantId: declaration.tenantId,
      declarationId: declaration.declarationId,
      outcome: 'rejected',
      comment: 'Name the contract\u0007 and its end date.',
    });
    assert.equal(answer.status, 200);
    await fixture.target.effects.idle();
    const detail = await json<PortalDetail>(
      `entitlement?view=mine&tenantId=${CUSTOMER_TENANT}&workloadId=exchange-online`,
      AVERY,
    );
    assert.deepEqual(
      detail.history.map((h) => [h.kind, h.by.name]),
      [
        ['rejected', MORGAN.name],
        ['declared', AVERY.name],
      ],
    );
    assert.equal(detail.history[0]?.comment, 'Name the contract and its end date.');
    assert.ok(detail.history[1]?.changes.some((c) => /^L1 Value: .* → No Intent$/.test(c)));
    assert.equal(detail.row.lifecycle, 'rejected');
  });

  it('exports the view with the FTOP columns in the playbook order, formulas made harmless', async () => {
    await declare('Contoso Ltd', CUSTOMER_TENANT, 'exchange-online,onedrive');
    await declare('Fabrikam Inc', FABRIKAM, 'microsoft-teams');
    assert.deepEqual(EXPORT_COLUMNS, [
      'Customer',
      'Tenant id',
      'Workload',
      'Who Updates FTOP',
      'L1 Value',
      'L2 Value',
      'L3 Value',
      'Service Status',
      'Service Engagement Scenario',
      'Target Date',
      'Owner',
      'Notes',
      'Next Action Date',
      'Next Action to be taken',
    ]);
    const { rows: shown } = await json<PortalPage>('entitlements?view=mine&search=contoso', AVERY);
    assert.ok(
      shown.every((row) => row.fields?.notes.startsWith('=HYPERLINK')),
      'notes a formula',
    );

    const csvAnswer = await get('export.csv?view=mine&search=contoso', as(AVERY));
    assert.equal(csvAnswer.status, 200);
    assert.match(csvAnswer.response.headers.get('content-disposition') ?? '', /attachment.*\.csv/);
    const csv = parse(await csvAnswer.response.text(), { bom: true }) as string[][];
    assert.deepEqual(csv[0], EXPORT_COLUMNS);
    assert.equal(csv.length, 3, 'the two Contoso rows, not Fabrikam');
    const notes = EXPORT_COLUMNS.indexOf('Notes');
    for (const [i, line] of csv.slice(1).entries()) {
      const row = shown[i]!;
      assert.deepEqual(line.slice(0, 3), [row.customerName, row.tenantId, row.workloadName]);
      assert.equal(line[EXPORT_COLUMNS.indexOf('L2 Value')], row.fields?.l2);
      assert.equal(line[notes], `'${row.fields?.notes}`);
      assert.ok(
        line.every((cell) => !/^[=+\-@\t\r]/.test(cell)),
        'no cell a spreadsheet would run',
      );
    }

    const xlsxAnswer = await get('export.xlsx?view=mine', as(AVERY));
    assert.equal(xlsxAnswer.status, 200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsxAnswer.response.arrayBuffer()) as never);
    const sheet = workbook.worksheets[0]!;
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1).map(String);
    assert.deepEqual(values(1), EXPORT_COLUMNS);
    assert.equal(sheet.actualRowCount, 4, 'header and three rows');
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        assert.equal(cell.type, ExcelJS.ValueType.String, `${cell.address} is text`);
        assert.equal(cell.formula, undefined);
      }),
    );
  });

  it('a manager decides from the portal as from the card: once, and the channel card follows', async () => {
    await declare('Contoso Ltd', CUSTOMER_TENANT, 'exchange-online');
    const declaration = await latestDeclaration(fixture.db);
    const body = {
      tenantId: declaration.tenantId,
      declarationId: declaration.declarationId,
      outcome: 'confirmed',
    };
    fixture.connector.sent.splice(0);
    const first = await decide(TAYLOR, body);
    assert.equal(first.status, 200);
    const answer = (await first.json()) as { decided: boolean; message: string };
    assert.equal(answer.decided, true);
    assert.match(answer.message, /^You confirmed Contoso Ltd · Exchange Online\./);
    await fixture.target.effects.idle();
    const cardUpdates = fixture.connector.sent.filter(
      (s) =>
        s.method === 'PUT' && s.path.includes(encodeURIComponent(ACCOUNT_TEAM.noticesChannelId)),
    );
    assert.equal(cardUpdates.length, 1, 'the notice card in the channel was redrawn once');
    assert.match(JSON.stringify(cardUpdates[0]?.body), /Confirmed/);

    const again = (await (await decide(TAYLOR, body)).json()) as { decided: boolean };
    assert.equal(again.decided, true, 'the same request again is still this decision');
    const other = (await (await decide(MORGAN, { ...body, outcome: 'rejected' })).json()) as {
      decided: boolean;
      message: string;
    };
    assert.equal(other.decided, false);
    assert.match(other.message, /no longer awaiting a decision.*Nothing changed/);
    assert.equal((await latestDeclaration(fixture.db)).state, 'confirmed');
    const { rows } = await json<PortalPage>('entitlements?view=mine', AVERY);
    assert.equal(rows[0]?.lifecycle, 'confirmed', 'the row follows');
    assert.equal(rows[0]?.canDecide, false);
  });

  it('refuses malformed decisions and changes nothing', async () => {
    await declare('Contoso Ltd', CUSTOMER_TENANT, 'exchange-online');
    const declaration = await latestDeclaration(fixture.db);
    const ok = { tenantId: declaration.tenantId, declarationId: declaration.declarationId };
    const cases: [unknown, string, number][] = [
      ['{not json', 'application/json', 400],
      [{ ...ok, outcome: 'approved' }, 'application/json', 400],
      [{ ...ok, outcome: 'confirmed', extra: 1 }, 'application/json', 400],
      [{ ...ok, outcome: 42 }, 'application/json', 400],
      [{ ...ok, outcome: 'confirmed' }, 'text/plain', 415],
      [{ ...ok, outcome: 'confirmed', comment: 'x'.repeat(20_000) }, 'application/json', 413],
      [{ ...ok, declarationId: 'nope', outcome: 'confirmed' }, 'application/json', 404],
    ];
    for (const [body, type, status] of cases) {
      const answer = await decide(MORGAN, body, type);
      assert.equal(answer.status, status, JSON.stringify(body).slice(0, 80));
      assert.match(((await answer.json()) as { error: string }).error, /\w/);
    }
    assert.equal((await latestDeclaration(fixture.db)).state, 'awaiting-decision');
  });

  describe('with Teams single sign-on (an app id: no development sign-in)', () => {
    const TAB_APP = {
      appId: '5a0d1c2b-3e4f-4a5b-8c6d-7e8f9a0b1c2d',
      appIdUri: 'api://bot.example.com/5a0d1c2b-3e4f-4a5b-8c6d-7e8f9a0b1c2d',
      appPassword: '',
    };
    let key: TestSigningKey;
    let keys: KeyServer;
    let check: TabTokenCheck;
    let sso: PortalServer;

    before(async () => {
      key = newSigningKey();
      keys = await startKeyServer(key);
      check = await createTabTokenCheck(TAB_APP, {
        metadataUrl: keys.metadataUrl,
        fetchTimeoutMs: 2_000,
        maxAgeMs: 60_000,
        minFetchIntervalMs: 0,
      });
    });
    after(() => keys.close());
    beforeEach(async () => {
      sso = await startPortalServer(fixture, { policy: POLICY, devPeople: null, tabToken: check });
    });
    afterEach(() => sso.close());

    function claims(overrides: Record<string, unknown> = {}) {
      const now = Math.floor(Date.now() / 1000);
      return {
        iss: `https://login.microsoftonline.com/${ORG_TENANT}/v2.0`,
        aud: TAB_APP.appIdUri,
        tid: ORG_TENANT,
        oid: MORGAN.aadObjectId,
        name: MORGAN.name,
        scp: TAB_SCOPE,
        nbf: now - 60,
        iat: now - 60,
        exp: now + 3600,
        ...overrides,
      };
    }
    const me = (authorization: string, extra: Record<string, string> = {}) =>
      fetch(`${sso.url}/api/portal/me`, { headers: { authorization, ...extra } });

    it('accepts a token from the tenant for the tab app, as the person it names', async () => {
      const answer = await me(`Bearer ${rs256Token(key, claims())}`);
      assert.equal(answer.status, 200);
      const body = (await answer.json()) as PortalMe;
      assert.equal(body.person.aadObjectId, MORGAN.aadObjectId);
      assert.equal(body.orgTenantId, ORG_TENANT);
      assert.equal(body.devSignIn, false);
      const v1 = claims({ iss: `https://sts.windows.net/${ORG_TENANT}/`, aud: TAB_APP.appId });
      assert.equal((await me(`Bearer ${rs256Token(key, v1)}`)).status, 200, 'a v1.0 token');
    });

    it('refuses forged, expired, misdirected and development sign-ins', async () => {
      const now = Math.floor(Date.now() / 1000);
      const other = newSigningKey();
      const refused: [string, string][] = [
        ['no token', ''],
        ['not bearer', 'Basic YTpi'],
        ['garbage', 'Bearer not.a.token'],
        ['alg none', `Bearer ${unsignedToken(key, claims())}`],
        ['unknown key', `Bearer ${rs256Token(other, claims())}`],
        ['wrong key', `Bearer ${rs256Token(key, claims(), other.privateKey)}`],
        ['expired', `Bearer ${rs256Token(key, claims({ exp: now - 3600, nbf: now - 7200 }))}`],
        ['another app', `Bearer ${rs256Token(key, claims({ aud: 'api://other/app' }))}`],
        [
          "another tenant's issuer",
          `Bearer ${rs256Token(key, claims({ iss: `https://login.microsoftonline.com/${OTHER_ORG}/v2.0` }))}`,
        ],
        ['no scope', `Bearer ${rs256Token(key, claims({ scp: 'User.Read' }))}`],
        ['no tenant', `Bearer ${rs256Token(key, claims({ tid: 'contoso' }))}`],
      ];
      for (const [what, authorization] of refused) {
        const answer = await me(authorization);
        assert.equal(answer.status, 401, what);
        assert.equal(answer.headers.get('www-authenticate'), 'Bearer');
      }
      const dev = await fetch(`${sso.url}/api/portal/me`, { headers: as(MORGAN) });
      assert.equal(dev.status, 401, 'the development sign-in is refused with an app id');
      assert.equal((await fetch(`${sso.url}/api/portal/dev-people`)).status, 404);
    });
  });
});
