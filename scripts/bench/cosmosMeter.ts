/**
 * Counts the Cosmos DB requests a process sends, at the HTTP layer: Node reports every finished
 * HTTP client response on a diagnostics channel, and the meter keeps those addressed to the
 * Cosmos endpoint. Azure Cosmos DB states the request units (RU) of each in a response header.
 */
import { subscribe } from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';

export interface CosmosUsage {
  readonly requests: number;
  /** Sum of x-ms-request-charge; the local server answers a flat 1 per request. */
  readonly requestCharge: number;
}

export function meterCosmosRequests(endpoint: string): () => CosmosUsage {
  const host = new URL(endpoint).host;
  let requests = 0;
  let requestCharge = 0;
  subscribe('http.client.response.finish', (message) => {
    const { request, response } = message as { request: ClientRequest; response: IncomingMessage };
    if (request.getHeader('host') !== host) return;
    requests += 1;
    requestCharge += Number(response.headers['x-ms-request-charge'] ?? 0) || 0;
  });
  return () => ({ requests, requestCharge });
}
