/**
 * Reads a channel's recent messages through Microsoft Graph, to find the bot's own notice after a
 * post whose answer was lost. The app's resource-specific consent (ChannelMessage.Read.Group, in
 * the manifest) lets it read the channels of the teams it is installed in, nothing else.
 */
import type { NoticeTarget } from '../../application/declaration';
import { DeliveryError, isPermanentStatus, type NoticeLookup } from '../../application/messenger';

export interface GraphAccess {
  /** https://graph.microsoft.com, or the loopback stand-in in tests. */
  readonly baseUrl: string;
  /** A token for Graph in the organisation's tenant; undefined where none is needed (tests). */
  token(orgTenantId: string): Promise<string | undefined>;
}

/** Graph answers within this, or the lookup fails as a network error, to retry later. */
const GRAPH_TIMEOUT_MS = 4_000;
/** Newest first, 50 a page: a notice is looked for within hours of its post, not months. */
const PAGES = 3;

interface ChannelMessage {
  readonly id?: string;
  readonly from?: { readonly application?: { readonly id?: string } | null } | null;
  readonly attachments?: readonly { readonly content?: string | null }[] | null;
}

export class ChannelMessages {
  constructor(
    /** Undefined where Graph cannot be reached (local mode): nothing can be looked up. */
    private readonly graph: GraphAccess | undefined,
    private readonly botAppId: string,
  ) {}

  async findNotice(target: NoticeTarget, declarationId: string): Promise<NoticeLookup> {
    if (!this.graph || !target.aadGroupId) return { kind: 'cannot-look' };
    const channel = encodeURIComponent(target.channelId);
    let url: string | undefined =
      `${this.graph.baseUrl}/v1.0/teams/${encodeURIComponent(target.aadGroupId)}/channels/${channel}/messages?$top=50`;
    const token = await this.tokenFor(target.orgTenantId);
    if (token === 'refused') return { kind: 'cannot-look' };
    for (let page = 0; url && page < PAGES; page += 1) {
      const answer = await this.get(url, token);
      if (answer === 'no-access') return { kind: 'cannot-look' };
      const mine = answer.value.find((message) => this.isNoticeOf(message, declarationId));
      if (mine?.id) {
        return {
          kind: 'found',
          posted: {
            conversationId: `${target.channelId};messageid=${mine.id}`,
            activityId: mine.id,
          },
        };
      }
      url = answer['@odata.nextLink'];
    }
    return { kind: 'absent' };
  }

  /**
   * A Graph token within the deadline. Refused (no consent, a misconfigured identity) means the
   * channel cannot be read, and the notice falls back to posting; no answer in time is retried.
   */
  private async tokenFor(orgTenantId: string): Promise<string | undefined | 'refused'> {
    const graph = this.graph!;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new DeliveryError('No Graph token in time.', undefined, false)),
        GRAPH_TIMEOUT_MS,
      );
    });
    try {
      return await Promise.race([graph.token(orgTenantId), late]);
    } catch (error) {
      if (error instanceof DeliveryError) throw error;
      return 'refused';
    } finally {
      clearTimeout(timer);
    }
  }

  private isNoticeOf(message: ChannelMessage, declarationId: string): boolean {
    return (
      message.from?.application?.id === this.botAppId &&
      (message.attachments ?? []).some((a) => a.content?.includes(declarationId) === true)
    );
  }

  private async get(
    url: string,
    token: string | undefined,
  ): Promise<{ value: ChannelMessage[]; '@odata.nextLink'?: string } | 'no-access'> {
    let response: Response;
    try {
      response = await fetch(url, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
        signal: AbortSignal.timeout(GRAPH_TIMEOUT_MS),
      });
    } catch (error) {
      throw new DeliveryError(`Reading the channel failed: ${String(error)}`, undefined, false);
    }
    // No consent, or the app is no longer in the team: the channel cannot be read at all.
    if (isPermanentStatus(response.status)) return 'no-access';
    if (!response.ok) {
      throw new DeliveryError(
        `Reading the channel failed (${response.status}).`,
        response.status,
        false,
      );
    }
    const body = (await response.json()) as { value?: unknown; '@odata.nextLink'?: unknown };
    return {
      value: Array.isArray(body.value) ? (body.value as ChannelMessage[]) : [],
      ...(typeof body['@odata.nextLink'] === 'string'
        ? { '@odata.nextLink': body['@odata.nextLink'] }
        : {}),
    };
  }
}
