/** A manager confirms or rejects a declaration: recorded once, on the notice and every record. */
import { ConcurrencyConflict, type DeclarationRepository } from './declarationRepository';
import type { Person } from './declarationRecord';
import { isManager, type ManagerPolicy } from './managerPolicy';
import type { Decision, StoredNotice } from './notice';
import type { NoticeRepository } from './noticeRepository';

export interface DecisionInput {
  readonly declarationId: string;
  readonly decider: Person;
  readonly outcome: Decision['outcome'];
  readonly comment: string;
}

export type DecisionResult =
  | { readonly kind: 'decided'; readonly notice: StoredNotice }
  | { readonly kind: 'already-decided'; readonly notice: StoredNotice }
  | { readonly kind: 'not-allowed'; readonly notice: StoredNotice }
  | { readonly kind: 'not-found' };

export interface DecisionDeps {
  readonly notices: NoticeRepository;
  readonly records: DeclarationRepository;
  readonly policy: ManagerPolicy;
  readonly now: () => Date;
}

export async function decideDeclaration(
  deps: DecisionDeps,
  input: DecisionInput,
): Promise<DecisionResult> {
  for (;;) {
    const notice = await deps.notices.readNotice(input.declarationId);
    if (!notice) return { kind: 'not-found' };
    if (!isManager(deps.policy, input.decider.aadObjectId, notice.target.teamId)) {
      return { kind: 'not-allowed', notice };
    }
    if (notice.decision) return { kind: 'already-decided', notice };
    const at = deps.now().toISOString();
    const decision: Decision = {
      outcome: input.outcome,
      by: input.decider,
      at,
      comment: input.comment.trim(),
    };
    let decided: StoredNotice;
    try {
      // The notice is the lock: of two managers tapping at once, one replace wins.
      decided = await deps.notices.replaceNotice({ ...notice, decision, updatedAt: at });
    } catch (error) {
      if (error instanceof ConcurrencyConflict) continue;
      throw error;
    }
    await applyToRecords(deps, decided, decision);
    return { kind: 'decided', notice: decided };
  }
}

/** Marks every record of the declaration; safe to run again, as it skips records already marked. */
async function applyToRecords(
  deps: DecisionDeps,
  notice: StoredNotice,
  decision: Decision,
): Promise<void> {
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    const records = await deps.records.recordsOfDeclarations(notice.customerTenantId, [notice.id]);
    const open = records.filter((r) => r.status === 'awaiting-confirmation');
    if (open.length === 0) return;
    try {
      await deps.records.replaceRecords(
        open.map((record) => ({
          ...record,
          status: decision.outcome,
          updatedAt: decision.at,
          history: [
            ...record.history,
            {
              at: decision.at,
              by: decision.by,
              action: decision.outcome,
              ...(decision.comment ? { note: decision.comment } : {}),
            },
          ],
        })),
      );
      return;
    } catch (error) {
      if (!(error instanceof ConcurrencyConflict)) throw error;
    }
  }
}

/** The declarations a manager may decide now, newest first. */
export async function awaitingDecisionOf(
  deps: Pick<DecisionDeps, 'notices' | 'policy'>,
  manager: string,
  limit = 10,
): Promise<StoredNotice[]> {
  const undecided = await deps.notices.undecidedNotices(50);
  return undecided.filter((n) => isManager(deps.policy, manager, n.target.teamId)).slice(0, limit);
}
