/** Wires the layers together: the only place where Teams, Cosmos DB and HTTP meet. */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PrivateConversationState } from 'botbuilder';
import { CachedPeople } from './application/cachedPeople';
import { CachedTeamDirectory } from './application/cachedTeamDirectory';
import { EffectRunner } from './application/effectRunner';
import { importLegacyRecords } from './application/importLegacyRecords';
import { buildPortalRows } from './application/portal/buildPortalRows';
import { deliverDueReminders } from './application/followUps/deliverReminders';
import { scheduleEarlierFollowUps } from './application/followUps/scheduleEarlierFollowUps';
import { DEFAULT_EFFECT_SETTINGS, type EffectSettings } from './application/sideEffects';
import type { BotConfig } from './config/botConfig';
import { createStateStorage } from './edges/cosmos/cosmosConnection';
import { CONTAINERS } from './edges/cosmos/cosmosContainers';
import { CosmosLedgerRepository } from './edges/cosmos/cosmosLedgerRepository';
import { CosmosLegacyStore } from './edges/cosmos/cosmosLegacyStore';
import { CosmosPeopleRepository } from './edges/cosmos/cosmosPeopleRepository';
import { CosmosPortalRepository } from './edges/cosmos/cosmosPortalRepository';
import { CosmosReminderRepository } from './edges/cosmos/cosmosReminderRepository';
import { CosmosTeamDirectory } from './edges/cosmos/cosmosTeamDirectory';
import { cosmosAnswers } from './edges/cosmos/cosmosHealth';
import { readiness } from './edges/http/readiness';
import { openCosmos, type OpenCosmos } from './edges/cosmos/openCosmos';
import { startBotHttpServer } from './edges/http/botHttpServer';
import { registerPortalRoutes, type DevPerson } from './edges/http/portalRoutes';
import { createTabTokenCheck, ENTRA_SIGNING_KEYS } from './edges/http/tabToken';
import { logger } from './log/logger';
import type { SigningKeySettings } from './edges/http/signingKeys';
import { botAuthentication, createBotAdapter } from './edges/teams/botAdapter';
import { ChannelMessages, type GraphAccess } from './edges/teams/channelMessages';
import { TeamRoster } from './edges/teams/teamRoster';
import { graphAccess } from './edges/teams/graphAccess';
import { ProactiveConnector } from './edges/teams/proactiveConnector';
import { TeamsBot } from './edges/teams/teamsBot';
import { TeamsMessenger } from './edges/teams/teamsMessenger';

/** Without an app id (local mode) authentication is off, and any non-empty id will do. */
const LOCAL_BOT_APP_ID = 'local-no-intent-bot';

export interface RunningApp {
  /** Where the bot listens, e.g. http://localhost:3978. */
  readonly url: string;
  readonly cosmos: OpenCosmos;
  /** One pass over every due side effect now (the timer runs one every SWEEP_SECONDS). */
  sweep(): Promise<void>;
  /** Resolves once the side effects started by earlier turns have finished. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface AppOptions {
  /** Overrides for tests and the benchmark, e.g. short retry delays. */
  readonly effects?: Partial<EffectSettings>;
  /** Tests only: how long a readiness answer is kept (5 s otherwise). */
  readonly readinessEveryMs?: number;
  /** Tests only: a loopback stand-in for Microsoft Graph, where the bot reads its channels. */
  readonly graph?: GraphAccess;
  /** Tests only: a loopback stand-in for the Bot Framework's signing keys, short deadlines. */
  readonly signingKeys?: Partial<SigningKeySettings>;
  /** Tests only: a loopback stand-in for Microsoft Entra ID's keys, which sign the tab's tokens. */
  readonly tabSigningKeys?: Partial<SigningKeySettings>;
  /** Local mode only: the people the portal's development sign-in offers. */
  readonly devPeople?: readonly DevPerson[];
  /** Where the built tab is; dist/tab otherwise. */
  readonly tabFolder?: string;
}

