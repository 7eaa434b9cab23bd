/**
 * Posts and updates the bot's messages in Teams through the Bot Framework connector, outside
 * any turn: the account team's notice, the FM's live card, the lists on people's screens.
 */
import { CardFactory, MessageFactory, type Activity } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import { decidersOf } from '../../application/decideDeclaration';
import type { PersonalAddress } from '../../application/declaration';
import type { CardRef } from '../../application/declarationMessages';
import type { DeclarationSnapshot } from '../../application/ledgerRepository';
import type { ManagerPolicy } from '../../application/managerPolicy';
import {
  DeliveryError,
  isPermanentStatus,
  type FmCardView,
  type ListView,
  type Messenger,
  type NoticeLookup,
  type PostedMessage,
  type ReminderView,
} from '../../application/messenger';
import { awaitingDecisionCard } from './cards/awaitingDecisionCard';
import type { AdaptiveCardJson } from './cards/cardTemplate';
import { channelNoticeCard } from './cards/channelNoticeCard';
import { fmDeclarationCard } from './cards/fmDeclarationCard';
import { myDeclarationsCard } from './cards/myDeclarationsCard';
import { retiredCard } from './cards/retiredCard';
import { ChannelMessages } from './channelMessages';
import { CONNECTOR_TIMEOUT_MS, retryAfterOf, statusOf } from './connectorErrors';
import type { ProactiveConnector } from './proactiveConnector';
import { ProactivePacer } from './proactivePacer';
import { awaitingExtras } from './awaitingExtras';
import type { TeamRoster } from './teamRoster';
import {
  DEFAULT_FOLLOW_UPS,
  type FollowUpSettings,
} from '../../application/followUps/followUpRules';
import { reminderCard } from './cards/reminderCard';

const BOUNDED = { timeout: CONNECTOR_TIMEOUT_MS };

export const RETIRED_FM_CARD_TEXT =
  'This card is out of date: the declaration has a newer card further down this chat.';
export const RETIRED_LIST_TEXT = 'This list was replaced by a newer one further down this chat.';

export interface MessengerOptions {
  readonly pacer?: ProactivePacer;
  /** Names the managers a decision can be handed to. */
  readonly roster?: TeamRoster;
  readonly followUps?: FollowUpSettings;
  readonly now?: () => Date;
}

export class TeamsMessenger implements Messenger {
  constructor(
    private readonly connector: ProactiveConnector,
    /** The bot's app id; any non-empty id in local mode, where authentication is off. */
    private readonly botAppId: string,
    private readonly policy: ManagerPolicy,
    private readonly channelMessages = new ChannelMessages(undefined, botAppId),
    private readonly options: MessengerOptions = {},
  ) {
    this.pacer = options.pacer ?? new ProactivePacer();
  }

  /** Reminders go out paced below Teams' limits; a burst of them must not trip them. */
  private readonly pacer: ProactivePacer;

  private async awaitingCard(view: ListView & { kind: 'awaiting-decision' }) {
    const extras = await awaitingExtras(
      {
        policy: this.policy,
        ...(this.options.roster ? { roster: this.options.roster } : {}),
        now: this.options.now ?? (() => new Date()),
        followUps: this.options.followUps ?? DEFAULT_FOLLOW_UPS,
      },
      view.declarations,
      view.viewer,
    );
    return awaitingDecisionCard(view.declarations, view.viewer, '', view.digest, extras);
  }

  findNotice(snapshot: DeclarationSnapshot): Promise<NoticeLookup> {
    const target = snapshot.declaration.noticeTarget;
    if (!target) return Promise.resolve({ kind: 'absent' });
    return this.channelMessages.findNotice(target, snapshot.declaration.declarationId);
  }

  async postNotice(snapshot: DeclarationSnapshot): Promise<PostedMessage> {
    const target = snapshot.declaration.noticeTarget!;
    const card = channelNoticeCard(
      snapshot,
      'everyone',
      decidersOf(this.policy, snapshot.declaration),
    );
    const created = await this.withConnector(target.serviceUrl, (client) =>
      client.conversations.createConversation(
        {
          isGroup: true,
          bot: { id: this.botAppId, name: 'No Intent' },
          tenantId: target.orgTenantId,
          channelData: { channel: { id: target.channelId }, tenant: { id: target.orgTenantId } },
          activity: cardActivity(card),
          members: [],
        },
        BOUNDED,
      ),
    );
    if (!created.id || !created.activityId) {
      throw new DeliveryError('Teams did not return the new thread.', undefined, false);
    }
    return { conversationId: created.id, activityId: created.activityId };
  }

