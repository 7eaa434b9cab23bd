/** Wires the layers together: the only place where Teams, Cosmos DB and HTTP meet. */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { PrivateConversationState } from 'botbuilder';
import { CachedTeamDirectory } from './application/cachedTeamDirectory';
import {
  DEFAULT_DELIVERY_SETTINGS,
  sweepNotices,
  type DeliveryDeps,
  type DeliverySettings,
} from './application/deliverNotice';
import type { BotConfig } from './config/botConfig';
import { createStateStorage } from './edges/cosmos/cosmosConnection';
import { CONTAINERS } from './edges/cosmos/cosmosContainers';
import { CosmosDeclarationRepository } from './edges/cosmos/cosmosDeclarationRepository';
import { CosmosNoticeRepository, CosmosTeamDirectory } from './edges/cosmos/cosmosNoticeRepository';
import { openCosmos, type OpenCosmos } from './edges/cosmos/openCosmos';
import { startBotHttpServer } from './edges/http/botHttpServer';
import { createBotAdapter } from './edges/teams/botAdapter';
import { TeamsBot } from './edges/teams/teamsBot';
import { TeamsNoticePublisher } from './edges/teams/teamsNoticePublisher';

/** Without an app id (local mode) authentication is off, and any non-empty id will do. */
const LOCAL_BOT_APP_ID = 'local-no-intent-bot';

export interface RunningApp {
  /** Where the bot listens, e.g. http://localhost:3978. */
  readonly url: string;
  readonly cosmos: OpenCosmos;
  /** Runs one sweep of pending notices now (the timer runs them every NOTICE_SWEEP_SECONDS). */
  sweep(): Promise<void>;
  close(): Promise<void>;
}

export interface AppOptions {
  /** Overrides for tests and the benchmark, e.g. short retry delays. */
  readonly delivery?: Partial<DeliverySettings>;
}

export async function startApp(config: BotConfig, options: AppOptions = {}): Promise<RunningApp> {
  const cosmos = await openCosmos(config.cosmos);
  let sweepTimer: NodeJS.Timeout | undefined;
  try {
    const now = () => new Date();
    const repository = new CosmosDeclarationRepository(
      cosmos.database.container(CONTAINERS.records.id),
      cosmos.database.container(CONTAINERS.fmDeclarations.id),
    );
    const notices = new CosmosNoticeRepository(cosmos.database.container(CONTAINERS.notices.id));
    const teams = new CachedTeamDirectory(
      new CosmosTeamDirectory(cosmos.database.container(CONTAINERS.teams.id)),
      now,
    );
    const storage = createStateStorage(cosmos.connection);
    const adapter = createBotAdapter(config.bot);
    const publisher = new TeamsNoticePublisher(
      adapter,
      config.bot.appId || LOCAL_BOT_APP_ID,
      config.managers,
    );
    const delivery: DeliveryDeps = {
      notices,
      publisher,
      now,
      sleep: (ms) => sleep(ms),
      random: Math.random,
      settings: { ...DEFAULT_DELIVERY_SETTINGS, ...options.delivery },
    };
    const instanceId = randomUUID();
    const bot = new TeamsBot({
      repository,
      notices,
      teams,
      publisher,
      delivery,
      managers: config.managers,
      dialogStateStore: new PrivateConversationState(storage),
      instanceId,
      now,
    });
    const http = await startBotHttpServer(adapter, bot, config.port);

    let sweeping: Promise<void> = Promise.resolve();
    const sweep = () => {
      sweeping = sweeping.then(() =>
        sweepNotices(delivery, instanceId).then(
          () => undefined,
          (error: unknown) => console.error('Notice sweep failed; the next one retries:', error),
        ),
      );
      return sweeping;
    };
    sweepTimer = setInterval(() => void sweep(), config.noticeSweepSeconds * 1000);
    sweepTimer.unref();

    return {
      url: http.url,
      cosmos,
      sweep,
      close: async () => {
        clearInterval(sweepTimer);
        await http.close();
        await sweeping;
        await cosmos.close();
      },
    };
  } catch (error) {
    clearInterval(sweepTimer);
    await cosmos.close();
    throw error;
  }
}
