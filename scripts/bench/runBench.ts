/**
 * `npm run bench`: the bot against two floors on the same stack, at 1, 10 and 50 concurrent
 * FMs, with Cosmos DB requests per turn and per declaration, peak memory and cold start; then the
 * portal's calls on a database of 1,000 entitlements and of 100,000 (portalBench.ts).
 * Prints a markdown table and writes it, with the raw figures, to artifacts/bench/.
 *
 * Without COSMOS_ENDPOINT it starts the local Cosmos server; with COSMOS_ENDPOINT and COSMOS_KEY
 * it uses that account (creating four databases named no-intent-bench-*) and reports RU.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { startConnectorSink, type ConnectorSink } from '../../test/support/connectorSink';
import { productionNodeFlags, projectRoot, startChild, type BenchChild } from './benchChild';
import {
  renderReport,
  type BenchResults,
  type LevelResults,
  type TargetResults,
  type TurnUsage,
} from './benchReport';
import { measureColdStart } from './coldStart';
import { figuresOf, mergeRuns, runUsers, type LoadFigures, type LoadRun } from './loadFigures';
import { measurePortal } from './portalBench';
import { measureReminderBurst } from './reminderBench';
import { createCosmosClient } from '../../src/edges/cosmos/cosmosConnection';
import { CONTAINERS } from '../../src/edges/cosmos/cosmosContainers';
import {
  installInAccountTeam,
  MANAGER_AAD_OBJECT_ID,
  SimulatedChatter,
  SimulatedFm,
  TURNS_PER_DECLARATION,
  type BotEndpoint,
} from './simulatedUsers';

const ROOT = projectRoot();
const QUICK = process.argv.includes('--quick');
/** `--profile`: CPU profiles of the bot and the floors, to open in Chrome DevTools. */
const PROFILE = process.argv.includes('--profile');
/**
 * Concurrent FMs, and declarations each makes per round. The bot and the floors take turns,
 * round after round, so a passing disturbance of the machine hits all three alike.
 */
const LEVELS: readonly { users: number; perUser: number }[] = QUICK
  ? [
      { users: 1, perUser: 1 },
      { users: 2, perUser: 1 },
    ]
  : [
      { users: 1, perUser: 10 },
      { users: 10, perUser: 4 },
      { users: 50, perUser: 2 },
    ];
const ROUNDS = QUICK ? 1 : 3;
const COLD_STARTS = QUICK ? 1 : 5;

type Declare = (user: number, record: (latencyMs: number) => void) => Promise<void>;

interface CosmosTarget {
  readonly mode: 'local' | 'azure';
  readonly env: NodeJS.ProcessEnv;
  /** The local server's process, whose CPU time the benchmark reports. */
  readonly server?: BenchChild;
  stop(): Promise<void>;
}

async function openCosmosTarget(): Promise<CosmosTarget> {
  const endpoint = process.env.COSMOS_ENDPOINT?.trim();
  if (endpoint) {
    const key = process.env.COSMOS_KEY?.trim();
    if (!key) throw new Error('With COSMOS_ENDPOINT the benchmark needs COSMOS_KEY too.');
    return {
      mode: 'azure',
      env: { COSMOS_ENDPOINT: endpoint, COSMOS_KEY: key },
      stop: async () => {},
    };
  }
  const server = await startChild('cosmosServerProcess', [], baseEnv());
  const certificateFile = join(tmpdir(), `bench-cosmos-${process.pid}.pem`);
  writeFileSync(certificateFile, server.details.certificatePem ?? '');
  return {
    mode: 'local',
    env: {
      COSMOS_ENDPOINT: server.details.endpoint,
      COSMOS_KEY: server.details.key,
      // TLS checking stays on: the children trust the local server's own certificate.
      NODE_EXTRA_CA_CERTS: certificateFile,
    },
    server,
    stop: () => server.stop(),
  };
}

/** A clean environment, so a developer's own settings do not leak into the measured bots. */
function baseEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
  };
}

