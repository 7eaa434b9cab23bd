/**
 * Declarations in every state, built with the playbook's own transitions, for rendering cards
 * without a bot: the cards' sample data and the worst-case rendering tests.
 */
import type { CustomerLedger, EntitlementEntry } from '../../src/application/customerLedger';
import type { Declaration, NoticeTarget } from '../../src/application/declaration';
import { newMessages, type NoticeDelivery } from '../../src/application/declarationMessages';
import type { EntitlementRecord } from '../../src/application/entitlementRecord';
import type { DeclarationSnapshot } from '../../src/application/ledgerRepository';
import { deriveFtopFields } from '../../src/playbook/deriveFtopFields';
import {
  decide,
  declare,
  enterInFtop,
  NOTHING_KNOWN,
  withdraw,
  type Changed,
  type EntitlementState,
  type FtopStatus,
  type Transition,
} from '../../src/playbook/entitlement';
import type { Person } from '../../src/playbook/person';
import type { ScenarioId } from '../../src/playbook/scenarios';

export const SAMPLE_TENANT = '8f2c7a1e-4b5d-4c3e-9a10-2b7d6e5f4a3c';
export const SAMPLE_FM: Person = {
  aadObjectId: '00000000-0000-0000-0000-00000000a001',
  name: 'Avery Fox',
};
export const SAMPLE_MANAGER: Person = {
  aadObjectId: '00000000-0000-0000-0000-00000000c003',
  name: 'Morgan Lee',
};
export const SAMPLE_TARGET: NoticeTarget = {
  orgTenantId: '6d3a4b2c-1e5f-4a7b-9c8d-0f1e2d3c4b5a',
  teamId: '19:contoso-account-team@thread.tacv2',
  teamName: 'Contoso account team',
  channelId: '19:no-intent-notices@thread.tacv2',
  channelName: 'No Intent notices',
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
};

export interface SampleOptions {
  readonly customerName?: string;
  readonly workloads?: readonly { readonly id: string; readonly name: string }[];
  readonly scenarioId?: ScenarioId;
  readonly reason?: string;
  readonly fm?: Person;
  readonly manager?: Person;
  readonly comment?: string;
  /** What happens after the declaration, in order. */
  readonly then?: readonly ('enter' | 'confirm' | 'reject' | 'withdraw')[];
  /** Whether the bot knew the workloads as In Progress before (scenario 3). */
  readonly inProgressBefore?: boolean;
  readonly notice?: Partial<NoticeDelivery>;
  readonly target?: NoticeTarget | null;
}

const AT = '2026-11-24T10:00:00.000Z';
const LATER = '2026-11-25T14:05:00.000Z';

export function sampleStatus(
  scenarioId: ScenarioId,
  reason: string,
  kickoff = '2026-12-07',
): FtopStatus {
  const derived = deriveFtopFields(
    scenarioId === 'declines-fasttrack-center'
      ? { scenarioId, engagementScenarioId: 'partner-led', kickoffDate: kickoff }
      : scenarioId === 'new-subscriptions-under-no-intent'
        ? { scenarioId, engagementScenarioId: 'partner-led' }
        : {
            scenarioId,
            l2ReasonId: 'using-competitive-solution',
            detailedReason: reason,
            engagementScenarioId: 'partner-led',
          },
    { l2ReasonId: 'using-competitive-solution', l3ReasonId: null, notes: reason },
  );
  if (!derived.ok) throw new Error(JSON.stringify(derived.problems));
  const { derivation } = derived;
  return {
    scenarioId,
    fields: derivation.fields,
    l2ReasonId: derivation.l2ReasonId,
    l3ReasonId: derivation.l3ReasonId,
    engagementScenarioId: derivation.engagementScenarioId,
  };
}

