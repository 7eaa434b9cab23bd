/** Transactional batches in one logical partition, and what came of them. */
import type {
  Container,
  ItemDefinition,
  JSONObject,
  OperationInput,
  OperationResponse,
} from '@azure/cosmos';
import { cosmosStatus, HTTP_FAILED_DEPENDENCY } from './cosmosStatus';

/** Azure Cosmos DB takes at most 100 operations in one transactional batch. */
export const MAX_BATCH_OPERATIONS = 100;

export type BatchOutcome =
  | { readonly ok: true; readonly results: OperationResponse[] }
  | { readonly ok: false; readonly index: number; readonly status: number };

/**
 * Runs operations in one partition as one transactional batch. Gives the results, or the index
 * and status of the operation that failed.
 */
export async function runBatch(
  container: Container,
  partitionKey: string,
  operations: OperationInput[],
): Promise<BatchOutcome> {
  let results: OperationResponse[];
  try {
    // Every operation names the partition too: the local server reads it per operation.
    const inPartition = operations.map((op) => ({ ...op, partitionKey }));
    results = (await container.items.batch(inPartition, partitionKey)).result ?? [];
  } catch (error) {
    // Azure Cosmos DB may answer a failed batch with the failing operation's status.
    const status = cosmosStatus(error);
    if (status === undefined || Number.isNaN(status)) throw error;
    return { ok: false, index: 0, status };
  }
  // The operations after a failure are not attempted (424): the first other failure is why.
  const failed = results.findIndex(
    (r) => (r.statusCode < 200 || r.statusCode >= 300) && r.statusCode !== HTTP_FAILED_DEPENDENCY,
  );
  if (failed >= 0) return { ok: false, index: failed, status: results[failed]!.statusCode };
  return { ok: true, results };
}

/** Documents are plain JSON by construction; the SDK's type cannot see that. */
export function json(document: object): JSONObject {
  return document as unknown as JSONObject;
}

export function bodyOf(result: OperationResponse): ItemDefinition {
  if (!result.resourceBody) throw new Error('A batch operation came back without its document.');
  return result.resourceBody as ItemDefinition;
}
