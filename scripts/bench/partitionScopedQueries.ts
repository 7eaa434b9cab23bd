/**
 * Makes the local Cosmos server answer a query that names a partition from that partition's
 * documents only, as Azure Cosmos DB does.
 *
 * @vercel/cosmosdb-server ignores a query's partition key and runs it over every document of the
 * container (account/items.js: `[...this._data.values()]`), and the code @zeit/cosmosdb-query
 * generates for `FROM c` builds its working list with `[...list, {c}]` inside a reduce, a cost
 * that grows with the square of the container's documents: one page of portal rows took 45 ms
 * among 5,000 documents, 1.7 s among 20,000 and 33 s among 80,000. At 100,000 entitlements every
 * portal query would outlast the bot's 3 s request timeout. Scoped to one organisation's
 * partition, a query reads that organisation's rows alone, as it does in Azure.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage } from 'node:http';
import Items from '@vercel/cosmosdb-server/lib/account/items';
import type { LocalCosmosServer } from '../../src/edges/cosmos/localCosmosServer';

type Documents = Map<string, { read(): unknown }>;

interface QueriedItems {
  _data: Documents;
  _getPartition(document: unknown): unknown;
  query(params: unknown, options: unknown): unknown;
}

/** What a query request reads: one partition, none (a query plan), or all. */
type Scope = { readonly partition: string } | 'nothing' | 'everything';

export function scopeQueriesToPartitions(server: LocalCosmosServer): void {
  const scopeOfRequest = new AsyncLocalStorage<Scope>();
  // Request listeners run before the server's own handler, whose work then keeps this context.
  server.onRequest((_method, _url, req) => scopeOfRequest.enterWith(scopeOf(req)));
  const items = Items.prototype as unknown as QueriedItems;
  const queryAll = items.query;
  items.query = function (this: QueriedItems, params: unknown, options: unknown) {
    const scope = scopeOfRequest.getStore() ?? 'everything';
    if (scope === 'everything') return queryAll.call(this, params, options);
    const all = this._data;
    this._data = new Map(
      scope === 'nothing'
        ? []
        : [...all].filter(([, item]) => this._getPartition(item.read()) === scope.partition),
    );
    try {
      return queryAll.call(this, params, options);
    } finally {
      this._data = all;
    }
  };
}

/**
 * A query names its partition in `x-ms-documentdb-partitionkey: ["<org>"]`. Before an ORDER BY
 * query the SDK asks for its query plan, which this server does not make: it runs the query over
 * every document instead, and the SDK makes nothing of the answer. Such a request reads nothing.
 */
function scopeOf(req: IncomingMessage): Scope {
  if (String(req.headers['x-ms-cosmos-is-query-plan-request']).toLowerCase() === 'true') {
    return 'nothing';
  }
  const header = req.headers['x-ms-documentdb-partitionkey'];
  if (typeof header !== 'string') return 'everything';
  try {
    const [value] = JSON.parse(header) as unknown[];
    return typeof value === 'string' ? { partition: value } : 'everything';
  } catch {
    return 'everything';
  }
}
