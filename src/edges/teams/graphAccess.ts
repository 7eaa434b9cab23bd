/**
 * The bot's own access to Microsoft Graph, in the organisation's tenant where its teams are: an
 * app token from the same identity that talks to the Bot Framework (its secret, or its managed
 * identity). Without an app id (local mode) there is none.
 */
import {
  JwtTokenProviderFactory,
  ManagedIdentityAppCredentials,
  MicrosoftAppCredentials,
  type AppCredentials,
} from 'botframework-connector';
import type { BotIdentity } from '../../config/botConfig';
import type { GraphAccess } from './channelMessages';

const GRAPH = 'https://graph.microsoft.com';

export function graphAccess(identity: BotIdentity): GraphAccess | undefined {
  if (!identity.appId) return undefined;
  // One per tenant: each caches and renews its own token.
  const byTenant = new Map<string, AppCredentials>();
  const credentialsFor = (orgTenantId: string): AppCredentials => {
    let credentials = byTenant.get(orgTenantId);
    if (!credentials) {
      credentials =
        identity.appType === 'UserAssignedMSI'
          ? new ManagedIdentityAppCredentials(identity.appId, GRAPH, new JwtTokenProviderFactory())
          : new MicrosoftAppCredentials(identity.appId, identity.appPassword, orgTenantId, GRAPH);
      byTenant.set(orgTenantId, credentials);
    }
    return credentials;
  };
  return { baseUrl: GRAPH, token: (orgTenantId) => credentialsFor(orgTenantId).getToken() };
}
