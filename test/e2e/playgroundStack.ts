/**
 * The whole product on loopback for end-to-end tests: the bot with its local Cosmos server, the
 * Microsoft 365 Agents Playground as the Teams client, and Debian Chromium driving its page.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { freePort } from '../support/freePort';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { assertChromiumPresent, launchChromium } from '../support/chromium';
import type { RunningApp } from '../../src/app';
import { startTestApp } from '../support/startTestApp';

const ROOT = join(__dirname, '..', '..');
export const ARTIFACTS = join(ROOT, 'artifacts', 'e2e');
const PLAYGROUND_LOG = join(ROOT, 'devTools', 'm365agentsplayground.log');

/** From .m365agentsplayground.yml. */
export const PLAYGROUND = {
  avery: { id: 'user-avery', aadObjectId: '3f1c2b8e-7a4d-4e59-b6c1-0d2e3f4a5b61' },
  jordan: { id: 'user-jordan', aadObjectId: '3f1c2b8e-7a4d-4e59-b6c1-0d2e3f4a5b63' },
  morgan: { aadObjectId: '3f1c2b8e-7a4d-4e59-b6c1-0d2e3f4a5b62' },
  noticesChannel: '19:no-intent-notices@thread.tacv2',
  orgTenantId: '6d3a4b2c-1e5f-4a7b-9c8d-0f1e2d3c4b5a',
};

export interface PlaygroundStack {
  readonly app: RunningApp;
  readonly playgroundUrl: string;
  readonly browser: Browser;
  readonly page: Page;
  /** What the Playground printed, and its log file. */
  logs(): string;
  stop(): Promise<void>;
}

export async function startPlaygroundStack(): Promise<PlaygroundStack> {
  // Before anything starts: without Chromium there is nothing to test with.
  assertChromiumPresent();
  mkdirSync(ARTIFACTS, { recursive: true });
  // Avery (the Playground's user) declares and, as a manager, confirms; Jordan may not.
  const app = await startTestApp({
    MANAGER_AAD_OBJECT_IDS: `${PLAYGROUND.avery.aadObjectId},${PLAYGROUND.morgan.aadObjectId}`,
  });
  const port = await freePort();
  let output = '';
  const playground: ChildProcess = spawn(
    join(ROOT, 'node_modules', '.bin', 'agentsplayground'),
    ['-e', `${app.url}/api/messages`, '-c', 'msteams', '-p', String(port), '--disable-telemetry'],
    {
      cwd: ROOT,
      env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  playground.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  playground.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const logs = () =>
    `--- Playground output ---\n${output}\n--- ${PLAYGROUND_LOG} ---\n${existsSync(PLAYGROUND_LOG) ? readFileSync(PLAYGROUND_LOG, 'utf8').slice(-8000) : '(none)'}`;
  const playgroundUrl = `http://localhost:${port}`;
  try {
    await waitForPing(playgroundUrl, playground);
  } catch (error) {
    playground.kill();
    await app.close();
    throw new Error(`${String(error)}\n${logs()}`, { cause: error });
  }
  const browser = await launchChromium();

  const page = await browser.newPage({ viewport: { width: 1400, height: 1100 } });
  return {
    app,
    playgroundUrl,
    browser,
    page,
    logs,
    stop: async () => {
      await browser.close();
      playground.kill('SIGTERM');
      await app.close();
    },
  };
}

/** Sends an activity as another configured user, through the Playground's own API. */
export async function sendAs(
  playgroundUrl: string,
  conversationId: string,
  from: { id: string; aadObjectId: string },
  activity: Record<string, unknown>,
): Promise<void> {
  const template = (await (
    await fetch(
      `${playgroundUrl}/_internal/v1/customActivities/template?conversationId=${encodeURIComponent(conversationId)}`,
    )
  ).json()) as Record<string, unknown>;
  const response = await fetch(`${playgroundUrl}/_internal/v1/customActivities`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...template, from, ...activity }),
  });
  if (!response.ok)
    throw new Error(
      `The Playground refused the activity: ${response.status} ${await response.text()}`,
    );
}

async function waitForPing(url: string, playground: ChildProcess): Promise<void> {
  // Bounded by count, not by a clock: 600 probes at most, each waiting for an answer.
  for (let probe = 0; probe < 600; probe += 1) {
    if (playground.exitCode !== null)
      throw new Error(`The Playground exited with code ${playground.exitCode}.`);
    const ok = await fetch(`${url}/_debug/ping`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('The Playground never answered its ping.');
}
