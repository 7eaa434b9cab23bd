/**
 * Network faults between the bot and the real local Cosmos server: a request that never
 * arrives (the connection drops before it is read), or one that is carried out but whose answer
 * never comes back (the connection drops before the response). Only requests for one database
 * are touched, so other tests sharing the server are not.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalCosmosServer } from '../../src/edges/cosmos/localCosmosServer';

/**
 * `hang`: the server carries the request out but never answers, as a paused process would,
 * until `heal` drops the connection.
 */
export type FaultKind = 'lost-request' | 'lost-answer' | 'hang';

export interface RequestShape {
  readonly method: string;
  readonly url: string;
  /** A transactional batch (many documents in one request). */
  readonly batch: boolean;
}

interface PlannedFault {
  readonly kind: FaultKind;
  readonly matches: (request: RequestShape) => boolean;
}

export interface CosmosFaults {
  /** The next request that matches fails this way; faults apply in the order given. */
  failNext(kind: FaultKind, matches?: (request: RequestShape) => boolean): void;
  /** Every request fails this way until `heal` (the server unreachable). */
  failAll(kind?: FaultKind): void;
  heal(): void;
  /** Faults planned but not yet met. */
  pending(): number;
}

const attached = new WeakMap<LocalCosmosServer, Map<string, CosmosFaults & { handle: Handler }>>();
type Handler = (shape: RequestShape, req: IncomingMessage, res: ServerResponse) => void;

export function cosmosFaults(server: LocalCosmosServer, databaseId: string): CosmosFaults {
  let byDatabase = attached.get(server);
  if (!byDatabase) {
    const created = new Map<string, CosmosFaults & { handle: Handler }>();
    byDatabase = created;
    attached.set(server, created);
    server.onRequest((method, url, req, res) => {
      const database = /\/dbs\/([^/]+)/.exec(url)?.[1];
      const faults = database ? created.get(decodeURIComponent(database)) : undefined;
      faults?.handle(
        { method, url, batch: req.headers['x-ms-cosmos-is-batch-request'] !== undefined },
        req,
        res,
      );
    });
  }
  const planned: PlannedFault[] = [];
  let always: FaultKind | undefined;
  const held = new Set<IncomingMessage['socket']>();
  const faults = {
    failNext: (kind: FaultKind, matches: (request: RequestShape) => boolean = () => true) =>
      void planned.push({ kind, matches }),
    failAll: (kind: FaultKind = 'lost-request') => void (always = kind),
    heal: () => {
      always = undefined;
      planned.splice(0);
      for (const socket of held) socket.destroy();
      held.clear();
    },
    pending: () => planned.length,
    handle: (shape: RequestShape, req: IncomingMessage, res: ServerResponse) => {
      // Every planned fault sees every request, so counting matchers stay in step.
      const matched = planned.map((fault) => fault.matches(shape));
      const index = matched.indexOf(true);
      const kind = always ?? (index >= 0 ? planned.splice(index, 1)[0]!.kind : undefined);
      if (kind === 'lost-request') {
        // The body is dropped before the server reads it: nothing is carried out.
        req.destroy(new Error('The connection dropped.'));
        req.socket.destroy();
      }
      if (kind === 'hang') {
        held.add(req.socket);
        res.writeHead = (() => res) as unknown as typeof res.writeHead;
        res.write = (() => true) as typeof res.write;
        res.end = (() => res) as typeof res.end;
      }
      if (kind === 'lost-answer') {
        // The server carries the request out; the connection drops before its answer.
        res.end = (() => {
          req.socket.destroy();
          return res;
        }) as typeof res.end;
      }
    },
  };
  byDatabase.set(databaseId, faults);
  return faults;
}
