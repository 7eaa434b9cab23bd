/** Posts, updates and follows up notices in Teams through the Bot Framework connector. */
import {
  CardFactory,
  MessageFactory,
  type Activity,
  type CloudAdapter,
  type ConversationReference,
} from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import { managersOf, type ManagerPolicy } from '../../application/managerPolicy';
import type { Notice, PersonalAddress } from '../../application/notice';
import {
  DeliveryError,
  isPermanentStatus,
  type NoticePublisher,
  type PostedMessage,
} from '../../application/noticePublisher';
import { channelNoticeCard } from './cards/channelNoticeCard';
import { decisionResultCard } from './cards/decisionResultCard';
import { cardDateTime } from './cards/recordStatusLabel';

export class TeamsNoticePublisher implements NoticePublisher {
  constructor(
    private readonly adapter: CloudAdapter,
    /** The bot's app id; any non-empty id in local mode, where authentication is off. */
    private readonly botAppId: string,
    private readonly policy: ManagerPolicy,
  ) {}

  async post(notice: Notice): Promise<PostedMessage> {
    const card = channelNoticeCard(
      notice,
      'everyone',
      managersOf(this.policy, notice.target.teamId),
    );
    const { target } = notice;
    const created = await this.withConnector(
      target.serviceUrl,
      target.channelId,
      target.orgTenantId,
      (client) =>
        client.conversations.createConversation({
          isGroup: true,
          bot: { id: this.botAppId, name: 'No Intent' },
          tenantId: target.orgTenantId,
          channelData: { channel: { id: target.channelId }, tenant: { id: target.orgTenantId } },
          activity: MessageFactory.attachment(CardFactory.adaptiveCard(card)) as Activity,
          members: [],
        }),
    );
    if (!created.id || !created.activityId) {
      throw new DeliveryError('Teams did not return the new thread.', undefined, false);
    }
    return { conversationId: created.id, activityId: created.activityId };
  }

  async update(notice: Notice): Promise<void> {
    const { conversationId, activityId } = notice.delivery;
    if (!conversationId || !activityId) return;
    const card = channelNoticeCard(
      notice,
      'everyone',
      managersOf(this.policy, notice.target.teamId),
    );
    await this.withConnector(
      notice.target.serviceUrl,
      conversationId,
      notice.target.orgTenantId,
      (client) =>
        client.conversations.updateActivity(conversationId, activityId, {
          ...MessageFactory.attachment(CardFactory.adaptiveCard(card)),
          id: activityId,
        } as Activity),
    );
  }

  async tellFm(
    address: PersonalAddress,
    notice: Notice,
    about: 'decision' | 'delivery-failed',
  ): Promise<void> {
    const activity =
      about === 'delivery-failed'
        ? MessageFactory.text(deliveryFailedText(notice))
        : MessageFactory.attachment(
            CardFactory.adaptiveCard(
              decisionResultCard({
                outcome: notice.decision!.outcome,
                customerName: notice.customerName,
                workloadNames: notice.workloadNames,
                decidedBy: notice.decision!.by.name,
                decidedAt: cardDateTime(notice.decision!.at),
                comment: notice.decision!.comment,
              }),
            ),
          );
    await this.withConnector(
      address.serviceUrl,
      address.conversationId || address.userId,
      address.orgTenantId,
      async (client) => {
        // Declared in a channel: open (or reopen) the one-to-one chat first.
        const conversationId =
          address.conversationId ||
          (
            await client.conversations.createConversation({
              isGroup: false,
              bot: { id: this.botAppId, name: 'No Intent' },
              members: [{ id: address.userId, name: notice.fm.name }],
              tenantId: address.orgTenantId,
              channelData: { tenant: { id: address.orgTenantId } },
              activity: activity as Activity,
            })
          ).id;
        if (!address.conversationId) return;
        await client.conversations.sendToConversation(conversationId, activity as Activity);
      },
    );
  }

  /**
   * Runs one connector call in a proactive turn, authenticated as the adapter does. The client's
   * own retry phase is removed first: deliverNotice is the one retry policy, so attempts and
   * waits are counted and bounded in one place.
   */
  private async withConnector<T>(
    serviceUrl: string,
    conversationId: string,
    orgTenantId: string,
    call: (client: ConnectorClient) => Promise<T>,
  ): Promise<T> {
    let result: T | undefined;
    // Errors are caught inside the turn: the adapter would hand them to onTurnError instead.
    let failure: unknown;
    try {
      await this.adapter.continueConversationAsync(
        this.botAppId,
        reference(serviceUrl, conversationId, orgTenantId),
        async (context) => {
          const client = context.turnState.get<ConnectorClient>(context.adapter.ConnectorClientKey);
          withoutRetries(client);
          try {
            result = await call(client);
          } catch (error) {
            failure = error;
          }
        },
      );
      if (failure !== undefined) throw failure;
    } catch (error) {
      const status = statusOf(error);
      throw new DeliveryError(
        error instanceof Error ? error.message : String(error),
        status,
        isPermanentStatus(status),
        retryAfterOf(error),
      );
    }
    return result as T;
  }
}

export function deliveryFailedText(notice: Notice): string {
  const where = `${notice.target.teamName} > ${notice.target.channelName}`;
  const gone = notice.delivery.lastError?.startsWith('404');
  return gone
    ? `I could not post the No Intent notice for ${notice.customerName} to ${where}: that channel no longer exists. The declaration is saved; tell the account team yourself, or record it again and pick another channel.`
    : `I could not post the No Intent notice for ${notice.customerName} to ${where}: the app is not installed in that team. Ask a team owner to add the app (Apps > No Intent > Add to a team); the declaration is saved, so record it again to post the notice, or tell the account team yourself.`;
}

function reference(
  serviceUrl: string,
  conversationId: string,
  orgTenantId: string,
): Partial<ConversationReference> {
  return {
    channelId: 'msteams',
    serviceUrl,
    conversation: {
      id: conversationId,
      tenantId: orgTenantId,
      isGroup: false,
      conversationType: '',
      name: '',
    },
  };
}

/** The connector client wraps an @azure/core-client ServiceClient, whose pipeline has phases. */
function withoutRetries(client: ConnectorClient): void {
  const inner = (
    client as unknown as { client?: { pipeline?: { removePolicy(o: { phase: string }): unknown } } }
  ).client;
  inner?.pipeline?.removePolicy({ phase: 'Retry' });
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
