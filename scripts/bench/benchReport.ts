/** The benchmark's results, and the markdown table the README shows. */
import type { LoadFigures } from './loadFigures';
import type { PortalResults } from './portalBench';
import { renderPortalReport } from './portalReport';
import type { ReminderFigures } from './reminderBench';

export interface TurnUsage {
  readonly turn: string;
  /** While the person waits for the answer. */
  readonly requests: number;
  /** The side effects the turn started, carried out right after it answered. */
  readonly requestsAfter: number;
  readonly requestCharge: number;
  /** Calls to the Bot Connector (Teams) the turn and its side effects made. */
  readonly connectorCalls: number;
}

/** One bot's figures at one level of concurrency. */
export interface TargetResults extends LoadFigures {
  /** CPU time of the bot's own process per turn. */
  readonly cpuMsPerTurn: number;
  /** CPU time of the local Cosmos server per turn; null against Azure. */
  readonly cosmosServerCpuMsPerTurn: number | null;
  /** The process's peak RSS so far: at the end of this level, after the levels before it. */
  readonly peakRssBytes: number;
  readonly cosmosRequestsPerDeclaration: number;
  readonly requestChargePerDeclaration: number;
}

export interface LevelResults {
  readonly users: number;
  readonly bot: TargetResults;
  /** Bare echo bot on the same stack. */
  readonly floorA: TargetResults;
  /** Echo bot that reads and writes conversation state in the same Cosmos DB. */
  readonly floorB: TargetResults;
}

export interface BenchResults {
  readonly measuredAt: string;
  readonly quick: boolean;
  readonly cosmos: 'local' | 'azure';
  readonly machine: string;
  readonly levels: readonly LevelResults[];
  readonly cosmosPerTurn: readonly TurnUsage[];
  readonly coldStartMs: number;
  readonly coldStartsMs: readonly number[];
  readonly peakRssBytes: { readonly bot: number; readonly floorA: number; readonly floorB: number };
  /** The portal's calls on a small and a large database. */
  readonly portal?: PortalResults;
  /** A burst of due reminders sent by the bot while FMs declare. */
  readonly reminders?: ReminderFigures;
  readonly durationSeconds: number;
}

/** Turns that only move the dialog on: no customer's ledger, teams or saving. */
const ORDINARY_TURNS = ['declare', 'scenario', 'answers'];
const SAVING_TURN = 'confirm';
const TARGET_USERS = 10;

export function renderReport(results: BenchResults): string {
  const azure = results.cosmos === 'azure';
  const lines: string[] = [];
  const row = (...cells: (string | number)[]) => lines.push(`| ${cells.join(' | ')} |`);
  const header = (...cells: string[]) => {
    row(...cells);
    row(...cells.map(() => '---'));
  };
  const ms = (value: number) => value.toFixed(1);
  const ratio = (value: number) => `${value.toFixed(2)}×`;
  const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

  lines.push(
    `Measured ${results.measuredAt.slice(0, 16).replace('T', ' ')} UTC on ${results.machine}, ` +
      `Cosmos DB: ${azure ? 'Azure Cosmos DB' : 'local server (@vercel/cosmosdb-server)'}` +
      `${results.quick ? ', quick run' : ''}; the run took ${results.durationSeconds.toFixed(0)} s.`,
    '',
  );
  header(
    'FMs at once',
    'Bot',
    'Turns/s',
    'Declarations/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'CPU ms/turn: bot',
    ...(azure ? [] : ['Cosmos server']),
    'Peak RSS so far',
  );
  for (const level of results.levels) {
    const bots: [string, TargetResults][] = [
      ['No Intent bot', level.bot],
      ['floor A (echo)', level.floorA],
      ['floor B (echo + state)', level.floorB],
    ];
    for (const [name, f] of bots) {
      row(
        level.users,
        name,
        f.turnsPerSecond.toFixed(0),
        f.declarationsPerSecond.toFixed(1),
        ms(f.p50Ms),
        ms(f.p95Ms),
        ms(f.p99Ms),
        f.cpuMsPerTurn.toFixed(2),
        ...(azure ? [] : [(f.cosmosServerCpuMsPerTurn ?? 0).toFixed(2)]),
        mb(f.peakRssBytes),
      );
    }
  }
  lines.push('');
  header(
    'FMs at once',
    'Turns/s: bot ÷ A',
    'bot ÷ B',
    'p50: bot ÷ A',
    'bot ÷ B',
    'p99: bot ÷ A',
    'bot ÷ B',
  );
  for (const { users, bot, floorA, floorB } of results.levels) {
    row(
      users,
      ratio(bot.turnsPerSecond / floorA.turnsPerSecond),
      ratio(bot.turnsPerSecond / floorB.turnsPerSecond),
      ratio(bot.p50Ms / floorA.p50Ms),
      ratio(bot.p50Ms / floorB.p50Ms),
      ratio(bot.p99Ms / floorA.p99Ms),
      ratio(bot.p99Ms / floorB.p99Ms),
    );
  }
  lines.push('');
  header(
    'Turn of one declaration',
    'Cosmos DB requests in the turn',
    'right after it',
    ...(azure ? ['RU'] : []),
    'Teams connector calls',
  );
  for (const turn of results.cosmosPerTurn) {
    row(
      turn.turn,
      turn.requests,
      turn.requestsAfter,
      ...(azure ? [turn.requestCharge.toFixed(1)] : []),
      turn.connectorCalls,
    );
  }
  for (const { users, bot } of results.levels) {
    row(
      `per declaration, ${users} FMs at once (mean)`,
      bot.cosmosRequestsPerDeclaration.toFixed(1),
      '',
      ...(azure ? [bot.requestChargePerDeclaration.toFixed(1)] : []),
      '',
    );
  }
  lines.push('');
  header('Peak RSS: bot', 'floor A', 'floor B', 'Cold start (median)', 'Cold starts');
  row(
    mb(results.peakRssBytes.bot),
    mb(results.peakRssBytes.floorA),
    mb(results.peakRssBytes.floorB),
    `${results.coldStartMs.toFixed(0)} ms`,
    results.coldStartsMs.map((v) => v.toFixed(0)).join(', ') + ' ms',
  );
  lines.push('');
  header('Target', 'Measured', 'Met');
  for (const target of targets(results))
    row(target.name, target.measured, target.met ? 'yes' : 'no');
  if (!azure) lines.push('', 'RU are reported only against Azure Cosmos DB.');
  if (results.reminders) lines.push('', ...renderReminders(results.reminders));
  if (results.portal) lines.push('', ...renderPortalReport(results.portal));
  return `${lines.join('\n')}\n`;
}

