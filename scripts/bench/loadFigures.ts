/** Turns a run's raw latencies into the figures the benchmark reports. */

export interface LoadRun {
  readonly users: number;
  readonly declarations: number;
  readonly turns: number;
  readonly wallMs: number;
  readonly latenciesMs: readonly number[];
}

export interface LoadFigures {
  readonly users: number;
  readonly turns: number;
  readonly turnsPerSecond: number;
  readonly declarationsPerSecond: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
}

export function figuresOf(run: LoadRun): LoadFigures {
  const sorted = [...run.latenciesMs].sort((a, b) => a - b);
  const seconds = run.wallMs / 1000;
  return {
    users: run.users,
    turns: run.turns,
    turnsPerSecond: run.turns / seconds,
    declarationsPerSecond: run.declarations / seconds,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
  };
}

/** Nearest-rank percentile of ascending values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** Runs `users` people at once, each doing `perUser` declarations back to back. */
export async function runUsers(
  users: number,
  perUser: number,
  turnsPerDeclaration: number,
  declare: (user: number, record: (latencyMs: number) => void) => Promise<void>,
): Promise<LoadRun> {
  const latenciesMs: number[] = [];
  const record = (latencyMs: number) => latenciesMs.push(latencyMs);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: users }, async (_, user) => {
      for (let i = 0; i < perUser; i += 1) await declare(user, record);
    }),
  );
  const wallMs = performance.now() - started;
  const declarations = users * perUser;
  return { users, declarations, turns: declarations * turnsPerDeclaration, wallMs, latenciesMs };
}

/** Several runs of the same people at the same concurrency, as one. */
export function mergeRuns(runs: readonly LoadRun[]): LoadRun {
  return {
    users: runs[0]?.users ?? 0,
    declarations: runs.reduce((sum, run) => sum + run.declarations, 0),
    turns: runs.reduce((sum, run) => sum + run.turns, 0),
    wallMs: runs.reduce((sum, run) => sum + run.wallMs, 0),
    latenciesMs: runs.flatMap((run) => run.latenciesMs),
  };
}