async function main(): Promise<void> {
  const startedAt = Date.now();
  const cosmos = await openCosmosTarget();
  const sink = await startConnectorSink();
  const children: BenchChild[] = [];
  try {
    const coldStarts: number[] = [];
    for (let i = 0; i < COLD_STARTS; i += 1) {
      const env = { ...baseEnv(), ...cosmos.env, COSMOS_DATABASE: 'no-intent-bench-cold' };
      coldStarts.push((await measureColdStart(ROOT, env)).firstTurnMs);
    }
    console.log(`Cold start: ${coldStarts.map((ms) => ms.toFixed(0)).join(', ')} ms`);

    const botEnv = {
      ...baseEnv(),
      ...cosmos.env,
      PORT: '0',
      COSMOS_DATABASE: 'no-intent-bench-bot',
      MANAGER_AAD_OBJECT_IDS: MANAGER_AAD_OBJECT_ID,
      // The sweep of undelivered notices is periodic background work, not part of a turn.
      SWEEP_SECONDS: '3600',
      // The reminder burst is sent whatever the day and hour of the run.
      WORKING_HOURS: '00-24',
      WORKING_DAYS: '1-7',
    };
    const profiles = PROFILE ? join(ROOT, 'artifacts', 'bench', 'profiles') : undefined;
    const botChild = await startChild('botProcess', [], botEnv, profiles);
    const floorA = await startChild('echoBotProcess', ['bare'], baseEnv(), profiles);
    const floorBEnv = { ...baseEnv(), ...cosmos.env, COSMOS_DATABASE: 'no-intent-bench-floor' };
    const floorB = await startChild('echoBotProcess', ['state'], floorBEnv, profiles);
    children.push(botChild, floorA, floorB);
    const endpoint = (child: BenchChild): BotEndpoint => ({ url: child.details.url ?? '', sink });
    const bot = endpoint(botChild);
    await installInAccountTeam(bot);

    // Warm up: module code compiled, containers and partition ranges cached, as in a live bot.
    const fms = Array.from({ length: 50 }, (_, i) => new SimulatedFm(bot, i));
    const chattersA = Array.from(
      { length: 50 },
      (_, i) => new SimulatedChatter(endpoint(floorA), i),
    );
    const chattersB = Array.from(
      { length: 50 },
      (_, i) => new SimulatedChatter(endpoint(floorB), i),
    );
    for (let i = 0; i < 3; i += 1) {
      await fms[0]!.declare();
      await chattersA[0]!.chat();
      await chattersB[0]!.chat();
    }

    const perTurn = await traceOneDeclaration(fms[1]!, botChild, sink);
    console.log(
      'Cosmos requests per turn:',
      perTurn.map((t) => `${t.turn} ${t.requests}+${t.requestsAfter}`).join(', '),
    );

    const levels: LevelResults[] = [];
    for (const { users, perUser } of LEVELS) {
      const tallies = [new Tally(floorA), new Tally(floorB), new Tally(botChild)] as const;
      const declares: Declare[] = [
        (u, record) => chattersA[u]!.chat(record),
        (u, record) => chattersB[u]!.chat(record),
        (u, record) => fms[u]!.declare(record),
      ];
      for (let round = 0; round < ROUNDS; round += 1) {
        for (const [i, tally] of tallies.entries()) {
          await tally.measure(cosmos.server, users, perUser, declares[i]!);
        }
      }
      const [a, b, bot] = tallies.map((tally) => tally.results());
      levels.push({ users, bot: bot!, floorA: a!, floorB: b! });
      console.log(describeLevel(users, bot!, a!, b!));
    }

    const botDatabase = createCosmosClient({
      endpoint: cosmos.env.COSMOS_ENDPOINT ?? '',
      key: cosmos.env.COSMOS_KEY ?? '',
      databaseId: 'no-intent-bench-bot',
      ...(cosmos.server ? { certificatePem: cosmos.server.details.certificatePem ?? '' } : {}),
      requestTimeoutMs: 30_000,
    }).database('no-intent-bench-bot');
    const reminders = await measureReminderBurst({
      bot: botChild,
      people: botDatabase.container(CONTAINERS.people.id),
      ledger: botDatabase.container(CONTAINERS.ledger.id),
      sink,
      chat: (user, record) => fms[user]!.declare(record),
      chatters: 10,
      reminders: QUICK ? 100 : 1_000,
      chatAloneMs: QUICK ? 1_000 : 5_000,
    });
    console.log(
      `Reminder burst: ${reminders.delivered}/${reminders.reminders} in ${reminders.seconds.toFixed(1)} s; chat p99 ${reminders.chatAlone.p99Ms.toFixed(0)} ms alone, ${reminders.chatDuringBurst.p99Ms.toFixed(0)} ms during it`,
    );

    const [botReport, floorAReport, floorBReport] = await Promise.all(
      children.map((child) => child.report()),
    );
    const portal = await measurePortal({ quick: QUICK, baseEnv: baseEnv(), log: console.log });
    const results: BenchResults = {
      measuredAt: new Date().toISOString(),
      quick: QUICK,
      cosmos: cosmos.mode,
      machine: machineDescription(),
      levels,
      cosmosPerTurn: perTurn,
      coldStartMs: median(coldStarts),
      coldStartsMs: coldStarts,
      peakRssBytes: {
        bot: botReport!.peakRssBytes,
        floorA: floorAReport!.peakRssBytes,
        floorB: floorBReport!.peakRssBytes,
      },
      portal,
      reminders,
      durationSeconds: (Date.now() - startedAt) / 1000,
    };
    const markdown = renderReport(results);
    // A quick run (the test suite's) never replaces the figures of a full one.
    const outDir = join(ROOT, 'artifacts', 'bench', ...(QUICK ? ['quick'] : []));
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(join(outDir, 'results.md'), markdown);
    console.log(`\n${markdown}`);
    console.log(`Written to ${join(outDir, 'results')}.{json,md}.`);
  } finally {
    await Promise.all(children.map((child) => child.stop()));
    await sink.close();
    await cosmos.stop();
  }
}

