/**
 * The portal section of `npm run bench`: what the tab's calls cost four people of one
 * organisation (an FM, a team manager, a global manager, an account-team member) on a database
 * of 1,000 entitlements, and again once it holds 100,000: Cosmos DB requests (and, against Azure,
 * request units) per call, counted by the bot's own meter, and milliseconds as the tab waits.
 *
 * The seed (scripts/seedPortal.ts) spreads the entitlements over 20 organisations; the FM, the
 * team manager and the account-team member see the same rows at both sizes, the global manager
 * the whole organisation, which grows with the database.
 */
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCosmosClient, type CosmosConnection } from '../../src/edges/cosmos/cosmosConnection';
import { ORG_KEY } from '../../src/application/portal/portalScopes';
import { CONTAINERS, ensureContainers } from '../../src/edges/cosmos/cosmosContainers';
import { CosmosPortalRepository } from '../../src/edges/cosmos/cosmosPortalRepository';
import { seedPortal, seededPeople } from '../seedPortal';
import { startChild, type BenchChild } from './benchChild';
import { percentile } from './loadFigures';

export interface PortalCallFigures {
  readonly person: string;
  readonly call: string;
  /** Rows the call answered with (a page, or the export's lines); null for charts and details. */
  readonly rows: number | null;
  /** Cosmos DB requests: the median over the repetitions, and the most any one made. */
  readonly requests: number;
  readonly requestsMax: number;
  /** The first time the person made the call after the bot started. */
  readonly requestsFirst: number;
  /** Request units (Azure Cosmos DB), median; the local server charges a flat 1 per request. */
  readonly requestCharge: number;
  /** Membership lookups sent to Teams the first time, and how long the first time took. */
  readonly teamsLookupsFirst: number;
  readonly firstMs: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly repetitions: number;
}

export interface PortalSizeResults {
  readonly entitlements: number;
  /** Rows in the organisation whose people are measured. */
  readonly organisationRows: number;
  readonly seedSeconds: number;
  readonly calls: readonly PortalCallFigures[];
}

export interface PortalResults {
  readonly cosmos: 'local' | 'azure';
  readonly pageSize: number;
  readonly sizes: readonly PortalSizeResults[];
}

export interface PortalBenchOptions {
  readonly quick: boolean;
  /** The environment every measured process starts from (PATH, HOME, NODE_ENV). */
  readonly baseEnv: NodeJS.ProcessEnv;
  readonly log?: (line: string) => void;
}

const DATABASE = 'no-intent-bench-portal';
const PEOPLE = seededPeople(0);
/** The tab's own page size; the quick run's smaller databases need smaller pages to have two. */
const PAGE_SIZE = 25;
const QUICK_PAGE_SIZE = 5;
const REPETITIONS = 20;
const QUICK_REPETITIONS = 3;
/** An export reads every matching row, page after page: fewer repetitions keep the run short. */
const EXPORT_REPETITIONS = 5;

