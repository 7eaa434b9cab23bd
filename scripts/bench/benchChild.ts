/**
 * How the benchmark talks to the processes it starts (the bot, the two floor bots, the local
 * Cosmos server): each says when it is ready, answers questions about its usage, and stops on
 * request. Node's IPC channel carries the messages.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import type { CosmosUsage } from './cosmosMeter';

export interface ChildReport {
  readonly cosmos: CosmosUsage | null;
  /** Peak resident set size since the process started (the kernel's own figure). */
  readonly peakRssBytes: number;
  /** CPU time used since the process started, user and system. */
  readonly cpuMs: number;
  /** The V8 heap now: what live objects use, and what V8 has reserved for them. */
  readonly heapUsedBytes: number;
  readonly heapTotalBytes: number;
}

/**
 * `settle`: report once the side effects started so far have finished. `sweep`: one pass of the
 * timer's work now (due side effects, then due reminders).
 */
type ToChild = { kind: 'report'; settle?: boolean } | { kind: 'sweep' } | { kind: 'stop' };
type FromChild =
  | { kind: 'ready'; details: Record<string, string> }
  | { kind: 'report'; report: ChildReport }
  | { kind: 'swept' };

/** Child side: announce readiness, then answer the parent until told to stop. */
export function serveParent(
  details: Record<string, string>,
  cosmosUsage: (() => CosmosUsage) | null,
  stop: () => Promise<void>,
  idle: () => Promise<void> = async () => undefined,
  sweep: () => Promise<void> = async () => undefined,
): void {
  const send = (message: FromChild) => process.send?.(message);
  process.on('message', async (message: ToChild) => {
    if (message.kind === 'report') {
      if (message.settle) await idle();
      send({
        kind: 'report',
        report: {
          cosmos: cosmosUsage ? cosmosUsage() : null,
          peakRssBytes: process.resourceUsage().maxRSS * 1024,
          cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
          heapUsedBytes: process.memoryUsage().heapUsed,
          heapTotalBytes: process.memoryUsage().heapTotal,
        },
      });
    } else if (message.kind === 'sweep') {
      await sweep();
      send({ kind: 'swept' });
    } else {
      void stop().finally(() => process.exit(0));
    }
  });
  send({ kind: 'ready', details });
}

export interface BenchChild {
  readonly details: Record<string, string>;
  report(options?: { settle?: boolean }): Promise<ChildReport>;
  /** Runs one sweep in the child; resolves when it is done. */
  sweep(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts a sibling script of this file as a child process. Under tsx the child runs the
 * TypeScript source through tsx as well; compiled, it runs the compiled JavaScript.
 */
export async function startChild(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  /** Writes a V8 CPU profile of the child into this folder when it stops. */
  profileFolder?: string,
  /** A heap limit of its own instead of the bot's, for a process that is not measured. */
  heapMb?: number,
): Promise<BenchChild> {
  const ext = extname(__filename);
  const profile = profileFolder ? ['--cpu-prof', `--cpu-prof-dir=${profileFolder}`] : [];
  const runtime = heapMb ? [`--max-old-space-size=${heapMb}`] : productionNodeFlags();
  const child: ChildProcess = fork(join(__dirname, script + ext), [...args], {
    env,
    execArgv: [
      '--disable-warning=DEP0111',
      ...(ext === '.ts' ? ['--import', 'tsx'] : []),
      ...runtime,
      ...profile,
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = () =>
    new Promise<FromChild>((resolve, reject) => {
      const onExit = (code: number | null) =>
        reject(new Error(`${script} exited with code ${code} before answering.`));
      child.once('exit', onExit);
      child.once('message', (message: FromChild) => {
        child.off('exit', onExit);
        resolve(message);
      });
    });
  const ready = await next();
  if (ready.kind !== 'ready') throw new Error(`${script} did not start.`);
  return {
    details: ready.details,
    report: async (options = {}) => {
      const answer = next();
      child.send({ kind: 'report', settle: options.settle } satisfies ToChild);
      const message = await answer;
      if (message.kind !== 'report') throw new Error(`${script} answered out of turn.`);
      return message.report;
    },
    sweep: async () => {
      const answer = next();
      child.send({ kind: 'sweep' } satisfies ToChild);
      if ((await answer).kind !== 'swept') throw new Error(`${script} answered out of turn.`);
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ kind: 'stop' } satisfies ToChild);
      await exited;
    },
  };
}

/**
 * The V8 options `npm start` runs the bot with (its heap limit), given to every process measured,
 * so the figures are those of the bot as deployed and the floors run on the same runtime.
 */
export function productionNodeFlags(): string[] {
  const start = (
    JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts.start;
  return start?.match(/--max-old-space-size=\d+/g) ?? [];
}

/** The folder with package.json, from the source or from dist-bench/. */
export function projectRoot(): string {
  let folder = __dirname;
  while (!existsSync(join(folder, 'package.json'))) {
    if (dirname(folder) === folder) throw new Error('Run the benchmark inside the project.');
    folder = dirname(folder);
  }
  return folder;
}
