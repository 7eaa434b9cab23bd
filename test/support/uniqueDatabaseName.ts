import { randomUUID } from 'node:crypto';

/**
 * A database name of its own for each app a test starts. botbuilder-azure caches containers per
 * database/container name for the whole process, so two apps sharing a name would share a
 * connection to whichever local Cosmos server came first.
 */
export function uniqueDatabaseName(): string {
  return `test-${randomUUID()}`;
}