interface Target {
  readonly mode: 'local' | 'azure';
  readonly connection: CosmosConnection;
  /** What the bot needs to reach the same database. */
  readonly env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

export async function measurePortal(options: PortalBenchOptions): Promise<PortalResults> {
  const log = options.log ?? (() => undefined);
  const sizes = options.quick ? [200, 1_000] : [1_000, 100_000];
  const pageSize = options.quick ? QUICK_PAGE_SIZE : PAGE_SIZE;
  const repetitions = options.quick ? QUICK_REPETITIONS : REPETITIONS;
  const target = await openTarget();
  const client = createCosmosClient({ ...target.connection, requestTimeoutMs: 30_000 });
  const teams = await startTeamsRoster();
  const now = new Date();
  const results: PortalSizeResults[] = [];
  try {
    // Each run seeds from nothing (the local server starts empty anyway).
    if (target.mode === 'azure') {
      await client
        .database(DATABASE)
        .delete()
        .catch((error: unknown) => {
          if ((error as { code?: number }).code !== 404) throw error;
        });
    }
    const database = await ensureContainers(client, DATABASE);
    const portal = new CosmosPortalRepository(database.container(CONTAINERS.portal.id));
    for (const entitlements of sizes) {
      const seeded = await seedPortal(database, { entitlements, serviceUrl: teams.url, now });
      log(
        `Portal: seeded ${seeded.added.toLocaleString('en')} entitlements in ${seeded.seconds.toFixed(1)} s (${seeded.total.toLocaleString('en')} in all).`,
      );
      const bot = await startChild('botProcess', [], {
        ...options.baseEnv,
        ...target.env,
        PORT: '0',
        COSMOS_DATABASE: DATABASE,
        MANAGER_AAD_OBJECT_IDS: PEOPLE.globalManager.aadObjectId,
        TEAM_MANAGERS: JSON.stringify({ [PEOPLE.teamId]: [PEOPLE.teamManager.aadObjectId] }),
        SWEEP_SECONDS: '3600',
        LOG_LEVEL: 'warn',
      });
      try {
        const [organisation] = await portal.summaries(PEOPLE.orgTenantId, [ORG_KEY]);
        results.push({
          entitlements: seeded.total,
          organisationRows: organisation?.rows ?? 0,
          seedSeconds: seeded.seconds,
          calls: await measureCalls(bot, teams, pageSize, repetitions),
        });
        log(`Portal: measured at ${seeded.total.toLocaleString('en')} entitlements.`);
      } finally {
        await bot.stop();
      }
    }
  } finally {
    client.dispose();
    await teams.close();
    await target.stop();
  }
  return { cosmos: target.mode, pageSize, sizes: results };
}

/** Each person's view: what they open the tab on. */
const PERSONS = [
  { person: 'FM', who: PEOPLE.fm, view: 'mine' },
  { person: 'team manager', who: PEOPLE.teamManager, view: 'awaiting' },
  { person: 'global manager', who: PEOPLE.globalManager, view: 'org' },
  { person: 'account-team member', who: PEOPLE.teamMember, view: `team:${PEOPLE.teamId}` },
] as const;

interface Sample {
  readonly ms: number;
  readonly requests: number;
  readonly requestCharge: number;
  readonly teamsLookups: number;
  readonly rows: number | null;
}

async function measureCalls(
  bot: BenchChild,
  teams: TeamsRoster,
  pageSize: number,
  repetitions: number,
): Promise<PortalCallFigures[]> {
  const url = bot.details.url ?? '';
  // The routes' code compiled, by someone of another organisation: org 0's caches stay cold.
  const stranger = seededPeople(1);
  await new TabSession(url, stranger.fm.aadObjectId, stranger.orgTenantId, 'mine', pageSize).open();
  const figures: PortalCallFigures[] = [];
  for (const { person, who, view } of PERSONS) {
    const tab = new TabSession(url, who.aadObjectId, PEOPLE.orgTenantId, view, pageSize);
    const samples = new Map<string, Sample[]>([
      ['open the tab', [await measured(bot, teams, () => tab.open())]],
    ]);
    const calls = tab.calls();
    // The first round is the person's first visit; the second warms up; then the measured ones.
    for (let round = 0; round < repetitions + 2; round += 1) {
      for (const call of calls) {
        if (round === 0 && call.name === 'open the tab') continue;
        if (call.name.startsWith('export') && round >= EXPORT_REPETITIONS + 2) continue;
        const sample = await measured(bot, teams, call.run);
        if (round !== 1) samples.set(call.name, [...(samples.get(call.name) ?? []), sample]);
      }
    }
    for (const call of calls) {
      const [first, ...rest] = samples.get(call.name)!;
      const median = (pick: (s: Sample) => number) =>
        percentile(
          rest.map(pick).sort((a, b) => a - b),
          50,
        );
      figures.push({
        person,
        call: call.name,
        rows: first!.rows,
        requests: median((s) => s.requests),
        requestsMax: Math.max(...rest.map((s) => s.requests)),
        requestsFirst: first!.requests,
        requestCharge: median((s) => s.requestCharge),
        teamsLookupsFirst: first!.teamsLookups,
        firstMs: first!.ms,
        p50Ms: median((s) => s.ms),
        p95Ms: percentile(
          rest.map((s) => s.ms).sort((a, b) => a - b),
          95,
        ),
        repetitions: rest.length,
      });
    }
  }
  return figures;
}

async function measured(
  bot: BenchChild,
  teams: TeamsRoster,
  run: () => Promise<number | null>,
): Promise<Sample> {
  const before = (await bot.report()).cosmos!;
  const lookups = teams.lookups();
  const started = performance.now();
  const rows = await run();
  const ms = performance.now() - started;
  const after = (await bot.report()).cosmos!;
  return {
    ms,
    requests: after.requests - before.requests,
    requestCharge: after.requestCharge - before.requestCharge,
    teamsLookups: teams.lookups() - lookups,
    rows,
  };
}

interface TabCall {
  readonly name: string;
  /** Makes the call; answers how many rows came back, if it answers rows. */
  run(): Promise<number | null>;
}

interface Page {
  readonly rows: readonly { tenantId: string; workloadId: string; customerName: string }[];
  readonly next: string | null;
}

/**
 * One person's tab on one view, as the tab calls the bot: opening it (who they are and the first
 * page), then a filter, a search, the next page, the charts, one entitlement's details and an
 * export of the filtered view. The search word, the next page and the entitlement come from the
 * first page.
 */
class TabSession {
  private first: Page | undefined;

  constructor(
    private readonly url: string,
    private readonly aadObjectId: string,
    private readonly orgTenantId: string,
    private readonly view: string,
    private readonly pageSize: number,
  ) {}

