/**
 * Configuration, read once at start from the environment, checked and typed. Every problem is
 * reported at once, naming the variable, so a deployment is fixed in one go.
 */
import { isAbsolute, join } from 'node:path';
import type { ManagerPolicy } from '../application/managerPolicy';
import { DEFAULT_FOLLOW_UPS, type FollowUpSettings } from '../application/followUps/followUpRules';

export type AppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

export interface BotIdentity {
  /** Empty in local mode: requests are not authenticated and replies need no token. */
  readonly appId: string;
  readonly appPassword: string;
  readonly appType: AppType;
  readonly appTenantId: string;
}

export type CosmosSettings =
  | {
      readonly mode: 'local';
      readonly databaseId: string;
      /** Where the local server's documents are kept between runs; null keeps them in memory. */
      readonly dataFile: string | null;
      readonly port: number;
    }
  | {
      readonly mode: 'azure';
      readonly databaseId: string;
      readonly endpoint: string;
      /** Without a key the bot signs in with Microsoft Entra ID (managed identity in Azure). */
      readonly key: string | null;
    };

/** The Microsoft Entra app the portal tab signs people in with (Teams single sign-on). */
export interface TabSignIn {
  /** Its application (client) id. */
  readonly appId: string;
  /** Its Application ID URI, api://<domain>/<appId>: the audience of the tab's tokens. */
  readonly appIdUri: string;
  /**
   * A client secret of it, when the bot reads Microsoft Graph as this app (the manifest grants
   * its channel-message permission to the app in webApplicationInfo, which is this one); empty
   * when the bot's own app is the tab's too.
   */
  readonly appPassword: string;
}

export interface BotConfig {
  readonly production: boolean;
  readonly port: number;
  readonly bot: BotIdentity;
  readonly cosmos: CosmosSettings;
  readonly managers: ManagerPolicy;
  /** Null without TAB_APP_ID: the portal then signs no one in through Teams. */
  readonly tabSignIn: TabSignIn | null;
  /** When reminders, escalations and re-validations come, and in which working hours. */
  readonly followUps: FollowUpSettings;
  /** How often each instance carries out due side effects (notices, card updates, news). */
  readonly sweepSeconds: number;
  /** The least severe log lines written. */
  readonly logLevel: LogLevel;
}

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The bot cannot start:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const APP_TYPES: readonly AppType[] = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'];
const DEFAULT_DATA_FILE = join('data', 'local-cosmos.json');

