/** What the bot keeps per person: the lists on their screen that it keeps current. */
import type { CardRef } from './declarationMessages';
import type { DigestNote } from './messenger';

export type LiveListKind = 'my-declarations' | 'awaiting-decision';

export interface LiveList {
  readonly ref: CardRef;
  /** What "my declarations" was narrowed to; empty otherwise. */
  readonly filter: string;
  readonly sentAt: string;
  /** Sent as a manager's daily reminder: redrawn as one. */
  readonly digest?: DigestNote;
}

export interface PeopleRepository {
  liveLists(aadObjectId: string): Promise<Partial<Record<LiveListKind, LiveList>>>;
  /**
   * Remembers the newest list of its kind. Returns the one it replaces (to retire it) and every
   * list the person now has.
   */
  saveLiveList(aadObjectId: string, kind: LiveListKind, list: LiveList): Promise<SavedLiveList>;
}

export interface SavedLiveList {
  readonly replaced: LiveList | undefined;
  readonly lists: Partial<Record<LiveListKind, LiveList>>;
}