  async open(): Promise<number> {
    await this.get('me');
    this.first = await this.page({});
    return this.first.rows.length;
  }

  calls(): TabCall[] {
    const { view } = this;
    const row = this.first?.rows[0];
    if (!row)
      throw new Error(`The ${view} view of ${this.aadObjectId} is empty: the seed is wrong.`);
    const word = row.customerName.split(' ')[0]!.toLowerCase();
    const filter = { ftop: 'not-entered' };
    const rowsOf = async (query: Record<string, string>) => (await this.page(query)).rows.length;
    const calls: TabCall[] = [
      { name: 'open the tab', run: () => this.open() },
      { name: 'filter', run: () => rowsOf(filter) },
      { name: 'search', run: () => rowsOf({ search: word }) },
    ];
    const next = this.first?.next;
    if (next) calls.push({ name: 'next page', run: () => rowsOf({ page: next }) });
    calls.push(
      {
        name: 'charts',
        run: async () => {
          await this.get('charts', { view });
          return null;
        },
      },
      {
        name: 'detail',
        run: async () => {
          await this.get('entitlement', {
            view,
            tenantId: row.tenantId,
            workloadId: row.workloadId,
          });
          return null;
        },
      },
      {
        name: 'export (CSV, filtered)',
        // Lines after the header; no seeded field holds a line break.
        run: async () =>
          (await this.get('export.csv', { view, ...filter })).trim().split('\n').length - 1,
      },
    );
    return calls;
  }

  private async page(query: Record<string, string>): Promise<Page> {
    const body = await this.get('entitlements', {
      view: this.view,
      pageSize: `${this.pageSize}`,
      ...query,
    });
    return JSON.parse(body) as Page;
  }

  private async get(path: string, query: Record<string, string> = {}): Promise<string> {
    const address = new URL(`/api/portal/${path}`, this.url);
    for (const [name, value] of Object.entries(query)) address.searchParams.set(name, value);
    const response = await fetch(address, {
      headers: { 'x-dev-person': this.aadObjectId, 'x-dev-tenant': this.orgTenantId },
    });
    const body = await response.text();
    if (!response.ok) {
      throw new Error(`GET ${path} answered ${response.status}: ${body.slice(0, 300)}`);
    }
    return body;
  }
}

/**
 * Stands in for Teams where the bot asks who is in a team (the seeded teams' service URL): the
 * account-team member belongs to team 0, nobody else to any team. Counts the lookups.
 */
interface TeamsRoster {
  readonly url: string;
  lookups(): number;
  close(): Promise<void>;
}

async function startTeamsRoster(): Promise<TeamsRoster> {
  let lookups = 0;
  const server = createServer((req, res) => {
    const member = /^\/v3\/conversations\/([^/]+)\/members\/([^/?]+)$/.exec(req.url ?? '');
    if (member) lookups += 1;
    const known =
      member &&
      decodeURIComponent(member[1]!) === PEOPLE.teamId &&
      decodeURIComponent(member[2]!) === PEOPLE.teamMember.aadObjectId;
    res.writeHead(known ? 200 : 404, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify(
        known
          ? {
              id: `29:${PEOPLE.teamMember.aadObjectId}`,
              aadObjectId: PEOPLE.teamMember.aadObjectId,
            }
          : { error: { code: 'NotFound', message: 'not a member' } },
      ),
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    lookups: () => lookups,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Azure Cosmos DB when COSMOS_ENDPOINT and COSMOS_KEY are set, else a local server of its own. */
async function openTarget(): Promise<Target> {
  const endpoint = process.env.COSMOS_ENDPOINT?.trim();
  const key = process.env.COSMOS_KEY?.trim();
  if (endpoint && key) {
    return {
      mode: 'azure',
      connection: { endpoint, key, databaseId: DATABASE },
      env: { COSMOS_ENDPOINT: endpoint, COSMOS_KEY: key },
      stop: async () => undefined,
    };
  }
  // 100,000 entitlements take about 1.5 GB in the local server: more than the bot's heap limit.
  const server = await startChild(
    'cosmosServerProcess',
    ['partition-scoped'],
    {
      PATH: process.env.PATH,
    },
    undefined,
    4096,
  );
  const certificateFile = join(tmpdir(), `bench-portal-cosmos-${process.pid}.pem`);
  writeFileSync(certificateFile, server.details.certificatePem ?? '');
  return {
    mode: 'local',
    connection: {
      endpoint: server.details.endpoint!,
      key: server.details.key!,
      databaseId: DATABASE,
      certificatePem: server.details.certificatePem!,
    },
    env: {
      COSMOS_ENDPOINT: server.details.endpoint,
      COSMOS_KEY: server.details.key,
      NODE_EXTRA_CA_CERTS: certificateFile,
    },
    stop: server.stop,
  };
}
