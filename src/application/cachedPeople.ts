/**
 * Keeps what each person has on screen for a minute per instance. Every change to a declaration
 * asks for the lists of its FM and managers, and most people have none: a remembered answer
 * saves a read each. Lists sent through this instance update the copy at once; one sent through
 * another instance is kept current from the next change after the copy expires (Teams also
 * refreshes a list for its reader whenever it is shown).
 */
import type { LiveList, LiveListKind, PeopleRepository, SavedLiveList } from './people';

export const PEOPLE_CACHE_MAX_AGE_MS = 60_000;
/** People remembered at most; beyond that the oldest half is forgotten. */
const MAX_PEOPLE = 10_000;

type Lists = Partial<Record<LiveListKind, LiveList>>;

export class CachedPeople implements PeopleRepository {
  private readonly entries = new Map<string, { readAt: number; lists: Lists }>();

  constructor(
    private readonly people: PeopleRepository,
    private readonly now: () => Date,
  ) {}

  async liveLists(aadObjectId: string): Promise<Lists> {
    const now = this.now().getTime();
    const entry = this.entries.get(aadObjectId);
    if (entry && now - entry.readAt < PEOPLE_CACHE_MAX_AGE_MS) return entry.lists;
    const lists = await this.people.liveLists(aadObjectId);
    this.remember(aadObjectId, now, lists);
    return lists;
  }

  async saveLiveList(
    aadObjectId: string,
    kind: LiveListKind,
    list: LiveList,
  ): Promise<SavedLiveList> {
    this.entries.delete(aadObjectId);
    const saved = await this.people.saveLiveList(aadObjectId, kind, list);
    // What was just written is the freshest copy there is.
    this.remember(aadObjectId, this.now().getTime(), saved.lists);
    return saved;
  }

  private remember(aadObjectId: string, readAt: number, lists: Lists): void {
    if (this.entries.size >= MAX_PEOPLE) {
      const oldest = [...this.entries.keys()].slice(0, MAX_PEOPLE / 2);
      for (const key of oldest) this.entries.delete(key);
    }
    this.entries.delete(aadObjectId);
    this.entries.set(aadObjectId, { readAt, lists });
  }
}
