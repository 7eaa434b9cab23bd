/**
 * A No Intent declaration saved while the app was in no team gets its channel once the app is in
 * one: the FM chooses it, and the notice goes out.
 */
import type { Person } from '../playbook/person';
import { changeDeclaration } from './changeLedger';
import { awaitsChannel, type Declaration, type NoticeTarget } from './declaration';
import type { DeclarationSnapshot, LedgerRepository } from './ledgerRepository';
import { outboxEntry, type StoredOutboxEntry } from './outbox';

export interface ChooseChannelInput {
  readonly tenantId: string;
  readonly declarationId: string;
  readonly target: NoticeTarget;
  readonly by: Person;
  readonly claim: { readonly by: string; readonly forMs: number };
}

export type ChooseChannelResult =
  | {
      readonly kind: 'chosen';
      readonly snapshot: DeclarationSnapshot;
      readonly effects: readonly StoredOutboxEntry[];
    }
  /** It has a channel already, or it no longer needs one (withdrawn, rejected). */
  | { readonly kind: 'not-waiting'; readonly snapshot: DeclarationSnapshot }
  | { readonly kind: 'not-yours'; readonly snapshot: DeclarationSnapshot }
  | { readonly kind: 'not-found' };

export async function chooseNoticeChannel(
  deps: { readonly ledger: LedgerRepository; readonly now: () => Date },
  input: ChooseChannelInput,
): Promise<ChooseChannelResult> {
  const result = await changeDeclaration<ChooseChannelResult>(
    deps.ledger,
    input.tenantId,
    input.declarationId,
    ({ snapshot }) => {
      const { declaration, customer } = snapshot;
      if (declaration.fm.aadObjectId !== input.by.aadObjectId) {
        return { result: { kind: 'not-yours', snapshot } };
      }
      if (!awaitsChannel(declaration)) return { result: { kind: 'not-waiting', snapshot } };
      const now = deps.now();
      const at = now.toISOString();
      const chosen: Declaration = { ...declaration, noticeTarget: input.target, updatedAt: at };
      const { etag, ...current } = customer;
      const { tenantId, declarationId } = declaration;
      return {
        result: { kind: 'chosen', snapshot: { ...snapshot, declaration: chosen }, effects: [] },
        change: {
          customer: {
            ...current,
            version: customer.version + 1,
            lastNoticeChannel: { teamId: input.target.teamId, channelId: input.target.channelId },
            updatedAt: at,
          },
          customerEtag: etag,
          entitlements: [],
          declaration: chosen,
          effects: [
            outboxEntry(tenantId, declarationId, { effect: 'post-notice' }, now, input.claim),
            outboxEntry(tenantId, declarationId, { effect: 'refresh-views' }, now, input.claim),
          ],
        },
      };
    },
  );
  return result ?? { kind: 'not-found' };
}
