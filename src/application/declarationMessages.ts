/**
 * Where a declaration's messages are in Teams: the account team's notice and the FM's live card.
 * Only the side effects that post and update those messages write this document.
 */
/** A message the bot sent, so it can be updated in place later. */
export interface CardRef {
  readonly serviceUrl: string;
  readonly orgTenantId: string;
  readonly conversationId: string;
  readonly activityId: string;
}

export type NoticeStatus =
  /** Not posted yet: scenario 1, no channel yet, or Teams has not taken it yet. */
  | 'pending'
  | 'posted'
  /** Teams refused for good (the app is not in the team, or the channel is gone). */
  | 'failed'
  /** Withdrawn or rejected before it was posted: nothing to tell the account team. */
  | 'cancelled';

export interface NoticeDelivery {
  readonly status: NoticeStatus;
  readonly conversationId: string | null;
  readonly activityId: string | null;
  readonly postedAt: string | null;
  readonly lastError: string | null;
}

export interface DeclarationMessages {
  readonly id: string;
  readonly type: 'messages';
  readonly tenantId: string;
  readonly declarationId: string;
  readonly notice: NoticeDelivery;
  /** The card in the FM's chat that shows this declaration now; older ones were retired. */
  readonly fmCard: CardRef | null;
  /** When the FM was told the app joined a team and asked for the channel; asked once. */
  readonly askedForChannelAt?: string | null;
  readonly updatedAt: string;
}

export type StoredMessages = DeclarationMessages & { readonly etag: string };

export function messagesDocumentId(declarationId: string): string {
  return `messages.${declarationId}`;
}

export function newMessages(
  tenantId: string,
  declarationId: string,
  at: string,
  fmCard: CardRef | null = null,
): DeclarationMessages {
  return {
    id: messagesDocumentId(declarationId),
    type: 'messages',
    tenantId,
    declarationId,
    notice: {
      status: 'pending',
      conversationId: null,
      activityId: null,
      postedAt: null,
      lastError: null,
    },
    fmCard,
    updatedAt: at,
  };
}
