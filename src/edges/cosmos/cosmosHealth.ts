/** Whether Cosmos DB answers now: one read of the database's own record, bounded by the timeout. */
import { readDeadline } from './cosmosConnection';
import type { OpenCosmos } from './openedCosmos';

export async function cosmosAnswers(cosmos: Pick<OpenCosmos, 'database'>): Promise<boolean> {
  try {
    await cosmos.database.read(readDeadline());
    return true;
  } catch {
    return false;
  }
}
