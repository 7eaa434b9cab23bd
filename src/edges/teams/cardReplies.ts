/** Answering with a card where the person is looking: on the card they tapped, if they did. */
import { CardFactory, MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import type { AdaptiveCardJson } from './cards/cardTemplate';
import { logger } from '../../log/logger';

/** The card the turn answers: Teams names it in replyToId when a person taps a button on it. */
export function tappedCardId(context: TurnContext): string | undefined {
  return context.activity.value !== undefined ? context.activity.replyToId : undefined;
}

/**
 * Redraws the card with this id (the tapped one unless told otherwise), or sends the card as a
 * new message when there is none or it cannot be redrawn. Returns the id of the card shown.
 */
export async function showCard(
  context: TurnContext,
  card: AdaptiveCardJson,
  inPlaceOf: string | undefined = tappedCardId(context),
): Promise<string | undefined> {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  if (inPlaceOf) {
    try {
      await context.updateActivity({ ...activity, id: inPlaceOf } as Partial<Activity>);
      return inPlaceOf;
    } catch (error) {
      logger.warn({ err: error }, 'Could not redraw a card; sending it anew.');
    }
  }
  return (await context.sendActivity(activity))?.id;
}