/** One bot's runs at one level, with the CPU and Cosmos DB use they caused. */
class Tally {
  private readonly runs: LoadRun[] = [];
  private cpuMs = 0;
  private cosmosServerCpuMs = 0;
  private requests = 0;
  private requestCharge = 0;
  private peakRssBytes = 0;

  constructor(private readonly child: BenchChild) {}

  async measure(
    cosmosServer: BenchChild | undefined,
    users: number,
    perUser: number,
    declare: Declare,
  ): Promise<void> {
    // Settled: the side effects a round started count towards it.
    const before = await Promise.all([this.child.report({ settle: true }), cosmosServer?.report()]);
    this.runs.push(await runUsers(users, perUser, TURNS_PER_DECLARATION, declare));
    const after = await Promise.all([this.child.report({ settle: true }), cosmosServer?.report()]);
    this.cpuMs += after[0].cpuMs - before[0].cpuMs;
    this.cosmosServerCpuMs += (after[1]?.cpuMs ?? 0) - (before[1]?.cpuMs ?? 0);
    this.requests += (after[0].cosmos?.requests ?? 0) - (before[0].cosmos?.requests ?? 0);
    this.requestCharge +=
      (after[0].cosmos?.requestCharge ?? 0) - (before[0].cosmos?.requestCharge ?? 0);
    this.peakRssBytes = after[0].peakRssBytes;
  }

  results(): TargetResults {
    const run = mergeRuns(this.runs);
    return {
      ...figuresOf(run),
      cpuMsPerTurn: this.cpuMs / run.turns,
      cosmosServerCpuMsPerTurn: this.cosmosServerCpuMs / run.turns,
      peakRssBytes: this.peakRssBytes,
      cosmosRequestsPerDeclaration: this.requests / run.declarations,
      requestChargePerDeclaration: this.requestCharge / run.declarations,
    };
  }
}

/**
 * One declaration alone, reading the bot's Cosmos counters once the side effects each turn
 * started are done: the meter tells the requests made while the turn was being answered from
 * those made after.
 */
async function traceOneDeclaration(
  fm: SimulatedFm,
  botChild: BenchChild,
  sink: ConnectorSink,
): Promise<TurnUsage[]> {
  const perTurn: TurnUsage[] = [];
  let last = (await botChild.report({ settle: true })).cosmos!;
  let connectorCalls = sink.sent.length;
  await fm.declare(undefined, async (turn) => {
    const settled = (await botChild.report({ settle: true })).cosmos!;
    const inTurn = settled.requestsInTurns - last.requestsInTurns;
    perTurn.push({
      turn,
      requests: inTurn,
      requestsAfter: settled.requests - last.requests - inTurn,
      requestCharge: settled.requestCharge - last.requestCharge,
      connectorCalls: sink.sent.length - connectorCalls,
    });
    last = settled;
    connectorCalls = sink.sent.length;
  });
  return perTurn;
}

function describeLevel(users: number, bot: LoadFigures, a: LoadFigures, b: LoadFigures): string {
  const line = (name: string, f: LoadFigures) =>
    `${name} ${f.turnsPerSecond.toFixed(0)} turns/s, p50 ${f.p50Ms.toFixed(1)} p99 ${f.p99Ms.toFixed(1)} ms`;
  return `N=${users}: ${line('bot', bot)}; ${line('floor A', a)}; ${line('floor B', b)}`;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

function machineDescription(): string {
  const cores = cpus();
  const model = cores[0]?.model.trim() ?? 'CPU';
  const flags = productionNodeFlags().join(' ');
  return `${cores.length} × ${model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}${flags ? ` (${flags}, as npm start)` : ''}`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
