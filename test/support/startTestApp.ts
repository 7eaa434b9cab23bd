import { startApp, type AppOptions, type RunningApp } from '../../src/app';
import { loadConfig } from '../../src/config/botConfig';
import { uniqueDatabaseName } from './uniqueDatabaseName';

/** The whole bot as main.ts starts it: any free port, the local Cosmos server in memory. */
export function startTestApp(
  env: NodeJS.ProcessEnv = {},
  options: AppOptions = {},
): Promise<RunningApp> {
  return startApp(
    loadConfig(
      { PORT: '0', LOCAL_COSMOS_DATA_FILE: 'none', COSMOS_DATABASE: uniqueDatabaseName(), ...env },
      process.cwd(),
    ),
    options,
  );
}
