/**
 * Cold start: from spawning the production entry point (`npm start`'s dist/main.js, as
 * `npm run build` bundles it) to the first message turn it serves. Cosmos DB is already
 * running, so its start-up is not counted. Under tsx (the quick run of the tests) the source
 * runs instead, which only shows that the measurement works.
 */
import { spawn } from 'node:child_process';
import { productionNodeFlags } from './benchChild';
import { extname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../test/support/freePort';
import { ORG_TENANT } from './simulatedUsers';

export interface ColdStart {
  /** Process spawned → the first message turn answered. */
  readonly firstTurnMs: number;
}

export async function measureColdStart(
  projectRoot: string,
  env: NodeJS.ProcessEnv,
): Promise<ColdStart> {
  const fromSource = extname(__filename) === '.ts';
  const main = fromSource
    ? ['--import', 'tsx', join(projectRoot, 'src', 'main.ts')]
    : [join(projectRoot, 'dist', 'main.js')];
  const port = await freePort();
  const started = performance.now();
  const flags = ['--disable-warning=DEP0111', ...productionNodeFlags()];
  const child = spawn(process.execPath, [...flags, ...main], {
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`main exited with code ${child.exitCode}.`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(helpMessage()),
        });
        const body = await response.text();
        if (!response.ok) throw new Error(`The first turn failed (${response.status}): ${body}`);
        break;
      } catch (error) {
        if (!isConnectionRefused(error)) throw error;
        await sleep(5);
      }
    }
    return { firstTurnMs: performance.now() - started };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

/** "help" in a personal chat, answered in the HTTP response, so no connector is needed. */
function helpMessage(): Record<string, unknown> {
  return {
    type: 'message',
    id: 'cold-start',
    text: 'help',
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    deliveryMode: 'expectReplies',
    from: {
      id: '29:cold',
      name: 'Cold Start',
      aadObjectId: '00000000-0000-4000-8000-00000000c01d',
    },
    recipient: { id: '28:bench-bot', name: 'No Intent' },
    conversation: { id: 'a:cold-start', conversationType: 'personal', tenantId: ORG_TENANT },
    channelData: { tenant: { id: ORG_TENANT } },
  };
}

function isConnectionRefused(error: unknown): boolean {
  return (error as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED';
}
