/**
 * Counts the Cosmos DB requests a process sends, at the HTTP layer: Node reports every finished
 * HTTP client response on a diagnostics channel, and the meter keeps those addressed to the
 * Cosmos endpoint. Azure Cosmos DB states the request units (RU) of each in a response header.
 */
import { subscribe } from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';

export interface CosmosUsage {
  readonly requests: number;
  /** Those that finished while the bot was answering a request (a turn), not after it. */
  readonly requestsInTurns: number;
  /** Sum of x-ms-request-charge; the local server answers a flat 1 per request. */
  readonly requestCharge: number;
}

export function meterCosmosRequests(endpoint: string): () => CosmosUsage {
  const host = new URL(endpoint).host;
  let requests = 0;
  let requestsInTurns = 0;
  let requestCharge = 0;
  // Turns the bot is answering now: from a request's start to its response's end.
  let turnsOpen = 0;
  subscribe('http.server.request.start', () => (turnsOpen += 1));
  subscribe('http.server.response.finish', () => (turnsOpen -= 1));
  subscribe('http.client.response.finish', (message) => {
    const { request, response } = message as { request: ClientRequest; response: IncomingMessage };
    if (request.getHeader('host') !== host) return;
    requests += 1;
    if (turnsOpen > 0) requestsInTurns += 1;
    requestCharge += Number(response.headers['x-ms-request-charge'] ?? 0) || 0;
  });
  return () => ({ requests, requestsInTurns, requestCharge });
}