/** A declaration and the ledger around it, after the steps in `then`. */
export function sampleSnapshot(options: SampleOptions = {}): DeclarationSnapshot & {
  readonly records: EntitlementRecord[];
} {
  const customerName = options.customerName ?? 'Contoso Ltd';
  const workloads = options.workloads ?? [{ id: 'exchange-online', name: 'Exchange Online' }];
  const scenarioId = options.scenarioId ?? 'no-intent-after-intent';
  const reason =
    options.reason ??
    'Customer does not intend to use Exchange Online because every mailbox runs on Gmail under a five-year contract.';
  const fm = options.fm ?? SAMPLE_FM;
  const manager = options.manager ?? SAMPLE_MANAGER;
  const declarationId = '2c9e41d7-5b1a-4f8e-9c3d-7a6b5e4d3c2b';
  const status = sampleStatus(scenarioId, reason);
  const announces = status.fields.l1 === 'No Intent';
  const entries: Record<string, EntitlementEntry> = {};
  const records: EntitlementRecord[] = [];
  let declarationState: Declaration['state'] = announces ? 'awaiting-decision' : 'recorded';
  let decision: Declaration['decision'] = null;
  let withdrawal: Declaration['withdrawal'] = null;
  for (const workload of workloads) {
    const history: Transition[] = [];
    const apply = (changed: Changed | undefined): EntitlementState => {
      if (!changed) throw new Error('a sample step did not apply');
      history.push(changed.transition);
      return changed.state;
    };
    let state = NOTHING_KNOWN;
    if (options.inProgressBefore || scenarioId === 'new-subscriptions-under-no-intent') {
      const earlier =
        scenarioId === 'new-subscriptions-under-no-intent'
          ? sampleStatus('no-intent-at-assignment', reason)
          : sampleStatus('declines-fasttrack-center', '');
      const earlierId = '0b1a2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
      state = apply(
        declare(
          state,
          {
            declarationId: earlierId,
            scenarioId: earlier.scenarioId,
            by: fm,
            at: '2026-10-01T09:00:00.000Z',
          },
          earlier,
          earlier.fields.l1 === 'No Intent',
        ),
      );
      if (earlier.fields.l1 === 'No Intent') {
        state = apply(
          decide(state, earlierId, {
            outcome: 'confirmed',
            by: manager,
            at: '2026-10-02T09:00:00.000Z',
            comment: '',
          }),
        );
      }
      state = apply(enterInFtop(state, fm, '2026-10-02T10:00:00.000Z'));
    }
    state = apply(declare(state, { declarationId, scenarioId, by: fm, at: AT }, status, announces));
    for (const step of options.then ?? []) {
      if (step === 'enter') state = apply(enterInFtop(state, fm, LATER));
      if (step === 'withdraw') {
        state = apply(withdraw(state, declarationId, fm, LATER));
        declarationState = 'withdrawn';
        withdrawal = { by: fm, at: LATER };
      }
      if (step === 'confirm' || step === 'reject') {
        decision = {
          outcome: step === 'confirm' ? 'confirmed' : 'rejected',
          by: manager,
          at: LATER,
          comment: options.comment ?? '',
        };
        state = apply(decide(state, declarationId, decision));
        declarationState = decision.outcome;
      }
    }
    const entry: EntitlementEntry = {
      ...state,
      workloadId: workload.id,
      workloadName: workload.name,
    };
    entries[workload.id] = entry;
    records.push({
      ...entry,
      id: `entitlement.${workload.id}`,
      type: 'entitlement',
      tenantId: SAMPLE_TENANT,
      customerName,
      orgTenantId: SAMPLE_TARGET.orgTenantId,
      fmIds: [fm.aadObjectId],
      searchText: `${customerName} ${workload.name}`.toLowerCase(),
      updatedAt: LATER,
      history,
    });
  }
  const customer: CustomerLedger & { etag: string } = {
    id: 'customer',
    type: 'customer',
    tenantId: SAMPLE_TENANT,
    customerName,
    orgTenantId: SAMPLE_TARGET.orgTenantId,
    version: 3,
    entitlements: entries,
    declarationIds: [declarationId],
    lastNoticeChannel: { teamId: SAMPLE_TARGET.teamId, channelId: SAMPLE_TARGET.channelId },
    updatedAt: LATER,
    etag: 'e1',
  };
  const declaration: Declaration = {
    id: `declaration.${declarationId}`,
    type: 'declaration',
    tenantId: SAMPLE_TENANT,
    declarationId,
    orgTenantId: SAMPLE_TARGET.orgTenantId,
    customerName,
    scenarioId,
    answers: { detailedReason: reason, l2ReasonId: 'using-competitive-solution' },
    workloads: workloads.map((w) => ({ workloadId: w.id, workloadName: w.name, status })),
    announces,
    fm,
    fmRole: status.fields.whoUpdatesFtop,
    fmAddress: null,
    noticeTarget: announces
      ? options.target === undefined
        ? SAMPLE_TARGET
        : options.target
      : null,
    state: declarationState,
    decision,
    withdrawal,
    createdAt: AT,
    updatedAt: LATER,
  };
  const messages = newMessages(SAMPLE_TENANT, declarationId, AT);
  return {
    customer,
    declaration,
    messages: {
      ...messages,
      notice: {
        ...messages.notice,
        ...(announces
          ? { status: 'posted', conversationId: '19:thread-1@thread.tacv2', activityId: '1' }
          : {}),
        ...options.notice,
      },
      etag: 'e2',
    },
    records,
  };
}
