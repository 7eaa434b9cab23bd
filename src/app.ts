/** Wires the layers together: the only place where Teams, Cosmos DB and HTTP meet. */
import { PrivateConversationState } from 'botbuilder';
import { CosmosDbPartitionedStorage } from 'botbuilder-azure';
import type { BotConfig } from './config/botConfig';
import { stateStorageOptions } from './edges/cosmos/cosmosConnection';
import { CONTAINERS } from './edges/cosmos/cosmosContainers';
import { CosmosDeclarationRepository } from './edges/cosmos/cosmosDeclarationRepository';
import { openCosmos, type OpenCosmos } from './edges/cosmos/openCosmos';
import { startBotHttpServer } from './edges/http/botHttpServer';
import { createBotAdapter } from './edges/teams/botAdapter';
import { TeamsBot } from './edges/teams/teamsBot';

export interface RunningApp {
  /** Where the bot listens, e.g. http://localhost:3978. */
  readonly url: string;
  readonly cosmos: OpenCosmos;
  close(): Promise<void>;
}

export async function startApp(config: BotConfig): Promise<RunningApp> {
  const cosmos = await openCosmos(config.cosmos);
  try {
    const repository = new CosmosDeclarationRepository(
      cosmos.database.container(CONTAINERS.records.id),
      cosmos.database.container(CONTAINERS.fmDeclarations.id),
    );
    const storage = new CosmosDbPartitionedStorage(
      stateStorageOptions(cosmos.connection, CONTAINERS.botState.id),
    );
    const bot = new TeamsBot({
      repository,
      dialogStateStore: new PrivateConversationState(storage),
      now: () => new Date(),
    });
    const http = await startBotHttpServer(createBotAdapter(config.bot), bot, config.port);
    return {
      url: http.url,
      cosmos,
      close: async () => {
        await http.close();
        await cosmos.close();
      },
    };
  } catch (error) {
    await cosmos.close();
    throw error;
  }
}
