/** Requests to the bot's /api/messages as a client (or a forger) would send them. */
import { request } from 'node:http';

export interface HttpAnswer {
  readonly status: number;
  /** The body parsed as JSON, or its text when it is not JSON, or undefined when empty. */
  readonly body: unknown;
}

/** A Teams activity from Avery Fox in a personal chat; `overrides` replace or add fields. */
export function personalActivity(
  serviceUrl: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    type: 'message',
    id: `m-${Math.random()}`,
    text: 'help',
    channelId: 'msteams',
    serviceUrl,
    from: {
      id: '29:avery',
      name: 'Avery Fox',
      aadObjectId: '00000000-0000-0000-0000-00000000a001',
    },
    recipient: { id: '28:bot', name: 'No Intent' },
    conversation: {
      id: 'a:personal-avery',
      conversationType: 'personal',
      tenantId: '6d3a4b2c-1e5f-4a7b-9c8d-0f1e2d3c4b5a',
    },
    ...overrides,
  };
}

/** A Universal Actions refresh of "my declarations": answered in the invoke, nothing sent. */
export function refreshListInvoke(serviceUrl: string): Record<string, unknown> {
  return personalActivity(serviceUrl, {
    type: 'invoke',
    name: 'adaptiveCard/action',
    text: undefined,
    value: {
      action: { type: 'Action.Execute', verb: 'refreshList', data: { list: 'my-declarations' } },
      trigger: 'automatic',
    },
  });
}

export async function postJson(
  botUrl: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<HttpAnswer> {
  return postRaw(botUrl, JSON.stringify(body), {
    'content-type': 'application/json',
    ...headers,
  });
}

/**
 * Any body with any headers. Without a content-length header the body goes chunked, so the
 * server cannot know its size before reading it.
 */
export function postRaw(
  botUrl: string,
  body: string | Buffer | Buffer[],
  headers: Record<string, string>,
): Promise<HttpAnswer> {
  const chunks = Array.isArray(body) ? body : [typeof body === 'string' ? Buffer.from(body) : body];
  return new Promise((resolve, reject) => {
    const req = request(`${botUrl}/api/messages`, { method: 'POST', headers }, (res) => {
      const received: Buffer[] = [];
      res.on('data', (chunk: Buffer) => received.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(received).toString('utf8');
        let parsed: unknown = text === '' ? undefined : text;
        try {
          parsed = text === '' ? undefined : JSON.parse(text);
        } catch {
          // Not JSON: the text itself.
        }
        resolve({ status: res.statusCode ?? 0, body: parsed });
      });
    });
    // The server may answer before the whole body is sent; what fails after that does not matter.
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}
