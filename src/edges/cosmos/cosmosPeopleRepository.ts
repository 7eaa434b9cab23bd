/** What the bot keeps per person, one document each, partitioned by their Entra object id. */
import type { Container, ItemDefinition } from '@azure/cosmos';
import type {
  LiveList,
  LiveListKind,
  PeopleRepository,
  SavedLiveList,
} from '../../application/people';
import { readDeadline } from './cosmosConnection';
import { cosmosStatus, HTTP_NOT_FOUND } from './cosmosStatus';

interface PersonDocument {
  readonly id: 'person';
  readonly aadObjectId: string;
  readonly liveLists: Partial<Record<LiveListKind, LiveList>>;
}

export class CosmosPeopleRepository implements PeopleRepository {
  constructor(private readonly people: Container) {}

  async liveLists(aadObjectId: string): Promise<Partial<Record<LiveListKind, LiveList>>> {
    return (await this.read(aadObjectId))?.liveLists ?? {};
  }

  async saveLiveList(
    aadObjectId: string,
    kind: LiveListKind,
    list: LiveList,
  ): Promise<SavedLiveList> {
    const person = await this.read(aadObjectId);
    const lists = { ...person?.liveLists, [kind]: list };
    // Last writer wins: a list lost to a race only stops being kept current.
    await this.people.items.upsert({
      id: 'person',
      aadObjectId,
      liveLists: lists,
    } satisfies PersonDocument);
    return { replaced: person?.liveLists[kind], lists };
  }

  private async read(aadObjectId: string): Promise<PersonDocument | undefined> {
    try {
      const { resource } = await this.people
        .item('person', aadObjectId)
        .read<ItemDefinition>(readDeadline());
      return resource as PersonDocument | undefined;
    } catch (error) {
      if (cosmosStatus(error) === HTTP_NOT_FOUND) return undefined;
      throw error;
    }
  }
}