export interface TargetCheck {
  readonly name: string;
  readonly measured: string;
  readonly met: boolean;
}

export function targets(results: BenchResults): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const turn = (name: string) => results.cosmosPerTurn.find((t) => t.turn === name);
  const ordinary = Math.max(...ORDINARY_TURNS.map((name) => turn(name)?.requests ?? Infinity));
  checks.push({
    name: 'Cosmos DB requests on an ordinary turn ≤ 2',
    measured: `${ordinary} (${ORDINARY_TURNS.join(', ')})`,
    met: ordinary <= 2,
  });
  const saving = turn(SAVING_TURN)?.requests ?? Infinity;
  checks.push({
    name: 'Cosmos DB requests on the saving turn ≤ 6',
    measured: `${saving}`,
    met: saving <= 6,
  });
  const level = results.levels.find((l) => l.users === TARGET_USERS);
  if (level) {
    const share = level.bot.turnsPerSecond / level.floorB.turnsPerSecond;
    checks.push({
      name: `${TARGET_USERS} FMs: throughput ≥ 0.8× floor B`,
      measured: `${share.toFixed(2)}×`,
      met: share >= 0.8,
    });
    checks.push({
      name: `${TARGET_USERS} FMs: p99 < 100 ms`,
      measured: `${level.bot.p99Ms.toFixed(1)} ms`,
      met: level.bot.p99Ms < 100,
    });
  }
  checks.push({
    name: 'Cold start < 1.5 s (Cosmos DB already running)',
    measured: `${results.coldStartMs.toFixed(0)} ms`,
    met: results.coldStartMs < 1500,
  });
  const rssMb = results.peakRssBytes.bot / 2 ** 20;
  const atTarget = level
    ? `; ${(level.bot.peakRssBytes / 2 ** 20).toFixed(0)} MB up to ${TARGET_USERS} FMs`
    : '';
  checks.push({
    name: 'Peak RSS < 250 MB at 50 FMs',
    measured: `${rssMb.toFixed(0)} MB over the whole run${atTarget}`,
    met: rssMb < 250,
  });
  return checks;
}

/** The reminder burst: how fast it went out, how close to Teams' limit, and the chat meanwhile. */
function renderReminders(figures: ReminderFigures): string[] {
  const chat = (label: string, c: ReminderFigures['chatAlone']) =>
    `| ${label} | ${c.turns} | ${c.turnsPerSecond.toFixed(0)} | ${c.p50Ms.toFixed(1)} | ${c.p99Ms.toFixed(1)} |`;
  return [
    `Reminder burst: ${figures.reminders} re-validation questions due at once for as many people in ${figures.tenants} tenants, sent by one sweep of the bot while 10 FMs declare.`,
    '',
    '| Reminders delivered | Seconds | Per second | Most for one tenant in one second (Teams allows about 30) |',
    '| ------------------- | ------- | ---------- | --------------------------------------------------------- |',
    `| ${figures.delivered} of ${figures.reminders} | ${figures.seconds.toFixed(1)} | ${figures.deliveredPerSecond.toFixed(1)} | ${figures.peakPerTenantPerSecond} |`,
    '',
    '| Chat (FMs declaring) | Turns | Turns/s | p50 ms | p99 ms |',
    '| -------------------- | ----- | ------- | ------ | ------ |',
    chat('alone, just before', figures.chatAlone),
    chat('during the burst', figures.chatDuringBurst),
  ];
}
