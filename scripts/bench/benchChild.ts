/**
 * How the benchmark talks to the processes it starts (the bot, the two floor bots, the local
 * Cosmos server): each says when it is ready, answers questions about its usage, and stops on
 * request. Node's IPC channel carries the messages.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { extname, join } from 'node:path';
import type { CosmosUsage } from './cosmosMeter';

export interface ChildReport {
  readonly cosmos: CosmosUsage | null;
  /** Peak resident set size since the process started (the kernel's own figure). */
  readonly peakRssBytes: number;
  /** CPU time used since the process started, user and system. */
  readonly cpuMs: number;
}

/** `settle`: report once the side effects started so far have finished. */
type ToChild = { kind: 'report'; settle?: boolean } | { kind: 'stop' };
type FromChild =
  { kind: 'ready'; details: Record<string, string> } | { kind: 'report'; report: ChildReport };

/** Child side: announce readiness, then answer the parent until told to stop. */
export function serveParent(
  details: Record<string, string>,
  cosmosUsage: (() => CosmosUsage) | null,
  stop: () => Promise<void>,
  idle: () => Promise<void> = async () => undefined,
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
        },
      });
    } else {
      void stop().finally(() => process.exit(0));
    }
  });
  send({ kind: 'ready', details });
}

export interface BenchChild {
  readonly details: Record<string, string>;
  report(options?: { settle?: boolean }): Promise<ChildReport>;
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
): Promise<BenchChild> {
  const ext = extname(__filename);
  const profile = profileFolder ? ['--cpu-prof', `--cpu-prof-dir=${profileFolder}`] : [];
  const child: ChildProcess = fork(join(__dirname, script + ext), [...args], {
    env,
    execArgv: [
      '--disable-warning=DEP0111',
      ...(ext === '.ts' ? ['--import', 'tsx'] : []),
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
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ kind: 'stop' } satisfies ToChild);
      await exited;
    },
  };
}
