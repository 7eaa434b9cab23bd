/**
 * Carries out side effects: those a change claimed for this instance, at once (during the turn,
 * or right after it so its answer does not wait), and every due entry of every customer on a
 * timer (the sweep). Each entry is claimed with an etag check first, so it runs on one instance
 * at a time; an instance that stops mid-way leaves its claims to expire and the sweep to finish.
 */
import { randomUUID } from 'node:crypto';
import type { DeclarationSnapshot } from './ledgerRepository';
import type { StoredOutboxEntry } from './outbox';
import {
  carryOut,
  type CarryOutOptions,
  type EffectDeps,
  type EffectOutcome,
  type EffectReport,
  type EffectResult,
} from './sideEffects';

export interface Claim {
  readonly by: string;
  readonly forMs: number;
}

export type SweepReport = Readonly<Record<EffectOutcome | 'skipped' | 'failed', number>>;

export class EffectRunner {
  private readonly background = new Set<Promise<void>>();
  private readonly queued: (readonly StoredOutboxEntry[])[] = [];

  constructor(
    private readonly deps: EffectDeps,
    private readonly instanceId: string,
  ) {}

  /** A claim for the effects of one change, held by this instance. */
  newClaim(): Claim {
    return { by: `${this.instanceId}/${randomUUID()}`, forMs: this.deps.settings.claimMs };
  }

  /**
   * Carries out claimed entries in order, then the entries they lead to. Returns the latest
   * snapshot of the declaration the first entry is about. Failures are logged and left to the
   * sweep.
   */
  async run(
    entries: readonly StoredOutboxEntry[],
    known?: DeclarationSnapshot,
    options: CarryOutOptions = {},
  ): Promise<DeclarationSnapshot | undefined> {
    let latest = known;
    const queue = [...entries];
    for (let entry = queue.shift(); entry; entry = queue.shift()) {
      // A follow-up saved with a change waits for its time, and the sweep.
      if (Date.parse(entry.dueAt) > this.deps.now().getTime()) continue;
      const about = latest?.declaration.declarationId === entry.declarationId ? latest : undefined;
      try {
        const result = await this.carryOut(entry, about, options);
        if (result.snapshot && (!latest || about)) latest = result.snapshot;
        for (const next of result.next) {
          const claimed = await this.claim(next);
          if (claimed) queue.push(claimed);
        }
      } catch (error) {
        this.deps.log(`Effect ${entry.id} failed; the sweep will retry it.`, error);
      }
    }
    return latest;
  }

  /**
   * Like run, once the current turn has answered: its answer does not wait. The turn's end
   * starts them (startQueued), reading the declaration afresh then, so they draw what is saved
   * by the time they run; an instance that stops first leaves them to the sweep.
   */
  runSoon(entries: readonly StoredOutboxEntry[]): void {
    if (entries.length > 0) this.queued.push(entries);
  }

  /**
   * The effects of a change the person is waiting for: the notice is posted now, so the card
   * drawn next can say where it is; the rest follows the turn. Returns the latest snapshot.
   */
  async postNoticeNow(
    entries: readonly StoredOutboxEntry[],
    snapshot: DeclarationSnapshot,
  ): Promise<DeclarationSnapshot> {
    const now = entries.filter((e) => e.effect === 'post-notice');
    this.runSoon(entries.filter((e) => e.effect !== 'post-notice'));
    const options = { callerDrawsFmCard: true, justScheduled: true };
    return (await this.run(now, snapshot, options)) ?? snapshot;
  }

  /** Starts what turns queued with runSoon. */
  startQueued(): void {
    for (const entries of this.queued.splice(0)) {
      const work = this.run(entries).then(
        () => undefined,
        (error: unknown) => this.deps.log('Background effects failed.', error),
      );
      this.background.add(work);
      void work.finally(() => this.background.delete(work));
    }
  }

  /** One pass over the due entries of every customer. */
  async sweep(limit = 20): Promise<SweepReport> {
    const report = { done: 0, 'retry-later': 0, superseded: 0, dropped: 0, skipped: 0, failed: 0 };
    const due = await this.deps.ledger.dueEffects(this.deps.now().toISOString(), limit);
    for (const entry of due) {
      const claimed = await this.claim(entry);
      if (!claimed) {
        report.skipped += 1;
        continue;
      }
      try {
        const result = await this.carryOut(claimed);
        report[result.outcome] += 1;
        if (result.next.length > 0) {
          const next = await Promise.all(result.next.map((n) => this.claim(n)));
          await this.run(next.filter((n) => n !== undefined));
        }
      } catch (error) {
        report.failed += 1;
        this.deps.log(`Effect ${entry.id} failed; the next sweep retries it.`, error);
      }
    }
    return report;
  }

  /** Resolves once the background work started so far has finished. */
  async idle(): Promise<void> {
    this.startQueued();
    while (this.background.size > 0) await Promise.allSettled([...this.background]);
  }

  /** Carries out one entry, and reports what became of it and how long it took. */
  private async carryOut(
    entry: StoredOutboxEntry,
    known?: DeclarationSnapshot,
    options?: CarryOutOptions,
  ): Promise<EffectResult> {
    const started = this.deps.now().getTime();
    const report = (outcome: EffectReport['outcome']) =>
      this.deps.report?.({
        effect: entry.news ? `${entry.effect}.${entry.news}` : entry.effect,
        tenantId: entry.tenantId,
        declarationId: entry.declarationId,
        attempts: entry.attempts,
        outcome,
        ms: this.deps.now().getTime() - started,
      });
    try {
      const result = await carryOut(this.deps, entry, known, options);
      report(result.outcome);
      return result;
    } catch (error) {
      report('failed');
      throw error;
    }
  }

  private async claim(entry: StoredOutboxEntry): Promise<StoredOutboxEntry | undefined> {
    const claim = this.newClaim();
    const until = new Date(this.deps.now().getTime() + claim.forMs).toISOString();
    return this.deps.ledger.claimEffect(entry, claim.by, until);
  }
}
