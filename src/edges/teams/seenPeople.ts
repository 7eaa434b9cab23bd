/**
 * What each turn tells the bot about its person: their time zone (Teams sends it with every
 * activity) and their one-to-one chat, so reminders reach them in their own working hours. Only
 * news is written: what this instance last saw of each person is kept in memory, so an ordinary
 * turn costs nothing more, and the write happens after the turn has answered.
 */
import type { TurnContext } from 'botbuilder';
import { rememberPerson, type SettingsDeps } from '../../application/followUps/reminderSettings';
import { logger } from '../../log/logger';
import { orgTenantOf, personalAddressOf, turnPerson } from './turnText';

const REMEMBERED = 10_000;
/**
 * What was seen is written again after this, even when nothing changed: a person whose
 * reminders stopped (Teams refused them) is reachable again once they write, and another
 * instance may have recorded that refusal.
 */
const SEEN_FOR_MS = 60 * 60 * 1000;

export class SeenPeople {
  private readonly lastSeen = new Map<string, { news: string; at: number }>();
  private readonly writing = new Set<Promise<void>>();
  private readonly queued: (() => Promise<void>)[] = [];

  constructor(private readonly deps: SettingsDeps) {}

  /** Takes what the turn tells now; remembers it once the turn is over (see `idle`). */
  note(context: TurnContext): void {
    const { activity } = context;
    if (!activity.from?.aadObjectId) return;
    const person = turnPerson(context);
    const timeZone = typeof activity.localTimezone === 'string' ? activity.localTimezone : null;
    const address =
      activity.conversation?.conversationType === 'personal' ? personalAddressOf(context) : null;
    const news = [person.name, timeZone ?? '', address?.conversationId ?? ''].join('|');
    const before = this.lastSeen.get(person.aadObjectId);
    const fresh = before !== undefined && Date.now() - before.at < SEEN_FOR_MS;
    // In a channel nothing about the chat is news once the time zone is known.
    const same =
      before?.news === news ||
      (!address && before?.news.startsWith(`${person.name}|${timeZone ?? ''}|`) === true);
    if (fresh && same) return;
    const seen = { ...person, orgTenantId: orgTenantOf(context), timeZone, address };
    if (this.lastSeen.size >= REMEMBERED) this.lastSeen.clear();
    this.lastSeen.set(person.aadObjectId, { news, at: Date.now() });
    this.queued.push(() =>
      rememberPerson(this.deps, seen).catch((error: unknown) => {
        // The next turn of theirs tries again.
        this.lastSeen.delete(person.aadObjectId);
        logger.warn({ err: error }, 'Could not remember what a turn said of its person.');
      }),
    );
  }

  /** The person (re)installed the bot: whatever was seen of them is written again. */
  forget(aadObjectId: string): void {
    this.lastSeen.delete(aadObjectId);
  }

  /** Writes what turns noted; called once a turn has answered. */
  startQueued(): void {
    for (const start of this.queued.splice(0)) {
      const write = start();
      this.writing.add(write);
      void write.finally(() => this.writing.delete(write));
    }
  }

  /** Resolves once what earlier turns told has been written. */
  async idle(): Promise<void> {
    this.startQueued();
    while (this.writing.size > 0) await Promise.allSettled([...this.writing]);
  }
}
