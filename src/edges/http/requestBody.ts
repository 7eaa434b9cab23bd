/** A request's body, with a limit on its size. */
import type { IncomingMessage } from 'node:http';

/**
 * The body, read into memory up to `limit` bytes. Past the limit reading stops; Node discards
 * the rest without keeping it.
 */
export function readBody(
  req: IncomingMessage,
  limit: number,
): Promise<Buffer | 'too large' | 'cut short'> {
  if (Number(req.headers['content-length']) > limit) return Promise.resolve('too large');
  // The caller may have gone while its token was checked.
  if (req.destroyed) return Promise.resolve('cut short');
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.resume();
      resolve('too large');
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', () => resolve('cut short'));
    req.once('close', () => resolve('cut short'));
  });
}