export async function startApp(config: BotConfig, options: AppOptions = {}): Promise<RunningApp> {
  const cosmos = await openCosmos(config.cosmos);
  let sweepTimer: NodeJS.Timeout | undefined;
  try {
    const now = () => new Date();
    const ledger = new CosmosLedgerRepository(cosmos.database.container(CONTAINERS.ledger.id));
    const portal = new CosmosPortalRepository(cosmos.database.container(CONTAINERS.portal.id));
    const imported = await importLegacyRecords(
      {
        legacy: new CosmosLegacyStore(cosmos.database),
        ledger,
        importCustomer: (customer) => ledger.importCustomer(customer),
      },
      now(),
    );
    if (imported.customers > 0) {
      logger.info(
        { event: 'legacy-import', ...imported, unplaced: imported.unplaced.length },
        'Brought earlier declarations into the ledger.',
      );
    }
    if (imported.unplaced.length > 0) {
      logger.error(
        { event: 'legacy-import', unplaced: imported.unplaced.length },
        `The earlier records of ${imported.unplaced.length} customers stay in the "records" container: their organisation cannot be told (no notice, and not exactly one organisation with the app installed). Install the app in the organisation's team, then restart.`,
      );
    }
    const reminders = new CosmosReminderRepository(cosmos.database.container(CONTAINERS.people.id));
    const people = new CachedPeople(
      new CosmosPeopleRepository(cosmos.database.container(CONTAINERS.people.id)),
      now,
    );
    const teams = new CachedTeamDirectory(
      new CosmosTeamDirectory(cosmos.database.container(CONTAINERS.teams.id)),
      now,
    );
    const storage = createStateStorage(cosmos.connection);
    // botbuilder-azure sets its container up once per process and keeps the outcome, a failure
    // too: it is done now, so a database away at start stops the start instead of every turn.
    await storage.read(['start-up']);
    const authentication = botAuthentication(config.bot);
    const adapter = createBotAdapter(config.bot, authentication);
    const botAppId = config.bot.appId || LOCAL_BOT_APP_ID;
    const connector = new ProactiveConnector(authentication, botAppId);
    const roster = new TeamRoster(connector, teams);
    const messenger = new TeamsMessenger(
      connector,
      botAppId,
      config.managers,
      new ChannelMessages(options.graph ?? graphAccess(config.bot, config.tabSignIn), botAppId),
      { roster, followUps: config.followUps, now },
    );
    const effects = new EffectRunner(
      {
        ledger,
        portal,
        messenger,
        people,
        teams,
        policy: config.managers,
        reminders,
        followUps: config.followUps,
        now,
        sleep: (ms: number) => sleep(ms),
        random: Math.random,
        settings: { ...DEFAULT_EFFECT_SETTINGS, ...options.effects },
        log: (text, error) => logger.warn({ err: error }, text),
        report: (done) => logger.info({ event: 'effect', ...done }, 'Side effect carried out.'),
      },
      randomUUID(),
    );
    const bot = new TeamsBot({
      ledger,
      people,
      teams,
      messenger,
      effects,
      managers: config.managers,
      dialogStateStore: new PrivateConversationState(storage),
      now,
      followUps: config.followUps,
      reminders,
      roster,
    });
    const policy = config.managers;
    const tabToken = config.tabSignIn
      ? await createTabTokenCheck(config.tabSignIn, {
          ...ENTRA_SIGNING_KEYS,
          ...options.tabSigningKeys,
        })
      : undefined;
    const portalRoutes = {
      queries: {
        portal,
        ledger,
        policy,
        teams,
        membership: roster,
        now,
      },
      decisions: { ledger, policy, effects, now, followUps: config.followUps },
      tabToken,
      // Local mode only: with an app id, people sign in through Teams.
      devPeople: config.bot.appId || config.production ? null : (options.devPeople ?? []),
      tabFolder: options.tabFolder ?? join(__dirname, '..', 'dist', 'tab'),
    };
    const http = await startBotHttpServer(adapter, bot, config.port, undefined, {
      signingKeys: options.signingKeys,
      ready: readiness(() => cosmosAnswers(cosmos), options.readinessEveryMs),
      moreRoutes: (server) => registerPortalRoutes(server, portalRoutes),
    });
    // Rows and follow-ups for what was saved before the portal and follow-ups existed; once, in
    // the background.
    const scheduling = scheduleEarlierFollowUps({
      ledger,
      reminders,
      now,
      followUps: config.followUps,
    }).then(
      (declarations) =>
        declarations > 0 &&
        logger.info(
          { event: 'follow-ups-scheduled', declarations },
          'Scheduled the follow-ups of earlier declarations.',
        ),
      (error: unknown) =>
        logger.error(
          { err: error },
          'Scheduling earlier follow-ups failed; the next start retries.',
        ),
    );
    const building = buildPortalRows({ ledger, portal, now }).then(
      (customers) =>
        customers > 0 &&
        logger.info({ event: 'portal-built', customers }, 'Built the portal rows from the ledger.'),
      (error: unknown) =>
        logger.error({ err: error }, 'Building the portal rows failed; the next start retries.'),
    );

    const deliveries = {
      reminders,
      ledger,
      people,
      policy,
      messenger,
      now,
      followUps: config.followUps,
      log: (text: string, error?: unknown) => logger.warn({ err: error }, text),
    };
    // One sweep at a time: a tick that finds one still running is skipped, not queued. Side
    // effects first, then the reminders that are due (each person's in their working hours).
    let sweeping: Promise<void> | undefined;
    const sweep = () => {
      sweeping ??= effects
        .sweep()
        .then(() => deliverDueReminders(deliveries))
        .then((report) => {
          if (report.reminders + report.blocked + report.retryLater > 0) {
            logger.info({ event: 'reminders', ...report }, 'Reminders sent.');
          }
        })
        .then(
          () => undefined,
          (error: unknown) =>
            logger.error({ err: error }, 'The side-effect sweep failed; the next one retries.'),
        )
        .finally(() => (sweeping = undefined));
      return sweeping;
    };
    sweepTimer = setInterval(() => void sweep(), config.sweepSeconds * 1000);
    sweepTimer.unref();

    return {
      url: http.url,
      cosmos,
      sweep,
      idle: async () => {
        await bot.idle();
        await effects.idle();
      },
      close: async () => {
        clearInterval(sweepTimer);
        await http.close();
        await building;
        await scheduling;
        await sweeping;
        await bot.idle();
        await effects.idle();
        await cosmos.close();
      },
    };
  } catch (error) {
    clearInterval(sweepTimer);
    await cosmos.close();
    throw error;
  }
}