export function loadConfig(env: NodeJS.ProcessEnv, projectRoot: string): BotConfig {
  const problems: string[] = [];
  const read = (name: string) => (env[name] ?? '').trim();
  const production = read('NODE_ENV') === 'production';

  const port = readPort(read('PORT'), 3978, 'PORT', problems);

  const appId = read('MICROSOFT_APP_ID');
  const appPassword = read('MICROSOFT_APP_PASSWORD');
  const appTenantId = read('MICROSOFT_APP_TENANT_ID');
  const appTypeText = read('MICROSOFT_APP_TYPE') || 'MultiTenant';
  const appType = APP_TYPES.find((t) => t.toLowerCase() === appTypeText.toLowerCase());
  if (!appType) {
    problems.push(
      `MICROSOFT_APP_TYPE must be one of ${APP_TYPES.join(', ')}; it is "${appTypeText}".`,
    );
  }
  if (appId && !GUID.test(appId))
    problems.push("MICROSOFT_APP_ID must be the bot's app id, a GUID.");
  if (production && !appId) {
    problems.push(
      "MICROSOFT_APP_ID is required in production (NODE_ENV=production): it is the Azure Bot's app id.",
    );
  }
  if (appId && appType !== 'UserAssignedMSI' && !appPassword) {
    problems.push(
      'MICROSOFT_APP_PASSWORD is required with MICROSOFT_APP_ID unless MICROSOFT_APP_TYPE is UserAssignedMSI.',
    );
  }
  if (!appId && appPassword)
    problems.push('MICROSOFT_APP_PASSWORD is set but MICROSOFT_APP_ID is not.');
  if (appId && appType !== 'MultiTenant' && !GUID.test(appTenantId)) {
    problems.push(
      `MICROSOFT_APP_TENANT_ID (a GUID) is required when MICROSOFT_APP_TYPE is ${appType}.`,
    );
  }

  const databaseId = read('COSMOS_DATABASE') || 'no-intent-bot';
  if (!/^[A-Za-z0-9_-]{1,255}$/.test(databaseId)) {
    problems.push('COSMOS_DATABASE may only hold letters, digits, "-" and "_".');
  }
  const endpoint = read('COSMOS_ENDPOINT');
  let cosmos: CosmosSettings;
  if (endpoint) {
    if (!/^https:\/\/[^\s/]+(:\d+)?\/?$/.test(endpoint)) {
      problems.push(
        `COSMOS_ENDPOINT must be an https URL such as https://myaccount.documents.azure.com:443/; it is "${endpoint}".`,
      );
    }
    cosmos = { mode: 'azure', databaseId, endpoint, key: read('COSMOS_KEY') || null };
  } else {
    if (production) {
      problems.push(
        'COSMOS_ENDPOINT is required in production (NODE_ENV=production): the local Cosmos server is for development only.',
      );
    }
    if (read('COSMOS_KEY')) problems.push('COSMOS_KEY is set but COSMOS_ENDPOINT is not.');
    const dataFileText = read('LOCAL_COSMOS_DATA_FILE') || DEFAULT_DATA_FILE;
    const dataFile =
      dataFileText === 'none'
        ? null
        : isAbsolute(dataFileText)
          ? dataFileText
          : join(projectRoot, dataFileText);
    const localPort = readPort(read('LOCAL_COSMOS_PORT'), 0, 'LOCAL_COSMOS_PORT', problems);
    cosmos = { mode: 'local', databaseId, dataFile, port: localPort };
  }

  const everywhere = read('MANAGER_AAD_OBJECT_IDS')
    .split(/[\s,;]+/)
    .filter((id) => id !== '');
  if (everywhere.some((id) => !GUID.test(id))) {
    problems.push(
      'MANAGER_AAD_OBJECT_IDS must list Entra object ids (GUIDs), separated by commas.',
    );
  }
  const perTeam = readTeamManagers(read('TEAM_MANAGERS'), problems);
  const tabSignIn = readTabSignIn(
    read('TAB_APP_ID'),
    read('TAB_APP_ID_URI'),
    read('TAB_APP_PASSWORD'),
    problems,
  );
  const followUps = readFollowUps(read, problems);
  const sweepText = read('SWEEP_SECONDS') || '30';
  const sweepSeconds = Number(sweepText);
  if (!Number.isInteger(sweepSeconds) || sweepSeconds < 1 || sweepSeconds > 3600) {
    problems.push(
      `SWEEP_SECONDS must be a whole number of seconds from 1 to 3600; it is "${sweepText}".`,
    );
  }

  const logLevel = (read('LOG_LEVEL') || 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}; it is "${logLevel}".`);
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    production,
    port,
    bot: { appId, appPassword, appType: appType ?? 'MultiTenant', appTenantId },
    cosmos,
    managers: { everywhere, perTeam },
    tabSignIn,
    followUps,
    sweepSeconds,
    logLevel: logLevel as LogLevel,
  };
}

function readFollowUps(read: (name: string) => string, problems: string[]): FollowUpSettings {
  const whole = (name: string, fallback: number, min: number, max: number) => {
    const text = read(name);
    if (text === '') return fallback;
    const value = Number(text);
    if (Number.isInteger(value) && value >= min && value <= max) return value;
    problems.push(`${name} must be a whole number from ${min} to ${max}; it is "${text}".`);
    return fallback;
  };
  const decisionReminderDays = whole(
    'DECISION_REMINDER_DAYS',
    DEFAULT_FOLLOW_UPS.decisionReminderDays,
    1,
    30,
  );
  const escalationDays = whole('ESCALATION_DAYS', DEFAULT_FOLLOW_UPS.escalationDays, 1, 60);
  if (escalationDays <= decisionReminderDays) {
    problems.push(
      `ESCALATION_DAYS (${escalationDays}) must be more than DECISION_REMINDER_DAYS (${decisionReminderDays}): managers are reminded before it escalates.`,
    );
  }
  const revalidationDays = whole('REVALIDATION_DAYS', DEFAULT_FOLLOW_UPS.revalidationDays, 1, 3650);
  const hoursText = read('WORKING_HOURS') || '09-17';
  const hours = /^(\d{1,2})-(\d{1,2})$/.exec(hoursText);
  const startHour = Number(hours?.[1]);
  const endHour = Number(hours?.[2]);
  if (!hours || startHour > 23 || endHour > 24 || startHour >= endHour) {
    problems.push(
      `WORKING_HOURS must be two local hours such as 09-17 (reminders go out between them); it is "${hoursText}".`,
    );
  }
  const daysText = read('WORKING_DAYS') || '1-5';
  const days = /^([1-7])-([1-7])$/.exec(daysText);
  const firstDay = Number(days?.[1]);
  const lastDay = Number(days?.[2]);
  if (!days || firstDay > lastDay) {
    problems.push(
      `WORKING_DAYS must be a range of ISO weekdays such as 1-5 (Monday to Friday); it is "${daysText}".`,
    );
  }
  const workingDays = days
    ? Array.from({ length: lastDay - firstDay + 1 }, (_, i) => firstDay + i)
    : DEFAULT_FOLLOW_UPS.hours.workingDays;
  const dayMinutes = whole('FOLLOW_UP_DAY_MINUTES', 0, 0, 1440);
  return {
    decisionReminderDays,
    escalationDays,
    revalidationDays,
    hours: hours
      ? { startHour, endHour, workingDays }
      : { ...DEFAULT_FOLLOW_UPS.hours, workingDays },
    shortDayMs: dayMinutes > 0 ? dayMinutes * 60_000 : null,
  };
}

function readTabSignIn(
  appId: string,
  appIdUri: string,
  appPassword: string,
  problems: string[],
): TabSignIn | null {
  if (!appId && !appIdUri) {
    if (appPassword) problems.push('TAB_APP_PASSWORD is set but TAB_APP_ID is not.');
    return null;
  }
  if (!GUID.test(appId)) {
    problems.push(
      "TAB_APP_ID must be the application (client) id of the tab's Microsoft Entra app, a GUID.",
    );
  }
  if (!/^api:\/\/\S+$/.test(appIdUri)) {
    problems.push(
      `TAB_APP_ID_URI must be that app's Application ID URI, e.g. api://bot.example.com/${appId || '<TAB_APP_ID>'}.`,
    );
  }
  return { appId, appIdUri, appPassword };
}

/** TEAM_MANAGERS is JSON: {"<team id>": ["<Entra object id>", ...], ...}. */
function readTeamManagers(text: string, problems: string[]): Record<string, string[]> {
  if (text === '') return {};
  const message =
    'TEAM_MANAGERS must be JSON mapping each team id to a list of Entra object ids, e.g. {"19:abc@thread.tacv2": ["<GUID>"]}.';
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error();
    const result: Record<string, string[]> = {};
    for (const [teamId, ids] of Object.entries(parsed)) {
      if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string' || !GUID.test(id)))
        throw new Error();
      result[teamId] = ids as string[];
    }
    return result;
  } catch {
    problems.push(message);
    return {};
  }
}

function readPort(text: string, fallback: number, name: string, problems: string[]): number {
  if (text === '') return fallback;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`${name} must be a port number from 0 to 65535; it is "${text}".`);
    return fallback;
  }
  return port;
}
