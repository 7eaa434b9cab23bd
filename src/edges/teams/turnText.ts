import { TurnContext } from 'botbuilder';
import { cleanText } from '../../application/cleanText';
import type { PersonalAddress } from '../../application/declaration';
import type { CardRef } from '../../application/declarationMessages';
import type { Person } from '../../playbook/person';

/** What the user typed, without the @mention that channels and group chats put in front. */
export function spokenText(context: TurnContext): string {
  const withoutMention =
    TurnContext.removeRecipientMention(context.activity) ?? context.activity.text;
  return cleanText(withoutMention ?? '');
}

/** The person behind the turn: their Entra object id when Teams gives one. */
export function turnPerson(context: TurnContext): Person {
  const from = context.activity.from;
  return {
    aadObjectId: from.aadObjectId ?? from.id,
    name: cleanText(from.name ?? '') || 'Unknown user',
  };
}

/** The organisation's tenant (where the app is installed), as Teams reports it. */
export function orgTenantOf(context: TurnContext): string {
  const channelData = context.activity.channelData as { tenant?: { id?: string } } | undefined;
  return context.activity.conversation.tenantId ?? channelData?.tenant?.id ?? 'local';
}

/** Where to reach this person one to one: this chat when it is personal, else a new one. */
export function personalAddressOf(context: TurnContext): PersonalAddress {
  const { activity } = context;
  return {
    serviceUrl: activity.serviceUrl,
    conversationId:
      activity.conversation.conversationType === 'personal' ? activity.conversation.id : '',
    userId: activity.from.id,
    orgTenantId: orgTenantOf(context),
  };
}

/** Where a message of this conversation is, so it can be updated in place later. */
export function cardRefOf(context: TurnContext, activityId: string): CardRef {
  const { activity } = context;
  return {
    serviceUrl: activity.serviceUrl,
    orgTenantId: orgTenantOf(context),
    conversationId: activity.conversation.id,
    activityId,
  };
}
