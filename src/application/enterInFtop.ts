/**
 * The FM says FTOP now shows what the bot holds: the values of their declaration, or the values
 * put back after a rejection. Recorded on each entitlement (with a transition), and the notice
 * stops saying the values are still to be entered.
 */
import {
  enterInFtop as enter,
  ftopTask,
  ftopTaskOwner,
  isSameTask,
  type FtopTask,
} from '../playbook/entitlement';
import type { Person } from '../playbook/person';
import { changeEntitlements, editEntitlements } from './changeLedger';
import type { CustomerLedger } from './customerLedger';
import type { LedgerRepository } from './ledgerRepository';
import { outboxEntry, type OutboxEntry, type StoredOutboxEntry } from './outbox';

export interface EnterInFtopInput {
  readonly tenantId: string;
  readonly workloadIds: readonly string[];
  /** The task the card offered; a card drawn before the task changed changes nothing. */
  readonly task: { readonly kind: FtopTask['kind']; readonly declarationId: string | null };
  readonly by: Person;
  readonly claim: { readonly by: string; readonly forMs: number };
}

export type EnterInFtopResult =
  | {
      readonly kind: 'entered';
      readonly customer: CustomerLedger;
      readonly workloadIds: readonly string[];
      readonly effects: readonly StoredOutboxEntry[];
    }
  /** FTOP was already up to date for every one of them. */
  | { readonly kind: 'nothing-to-enter' }
  /** Only the FM whose declaration it is records its FTOP entry. */
  | { readonly kind: 'not-yours' }
  /** The task has changed since the card was drawn (a later declaration, a decision). */
  | { readonly kind: 'out-of-date' }
  | { readonly kind: 'not-found' };

export async function enterInFtop(
  deps: { readonly ledger: LedgerRepository; readonly now: () => Date },
  input: EnterInFtopInput,
): Promise<EnterInFtopResult> {
  return changeEntitlements<EnterInFtopResult>(
    deps.ledger,
    input.tenantId,
    input.workloadIds,
    ({ customer, records }) => {
      if (!customer || records.length === 0) return { result: { kind: 'not-found' } };
      const open = records.filter((r) => ftopTask(r) !== null);
      if (open.length === 0) return { result: { kind: 'nothing-to-enter' } };
      const offered = open.filter((r) => isSameTask(ftopTask(r), input.task));
      if (offered.length === 0) return { result: { kind: 'out-of-date' } };
      const mine = offered.filter((r) => ftopTaskOwner(r)?.aadObjectId === input.by.aadObjectId);
      if (mine.length === 0) return { result: { kind: 'not-yours' } };
      const now = deps.now();
      const at = now.toISOString();
      const edited = editEntitlements(customer, mine, (state) => enter(state, input.by, at), at);
      const id = input.task.declarationId;
      const effects: OutboxEntry[] = id
        ? [
            outboxEntry(input.tenantId, id, { effect: 'update-notice' }, now, input.claim),
            outboxEntry(input.tenantId, id, { effect: 'update-fm-card' }, now, input.claim),
            outboxEntry(input.tenantId, id, { effect: 'refresh-views' }, now, input.claim),
          ]
        : [];
      return {
        result: {
          kind: 'entered',
          customer: edited.customer,
          workloadIds: edited.changed,
          effects: [],
        },
        change: {
          customer: edited.customer,
          customerEtag: customer.etag,
          entitlements: edited.records,
          effects,
        },
      };
    },
  );
}
