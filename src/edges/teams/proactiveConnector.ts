/**
 * Connector clients for the bot's own calls outside a turn (notices, card updates, news), one
 * per service URL, kept for the life of the process: building one costs about as much CPU as
 * the call itself. Each client gets its tokens as the adapter's do, and renews them itself.
 */
import {
  AuthenticationConstants,
  ClaimsIdentity,
  type BotFrameworkAuthentication,
  type ConnectorClient,
} from 'botframework-connector';

/** Service URLs are per region; a bot meets a handful. */
const MAX_CLIENTS = 100;

export class ProactiveConnector {
  private readonly clients = new Map<string, Promise<ConnectorClient>>();

  constructor(
    private readonly authentication: BotFrameworkAuthentication,
    /** The bot's app id; any non-empty id in local mode, where authentication is off. */
    private readonly botAppId: string,
  ) {}

  client(serviceUrl: string): Promise<ConnectorClient> {
    let client = this.clients.get(serviceUrl);
    if (!client) {
      if (this.clients.size >= MAX_CLIENTS) this.clients.clear();
      const identity = new ClaimsIdentity([
        { type: AuthenticationConstants.AudienceClaim, value: this.botAppId },
        { type: AuthenticationConstants.AppIdClaim, value: this.botAppId },
      ]);
      client = this.authentication
        .createConnectorFactory(identity)
        .create(serviceUrl, undefined)
        .then(withoutRetries);
      // A failed creation is not kept: the next call tries again.
      client.catch(() => this.clients.delete(serviceUrl));
      this.clients.set(serviceUrl, client);
    }
    return client;
  }
}

/**
 * The connector client wraps an @azure/core-client ServiceClient, whose pipeline has phases. Its
 * retry phase is removed: the side effects' runner is the one retry policy, so attempts and
 * waits are counted and bounded in one place.
 */
function withoutRetries(client: ConnectorClient): ConnectorClient {
  const inner = (
    client as unknown as { client?: { pipeline?: { removePolicy(o: { phase: string }): unknown } } }
  ).client;
  inner?.pipeline?.removePolicy({ phase: 'Retry' });
  return client;
}
