import { TurnContext } from 'botbuilder';
import type { Person } from '../../application/declarationRecord';

/** What the user typed, without the @mention that channels and group chats put in front. */
export function spokenText(context: TurnContext): string {
  const withoutMention =
    TurnContext.removeRecipientMention(context.activity) ?? context.activity.text;
  return (withoutMention ?? '').trim();
}

/** The person behind the turn: their Entra object id when Teams gives one. */
export function turnPerson(context: TurnContext): Person {
  const from = context.activity.from;
  return { aadObjectId: from.aadObjectId ?? from.id, name: from.name ?? 'Unknown user' };
}
