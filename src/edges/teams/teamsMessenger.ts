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
} from '../../application/messenger';
import { awaitingDecisionCard } from './cards/awaitingDecisionCard';
import type { AdaptiveCardJson } from './cards/cardTemplate';
import { channelNoticeCard } from './cards/channelNoticeCard';
import { fmDeclarationCard } from './cards/fmDeclarationCard';
import { myDeclarationsCard } from './cards/myDeclarationsCard';
import { retiredCard } from './cards/retiredCard';
import { ChannelMessages } from './channelMessages';
import type { ProactiveConnector } from './proactiveConnector';

/** Every connector call answers within this, or fails as a network error to retry. */
export const CONNECTOR_TIMEOUT_MS = 4_000;
const BOUNDED = { timeout: CONNECTOR_TIMEOUT_MS };

export const RETIRED_FM_CARD_TEXT =
  'This card is out of date: the declaration has a newer card further down this chat.';
export const RETIRED_LIST_TEXT = 'This list was replaced by a newer one further down this chat.';

export class TeamsMessenger implements Messenger {
  constructor(
    private readonly connector: ProactiveConnector,
    /** The bot's app id; any non-empty id in local mode, where authentication is off. */
    private readonly botAppId: string,
    private readonly policy: ManagerPolicy,
    private readonly channelMessages = new ChannelMessages(undefined, botAppId),
  ) {}

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
    const activity = cardActivity(fmDeclarationCard(view));
    const name = view.snapshot.declaration.fm.name;
    return this.withConnector(address.serviceUrl, async (client) => {
      if (address.conversationId) {
        const sent = await client.conversations.sendToConversation(
          address.conversationId,
          activity,
          BOUNDED,
        );
        return refOf(address, address.conversationId, sent.id);
      }
      // Declared in a channel: open (or reopen) the one-to-one chat, with the card in it.
      const created = await client.conversations.createConversation(
        {
          isGroup: false,
          bot: { id: this.botAppId, name: 'No Intent' },
          members: [{ id: address.userId, name }],
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
        : awaitingDecisionCard(view.declarations, view.viewer);
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

function statusOf(error: unknown): number | undefined {
  const e = error as { statusCode?: unknown; status?: unknown; response?: { status?: unknown } };
  const status = Number(e?.statusCode ?? e?.status ?? e?.response?.status);
  return Number.isInteger(status) && status > 0 ? status : undefined;
}

function retryAfterOf(error: unknown): number | undefined {
  const headers = (
    error as { response?: { headers?: { get?: (name: string) => string | undefined } } }
  )?.response?.headers;
  const value = headers?.get?.('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
