/**
 * The bot's own access to Microsoft Graph, in the organisation's tenant where its teams are: an
 * app token of the app the manifest's webApplicationInfo names, to which Teams grants the
 * channel-message permission. That is the portal tab's app when it has a secret here, otherwise
 * the identity that talks to the Bot Framework (its secret, or its managed identity). Without an
 * app id (local mode) there is none.
 */
import {
  JwtTokenProviderFactory,
  ManagedIdentityAppCredentials,
  MicrosoftAppCredentials,
  type AppCredentials,
} from 'botframework-connector';
import type { BotIdentity, TabSignIn } from '../../config/botConfig';
import type { GraphAccess } from './channelMessages';

const GRAPH = 'https://graph.microsoft.com';

export function graphAccess(identity: BotIdentity, tab: TabSignIn | null): GraphAccess | undefined {
  if (!identity.appId) return undefined;
  const tabApp = tab?.appPassword ? tab : undefined;
  // One per tenant: each caches and renews its own token.
  const byTenant = new Map<string, AppCredentials>();
  const credentialsFor = (orgTenantId: string): AppCredentials => {
    let credentials = byTenant.get(orgTenantId);
    if (!credentials) {
      credentials = tabApp
        ? new MicrosoftAppCredentials(tabApp.appId, tabApp.appPassword, orgTenantId, GRAPH)
        : identity.appType === 'UserAssignedMSI'
          ? new ManagedIdentityAppCredentials(identity.appId, GRAPH, new JwtTokenProviderFactory())
          : new MicrosoftAppCredentials(identity.appId, identity.appPassword, orgTenantId, GRAPH);
      byTenant.set(orgTenantId, credentials);
    }
    return credentials;
  };
  return { baseUrl: GRAPH, token: (orgTenantId) => credentialsFor(orgTenantId).getToken() };
}
