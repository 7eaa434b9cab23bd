/** The failures a start commonly meets, said so that a person can act on them. */
import { ConfigError } from './botConfig';

export function startFailure(error: unknown, botPort: number): Error {
  const { code, port } = error as { code?: unknown; port?: unknown };
  const setting = port === undefined || port === botPort ? 'PORT' : 'LOCAL_COSMOS_PORT';
  if (code === 'EADDRINUSE') {
    return new ConfigError([
      `Port ${String(port ?? botPort)} is already in use: stop the program that holds it (another "npm run dev"?) or set ${setting} to a free port.`,
    ]);
  }
  if (code === 'EACCES') {
    return new ConfigError([
      `Port ${String(port ?? botPort)} needs privileges this user lacks: set ${setting} above 1023.`,
    ]);
  }
  return error instanceof Error ? error : new Error(String(error));
}
