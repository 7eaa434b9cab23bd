/** The Bot Framework adapter: authenticated with an app id and secret, open in local mode. */
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import type { BotIdentity } from '../../config/botConfig';

export function createBotAdapter(identity: BotIdentity): CloudAdapter {
  const settings: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: identity.appId,
    MicrosoftAppPassword: identity.appPassword,
    MicrosoftAppType: identity.appType,
    MicrosoftAppTenantId: identity.appTenantId,
  };
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(settings));
  adapter.onTurnError = async (context, error) => {
    console.error(`Turn failed (${context.activity.type}):`, error);
    // The dialog state of a failed turn is not saved, so the FM's last card still works.
    await context
      .sendActivity(
        'Something went wrong on my side and nothing was changed. Your answers so far are kept: please try the same card again in a moment.',
      )
      .catch((sendError: unknown) => console.error('Could not tell the user:', sendError));
  };
  return adapter;
}
