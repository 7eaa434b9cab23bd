/** The Bot Framework adapter: authenticated with an app id and secret, open in local mode. */
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import type { BotFrameworkAuthentication } from 'botframework-connector';
import type { BotIdentity } from '../../config/botConfig';

export function createBotAdapter(
  identity: BotIdentity,
  authentication = botAuthentication(identity),
): CloudAdapter {
  const adapter = new CloudAdapter(authentication);
  adapter.onTurnError = answerTurnError;
  return adapter;
}

/** How the bot proves who it is to the connector, and checks who calls it. */
export function botAuthentication(identity: BotIdentity): BotFrameworkAuthentication {
  const settings: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: identity.appId,
    MicrosoftAppPassword: identity.appPassword,
    MicrosoftAppType: identity.appType,
    MicrosoftAppTenantId: identity.appTenantId,
  };
  return new ConfigurationBotFrameworkAuthentication(settings);
}

/** What a person hears when their turn failed; every adapter of the bot answers the same. */
export const TURN_FAILED_TEXT =
  'Something went wrong on my side before I could finish. Your answers so far are kept: try the same card again in a moment. Anything already saved is shown, not saved twice.';

export async function answerTurnError(context: TurnContext, error: Error): Promise<void> {
  console.error(`Turn failed (${context.activity.type}):`, error);
  // The dialog state of a failed turn is not saved, so the FM's last card still works. What the
  // turn may have saved before it failed is not known here, so the words promise nothing.
  await context
    .sendActivity(TURN_FAILED_TEXT)
    .catch((sendError: unknown) => console.error('Could not tell the user:', sendError));
}
