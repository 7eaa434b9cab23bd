/**
 * A Cosmos DB NoSQL-API server on loopback (@vercel/cosmosdb-server), for running without an
 * Azure account. It gets a fresh self-signed certificate for 127.0.0.1 at every start, and the
 * client trusts exactly that certificate: TLS checking stays on for the whole process.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createHttpsServer } from '@vercel/cosmosdb-server';
import { generate } from 'selfsigned';

/** The Cosmos DB emulator's published key; the local server accepts any key. */
export const LOCAL_COSMOS_KEY =
  'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

export interface LocalCosmosServer {
  readonly endpoint: string;
  readonly key: string;
  /** PEM of the certificate the server presents; give it to the client as its only CA. */
  readonly certificatePem: string;
  /** Called after every request that changed data has been answered. */
  onWrite(listener: () => void): void;
  /**
   * Called for every request before the server handles it: to count round trips, or (in tests)
   * to fail it the way a network does.
   */
  onRequest(
    listener: (method: string, url: string, req: IncomingMessage, res: ServerResponse) => void,
  ): void;
  close(): Promise<void>;
}

export async function startLocalCosmosServer(port = 0): Promise<LocalCosmosServer> {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 30 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  const server: Server = createHttpsServer({ keepAlive: true, cert: pems.cert, key: pems.private });
  const writeListeners: (() => void)[] = [];
  const requestListeners: Parameters<LocalCosmosServer['onRequest']>[0][] = [];
  // Before the server's own handler, so a listener sees the request first.
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    for (const listener of requestListeners) listener(method, req.url ?? '', req, res);
    if (changesData(req)) res.on('finish', () => writeListeners.forEach((listener) => listener()));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    endpoint: `https://127.0.0.1:${address.port}/`,
    key: LOCAL_COSMOS_KEY,
    certificatePem: pems.cert,
    onWrite: (listener) => writeListeners.push(listener),
    onRequest: (listener) => requestListeners.push(listener),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function changesData(req: IncomingMessage): boolean {
  if (req.method === 'GET' || req.method === 'HEAD') return false;
  return !(req.method === 'POST' && req.headers['x-ms-documentdb-isquery'] !== undefined);
}