  async updateNotice(snapshot: DeclarationSnapshot): Promise<void> {
    const target = snapshot.declaration.noticeTarget;
    const { conversationId, activityId } = snapshot.messages.notice;
    if (!target || !conversationId || !activityId) return;
    const card = channelNoticeCard(
      snapshot,
      'everyone',
      decidersOf(this.policy, snapshot.declaration),
    );
    await this.replace(
      {
        serviceUrl: target.serviceUrl,
        orgTenantId: target.orgTenantId,
        conversationId,
        activityId,
      },
      card,
    );
  }

  async updateFmCard(ref: CardRef, view: FmCardView): Promise<void> {
    await this.replace(ref, fmDeclarationCard(view));
  }

  async sendFmCard(address: PersonalAddress, view: FmCardView): Promise<CardRef> {
    return this.sendPersonal(address, fmDeclarationCard(view), view.snapshot.declaration.fm.name);
  }

  async sendDigest(address: PersonalAddress, view: ListView): Promise<CardRef> {
    if (view.kind !== 'awaiting-decision')
      throw new Error('A digest is an awaiting-decision list.');
    const card = await this.awaitingCard(view);
    return this.paced(address, () => this.sendPersonal(address, card));
  }

  async sendReminder(address: PersonalAddress, view: ReminderView): Promise<CardRef> {
    return this.paced(address, () => this.sendPersonal(address, reminderCard(view)));
  }

  private paced<T>(address: PersonalAddress, call: () => Promise<T>): Promise<T> {
    return this.pacer.run(address.orgTenantId, address.conversationId || address.userId, call);
  }

  /** Into the person's one-to-one chat, opened first when there is none yet. */
  private async sendPersonal(
    address: PersonalAddress,
    card: AdaptiveCardJson,
    name?: string,
  ): Promise<CardRef> {
    const activity = cardActivity(card);
    return this.withConnector(address.serviceUrl, async (client) => {
      if (address.conversationId) {
        const sent = await client.conversations.sendToConversation(
          address.conversationId,
          activity,
          BOUNDED,
        );
        return refOf(address, address.conversationId, sent.id);
      }
      // Declared in a channel, or never chatted with the bot: open the one-to-one chat with it.
      const created = await client.conversations.createConversation(
        {
          isGroup: false,
          bot: { id: this.botAppId, name: 'No Intent' },
          members: [{ id: address.userId, name: name ?? '' }],
          tenantId: address.orgTenantId,
          channelData: { tenant: { id: address.orgTenantId } },
          activity,
        },
        BOUNDED,
      );
      return refOf(address, created.id, created.activityId);
    });
  }

  async retireCard(ref: CardRef, kind: 'fm-card' | 'list'): Promise<void> {
    await this.replace(
      ref,
      retiredCard(kind === 'list' ? RETIRED_LIST_TEXT : RETIRED_FM_CARD_TEXT),
    );
  }

  async updateList(ref: CardRef, view: ListView): Promise<void> {
    const card =
      view.kind === 'my-declarations'
        ? myDeclarationsCard(view.list, view.viewer)
        : await this.awaitingCard(view);
    await this.replace(ref, card);
  }

  private async replace(ref: CardRef, card: AdaptiveCardJson): Promise<void> {
    await this.withConnector(ref.serviceUrl, (client) =>
      client.conversations.updateActivity(
        ref.conversationId,
        ref.activityId,
        { ...cardActivity(card), id: ref.activityId },
        BOUNDED,
      ),
    );
  }

  /** Runs one connector call; a failure becomes a DeliveryError that says what to do next. */
  private async withConnector<T>(
    serviceUrl: string,
    call: (client: ConnectorClient) => Promise<T>,
  ): Promise<T> {
    try {
      return await call(await this.connector.client(serviceUrl));
    } catch (error) {
      const status = statusOf(error);
      throw new DeliveryError(
        error instanceof Error ? error.message : String(error),
        status,
        isPermanentStatus(status),
        retryAfterOf(error),
      );
    }
  }
}

function cardActivity(card: AdaptiveCardJson): Activity {
  return MessageFactory.attachment(CardFactory.adaptiveCard(card)) as Activity;
}

function refOf(
  address: PersonalAddress,
  conversationId: string | undefined,
  activityId: string | undefined,
): CardRef {
  if (!conversationId || !activityId) {
    throw new DeliveryError('Teams did not say where the message is.', undefined, false);
  }
  return {
    serviceUrl: address.serviceUrl,
    orgTenantId: address.orgTenantId,
    conversationId,
    activityId,
  };
}
