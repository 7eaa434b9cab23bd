/**
 * Child process: the floors the bot is compared with, on the bot's own stack (restify, the
 * CloudAdapter, the bot's HTTP server). Floor A echoes and keeps nothing. Floor B also reads
 * and writes a conversation state per turn in the same Cosmos server as the bot, as the bot's
 * dialog state does.
 */
import {
  ActivityHandler,
  PrivateConversationState,
  type StatePropertyAccessor,
  type TurnContext,
} from 'botbuilder';
import { createCosmosClient, createStateStorage } from '../../src/edges/cosmos/cosmosConnection';
import { ensureContainers } from '../../src/edges/cosmos/cosmosContainers';
import { startBotHttpServer } from '../../src/edges/http/botHttpServer';
import { createBotAdapter } from '../../src/edges/teams/botAdapter';
import { serveParent } from './benchChild';
import { meterCosmosRequests } from './cosmosMeter';

class EchoBot extends ActivityHandler {
  private readonly turns?: StatePropertyAccessor<number>;

  constructor(private readonly state?: PrivateConversationState) {
    super();
    this.turns = state?.createProperty<number>('turns');
    this.onMessage(async (context, next) => {
      let reply = `You said: ${context.activity.text ?? ''}`;
      if (this.turns) {
        const count = (await this.turns.get(context, 0)) + 1;
        await this.turns.set(context, count);
        reply += ` (turn ${count})`;
      }
      await context.sendActivity(reply);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.state?.saveChanges(context, false);
  }
}

async function main(): Promise<void> {
  const mode = process.argv[2];
  if (mode !== 'bare' && mode !== 'state') throw new Error('Usage: echoBotProcess bare|state');
  let state: PrivateConversationState | undefined;
  let usage = null;
  if (mode === 'state') {
    const connection = {
      endpoint: process.env.COSMOS_ENDPOINT ?? '',
      key: process.env.COSMOS_KEY ?? '',
      databaseId: process.env.COSMOS_DATABASE ?? '',
    };
    usage = meterCosmosRequests(connection.endpoint);
    const client = createCosmosClient(connection);
    await ensureContainers(client, connection.databaseId);
    client.dispose();
    state = new PrivateConversationState(createStateStorage(connection));
  }
  const adapter = createBotAdapter({
    appId: '',
    appPassword: '',
    appType: 'MultiTenant',
    appTenantId: '',
  });
  const http = await startBotHttpServer(adapter, new EchoBot(state), 0, '127.0.0.1');
  serveParent({ url: http.url }, usage, () => http.close());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
