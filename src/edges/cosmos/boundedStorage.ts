/**
 * botbuilder's Cosmos DB storage for dialog state takes no per-call options, so its reads (which
 * the SDK tries again after a dropped connection, ten times a second apart) are bounded here:
 * a call not answered within the deadline fails, and the turn answers instead of waiting.
 */
import type { Storage, StoreItems } from 'botbuilder';

export class BoundedStorage implements Storage {
  constructor(
    private readonly inner: Storage,
    private readonly deadlineMs: number,
  ) {}

  read(keys: string[]): Promise<StoreItems> {
    return this.bounded('Reading the dialog state', this.inner.read(keys));
  }

  write(changes: StoreItems): Promise<void> {
    return this.bounded('Saving the dialog state', this.inner.write(changes));
  }

  delete(keys: string[]): Promise<void> {
    return this.bounded('Deleting the dialog state', this.inner.delete(keys));
  }

  private bounded<T>(what: string, call: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new Error(`${what}: no answer within ${this.deadlineMs} ms.`);
        error.name = 'AbortError';
        reject(error);
      }, this.deadlineMs);
    });
    // The call goes on after the deadline; its outcome is no longer waited for.
    call.catch(() => undefined);
    return Promise.race([call, late]).finally(() => clearTimeout(timer));
  }
}
