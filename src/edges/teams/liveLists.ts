/**
 * The lists people ask for: "my declarations" and "awaiting my decision". Each person has one
 * live list of each kind: the bot remembers where it is and keeps it current; a newer list
 * retires the older one, so no list on screen offers a stale button.
 */
import type { TurnContext } from 'botbuilder';
import { awaitingDecisionOf } from '../../application/awaitingDecision';
import type { LedgerRepository } from '../../application/ledgerRepository';
import { listMyEntitlements } from '../../application/listMyEntitlements';
import type { ManagerPolicy } from '../../application/managerPolicy';
import type { Messenger } from '../../application/messenger';
import type { LiveListKind, PeopleRepository } from '../../application/people';
import { awaitingDecisionCard } from './cards/awaitingDecisionCard';
import { awaitingExtras, type AwaitingExtrasDeps } from './awaitingExtras';
import type { AdaptiveCardJson } from './cards/cardTemplate';
import { showCard, tappedCardId } from './cardReplies';
import type { DigestNote } from '../../application/messenger';
import { myDeclarationsCard } from './cards/myDeclarationsCard';
import { cardRefOf, orgTenantOf, turnPerson } from './turnText';
import { logger } from '../../log/logger';

export interface LiveListDeps extends AwaitingExtrasDeps {
  readonly ledger: LedgerRepository;
  readonly people: PeopleRepository;
  readonly messenger: Messenger;
  readonly policy: ManagerPolicy;
  readonly now: () => Date;
}

export class LiveLists {
  constructor(private readonly deps: LiveListDeps) {}

  /** The FM's working list, narrowed to `filter`; redrawn in place when tapped on a list. */
  async showMyDeclarations(context: TurnContext, filter: string, notice = ''): Promise<void> {
    const card = await this.myDeclarationsCard(context, filter, notice);
    await this.show(context, 'my-declarations', card, filter);
  }

  async showAwaitingDecision(context: TurnContext, notice = ''): Promise<void> {
    // Tapped on a digest, the list is redrawn as the digest it is.
    const tapped = tappedCardId(context);
    const live = tapped
      ? (await this.deps.people.liveLists(turnPerson(context).aadObjectId))['awaiting-decision']
      : undefined;
    const digest = live?.ref.activityId === tapped ? live?.digest : undefined;
    await this.show(
      context,
      'awaiting-decision',
      await this.awaitingCard(context, notice, digest),
      '',
      digest,
    );
  }

  async myDeclarationsCard(
    context: TurnContext,
    filter: string,
    notice = '',
  ): Promise<AdaptiveCardJson> {
    const person = turnPerson(context);
    const list = await listMyEntitlements(
      this.deps.ledger,
      orgTenantOf(context),
      person.aadObjectId,
      filter,
    );
    return myDeclarationsCard(list, person.aadObjectId, notice);
  }

  async awaitingCard(
    context: TurnContext,
    notice = '',
    digest?: DigestNote,
  ): Promise<AdaptiveCardJson> {
    const person = turnPerson(context);
    const declarations = await awaitingDecisionOf(
      this.deps,
      orgTenantOf(context),
      person.aadObjectId,
      digest,
    );
    const extras = await awaitingExtras(this.deps, declarations, person.aadObjectId);
    return awaitingDecisionCard(declarations, person.aadObjectId, notice, digest, extras);
  }

  /**
   * Redraws the tapped list in place, or sends a new one. Either way it becomes the person's
   * live list of its kind, and a different older one is retired.
   */
  private async show(
    context: TurnContext,
    kind: LiveListKind,
    card: AdaptiveCardJson,
    filter: string,
    digest?: DigestNote,
  ): Promise<void> {
    const id = await showCard(context, card);
    if (!id) return;
    const { replaced } = await this.deps.people.saveLiveList(
      turnPerson(context).aadObjectId,
      kind,
      {
        ref: cardRefOf(context, id),
        filter,
        sentAt: this.deps.now().toISOString(),
        ...(digest ? { digest } : {}),
      },
    );
    if (replaced && replaced.ref.activityId !== id) {
      await this.deps.messenger
        .retireCard(replaced.ref, 'list')
        .catch((error: unknown) => logger.warn({ err: error }, 'Could not retire an older list.'));
    }
  }
}
