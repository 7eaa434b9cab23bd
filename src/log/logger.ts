/**
 * The bot's log: one JSON object a line on standard output, which App Service's log stream and
 * Log Analytics read as they are. pino because it is small, fast and writes exactly that.
 *
 * What is logged: ids (activity, conversation, declaration, customer tenant), kinds, outcomes and
 * times. What is not: anything a person typed, tokens, keys, or a dependency's request headers.
 */
import pino from 'pino';

export const logger = pino(
  {
    level: 'info',
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: describeError },
  },
  // Written at once through process.stdout, so a test can read what was logged.
  { write: (line: string) => process.stdout.write(line) },
);

/**
 * An error as the log keeps it: its kind, message, status and stack, and its cause's message.
 * Not its other properties: the Cosmos DB SDK puts its request headers and diagnostics there.
 */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const { code, statusCode, status } = error as {
    code?: unknown;
    statusCode?: unknown;
    status?: unknown;
  };
  const cause = (error as { cause?: unknown }).cause;
  return {
    type: error.name,
    message: error.message.slice(0, 500),
    ...(code !== undefined ? { code } : {}),
    ...((statusCode ?? status) !== undefined ? { status: statusCode ?? status } : {}),
    ...(cause instanceof Error ? { cause: `${cause.name}: ${cause.message.slice(0, 300)}` } : {}),
    stack: error.stack
      ?.split('\n')
      .slice(1, 8)
      .map((line) => line.trim()),
  };
}
