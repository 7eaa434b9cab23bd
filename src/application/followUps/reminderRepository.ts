/** Where each person's reminders are kept: one document per person, in their own partition. */
import type { ReminderInbox, StoredInbox } from './reminderInbox';

export interface ReminderRepository {
  read(aadObjectId: string): Promise<StoredInbox | undefined>;
  /**
   * Saves the inbox if unchanged since read (etag), or creates it (etag null). Undefined when
   * another change came first: read again and decide anew.
   */
  save(inbox: ReminderInbox, etag: string | null): Promise<StoredInbox | undefined>;
  /** Inboxes whose next delivery is due by `now`, of everyone, at most `limit`. */
  due(now: string, limit: number): Promise<StoredInbox[]>;
  /** Whether a one-time task (by name) has been done. */
  isMarked(name: string): Promise<boolean>;
  mark(name: string, at: string): Promise<void>;
}

const MAX_ATTEMPTS = 5;

/**
 * Changes one person's inbox from a fresh read, again if another change came first. `change`
 * gets the inbox as stored (undefined when there is none yet) and returns the new one, or null
 * to leave it as it is.
 */
export async function changeInbox(
  repository: ReminderRepository,
  aadObjectId: string,
  change: (current: ReminderInbox | undefined) => ReminderInbox | null,
): Promise<ReminderInbox | undefined> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const stored = await repository.read(aadObjectId);
    const next = change(stored ? withoutEtag(stored) : undefined);
    if (next === null) return stored;
    const saved = await repository.save(next, stored?.etag ?? null);
    if (saved) return saved;
  }
  throw new Error(`The reminders of ${aadObjectId} kept changing; try again.`);
}

export function withoutEtag(stored: StoredInbox): ReminderInbox {
  const { etag, ...inbox } = stored;
  void etag;
  return inbox;
}
