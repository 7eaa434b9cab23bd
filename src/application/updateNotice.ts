/** Read-modify-write of a notice, retried when another writer got there first. */
import { ConcurrencyConflict } from './declarationRepository';
import type { Notice, StoredNotice } from './notice';
import type { NoticeRepository } from './noticeRepository';

const MAX_TRIES = 5;

/**
 * Applies `change` to the latest stored notice. `change` returns undefined to leave the notice
 * as it is (for instance when the latest version already says what we wanted to write).
 */
export async function updateNotice(
  notices: NoticeRepository,
  declarationId: string,
  change: (current: StoredNotice) => Partial<Notice> | undefined,
  now: () => Date,
  /** The version the caller already holds: tried first, which saves a read when nobody else wrote. */
  known?: StoredNotice,
): Promise<StoredNotice | undefined> {
  for (let attempt = 1; ; attempt += 1) {
    const current = attempt === 1 && known ? known : await notices.readNotice(declarationId);
    if (!current) return undefined;
    const patch = change(current);
    if (!patch) return current;
    try {
      return await notices.replaceNotice({ ...current, ...patch, updatedAt: now().toISOString() });
    } catch (error) {
      if (!(error instanceof ConcurrencyConflict) || attempt >= MAX_TRIES) throw error;
    }
  }
}
