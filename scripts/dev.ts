/**
 * One command for a newcomer: the bot with its local Cosmos server, and the Microsoft 365
 * Agents Playground as the Teams client, configured from .m365agentsplayground.yml.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { startApp } from '../src/app';
import type { DevPerson } from '../src/edges/http/portalRoutes';
import { buildTab } from './buildTab';
import { ConfigError, loadConfig, type CosmosSettings } from '../src/config/botConfig';
import { startFailure } from '../src/config/startFailure';
import { logger } from '../src/log/logger';

const ROOT = join(__dirname, '..');
const PLAYGROUND_PORT = playgroundPort(process.env.PLAYGROUND_PORT);
const PLAYGROUND_LOG = join(ROOT, 'devTools', 'm365agentsplayground.log');
/** Avery Fox (the Playground's user) and Morgan Lee, from .m365agentsplayground.yml. */
const PLAYGROUND_MANAGERS =
  '3f1c2b8e-7a4d-4e59-b6c1-0d2e3f4a5b61,3f1c2b8e-7a4d-4e59-b6c1-0d2e3f4a5b62';

async function main(): Promise<void> {
  // So one person can try both roles: Avery declares, and may also confirm. Follow-ups on a
  // shortened schedule: a working day lasts a minute, a re-validation comes after three.
  const env = {
    PORT: '3978',
    // The instructions below stay readable: the log says only what needs attention.
    LOG_LEVEL: 'warn',
    MANAGER_AAD_OBJECT_IDS: PLAYGROUND_MANAGERS,
    FOLLOW_UP_DAY_MINUTES: '1',
    REVALIDATION_DAYS: '3',
    SWEEP_SECONDS: '10',
    ...process.env,
  };
  const config = loadConfig(env, ROOT);
  logger.level = config.logLevel;
  console.log('Building the portal tab…');
  await buildTab(join(ROOT, 'dist', 'tab'));
  const app = await startApp(config, { devPeople: playgroundPeople() }).catch((error: unknown) => {
    throw startFailure(error, config.port);
  });
  console.log(
    `Bot listening on ${app.url}/api/messages (local Cosmos server ${app.cosmos.connection.endpoint}).`,
  );

  const playground = spawn(
    join(ROOT, 'node_modules', '.bin', 'agentsplayground'),
    [
      '-e',
      `${app.url}/api/messages`,
      '-c',
      'msteams',
      '-p',
      String(PLAYGROUND_PORT),
      '--disable-telemetry',
    ],
    {
      cwd: ROOT,
      env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  playground.stdout.on('data', () => undefined);
  playground.stderr.pipe(process.stderr);

  const stop = async (code: number) => {
    playground.kill('SIGTERM');
    await app.close();
    process.exit(code);
  };
  playground.on('exit', (code) => {
    if (code !== 0 && code !== null) {
      console.error(`The Agents Playground stopped with code ${code}.`);
      if (existsSync(PLAYGROUND_LOG))
        console.error(readFileSync(PLAYGROUND_LOG, 'utf8').slice(-4000));
      void stop(1);
    }
  });
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    await waitForPlayground();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    // Nothing is left running: the Playground and the bot stop with this process.
    await stop(1);
  }
  console.log(
    `\nOpen http://localhost:${PLAYGROUND_PORT} in a browser: the bot's welcome card is there.`,
  );
  console.log(
    `The No Intent portal (a Teams tab) is at ${app.url}/tab/: pick a person with its development sign-in.`,
  );
  const { hours, shortDayMs } = config.followUps;
  if (shortDayMs !== null) {
    const always = hours.startHour === 0 && hours.endHour === 24 && hours.workingDays.length === 7;
    console.log(
      `Reminders on a shortened schedule: a working day lasts ${shortDayMs / 60_000} minute(s); a daily digest still comes once per calendar day, and a snooze lasts a real week.${always ? ' They go out at any hour.' : ` They go out on working days between ${hours.startHour}:00 and ${hours.endHour}:00 in your time zone; to see them at any hour and day, start with WORKING_HOURS=00-24 WORKING_DAYS=1-7.`}`,
    );
  }
  console.log(
    `You are Avery Fox, an FM and (here) a manager. Stop with Ctrl+C; records are kept ${whereRecordsAre(config.cosmos)}.\n`,
  );
}

async function waitForPlayground(): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    const ok = await fetch(`http://localhost:${PLAYGROUND_PORT}/_debug/ping`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `The Agents Playground did not answer on port ${PLAYGROUND_PORT} within 30 s. Is the port taken? Set PLAYGROUND_PORT to a free one.`,
  );
}

function whereRecordsAre(cosmos: CosmosSettings): string {
  if (cosmos.mode === 'azure') return 'in Azure Cosmos DB';
  return cosmos.dataFile ? `in ${relative(ROOT, cosmos.dataFile)}` : 'in memory only';
}

/** The Playground's people, whom the portal's development sign-in offers. */
function playgroundPeople(): DevPerson[] {
  const config = parse(readFileSync(join(ROOT, '.m365agentsplayground.yml'), 'utf8')) as {
    tenantId: string;
    currentUser: { name: string; aadObjectId: string };
    users: { name: string; aadObjectId: string }[];
  };
  return [config.currentUser, ...config.users].map((user) => ({
    aadObjectId: user.aadObjectId,
    name: user.name,
    orgTenantId: config.tenantId,
  }));
}

/** PLAYGROUND_PORT, checked before anything starts. */
function playgroundPort(text: string | undefined): number {
  if (text === undefined || text.trim() === '') return 56150;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`PLAYGROUND_PORT must be a port number from 1 to 65535; it is "${text}".`);
    process.exit(1);
  }
  return port;
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
