/**
 * Saves a declaration: the new state of every chosen entitlement with its transition, the
 * declaration, its messages, and the side effects it starts (the account team's notice, the
 * lists on screen), all in one transactional batch in the customer's partition. It is judged
 * again against the ledger as saved, so a card can never save what the rules refuse now.
 */
import { keepApplicableAnswers } from '../playbook/deriveFtopFields';
import { declare, type DeclarationRef } from '../playbook/entitlement';
import type { PlaybookProblem } from '../playbook/playbookProblems';
import type { Person } from '../playbook/person';
import type { CustomerContext } from './customerContext';
import {
  CUSTOMER_DOCUMENT_ID,
  entitlementStateOf,
  type CustomerLedger,
  type EntitlementEntry,
  type StoredCustomer,
} from './customerLedger';
import {
  declarationDocumentId,
  type Declaration,
  type NoticeTarget,
  type PersonalAddress,
} from './declaration';
import { newMessages, type CardRef, type StoredMessages } from './declarationMessages';
import { retryOnConflict } from './changeLedger';
import { entitlementId, searchTextOf, type EntitlementRecord } from './entitlementRecord';
import {
  type DeclarationSnapshot,
  type LedgerChange,
  type LedgerRepository,
} from './ledgerRepository';
import { followUpEntries, outboxEntry, type OutboxEntry, type StoredOutboxEntry } from './outbox';
import {
  DEFAULT_FOLLOW_UPS,
  followUpsOfSaved,
  type FollowUpSettings,
} from './followUps/followUpRules';
import {
  previewDeclaration,
  type AnsweredDraft,
  type WorkloadDerivation,
} from './previewDeclaration';

export interface DeclareInput {
  /** Chosen when the FM first sees the summary; saving it again is harmless. */
  readonly declarationId: string;
  readonly draft: AnsweredDraft;
  /** What the dialog read; saving reads again wherever the customer may have changed. */
  readonly context?: CustomerContext;
  readonly fm: Person;
  readonly fmAddress: PersonalAddress | null;
  /** The organisation the FM belongs to (where the app is installed). */
  readonly orgTenantId: string;
  /** The account team's channel for No Intent; null when the app is in no team yet. */
  readonly noticeTarget: NoticeTarget | null;
  /** Where the FM's card for this declaration will be, when known before saving. */
  readonly fmCard: CardRef | null;
  /** This turn's claim on the effects it carries out at once. */
  readonly claim: { readonly by: string; readonly forMs: number };
}

export interface DeclareDeps {
  readonly ledger: LedgerRepository;
  readonly now: () => Date;
  /** When the reminders this declaration starts come; the defaults when absent. */
  readonly followUps?: FollowUpSettings;
}

export type DeclareOutcome =
  | {
      readonly kind: 'saved';
      readonly snapshot: DeclarationSnapshot;
      /** The effects this caller claimed: carry them out now. */
      readonly effects: readonly StoredOutboxEntry[];
    }
  /** A double tap or a redelivered activity: the declaration was saved before. */
  | { readonly kind: 'already-saved'; readonly snapshot: DeclarationSnapshot }
  /** The ledger as saved refuses it; the fresh context says why. */
  | {
      readonly kind: 'refused';
      readonly problems: readonly PlaybookProblem[];
      readonly context: CustomerContext;
    };

export async function declareEntitlements(
  deps: DeclareDeps,
  input: DeclareInput,
): Promise<DeclareOutcome> {
  const tenantId = input.draft.customer.tenantId;
  // A customer the dialog found nothing of is created without a read: if another FM created
  // it meanwhile, the batch fails as a whole and the next attempt reads.
  let expected: StoredCustomer | null | 'read' = input.context?.customer ?? null;
  return retryOnConflict<DeclareOutcome>(deps.ledger, async () => {
    const { customer, records } = await readForChange(
      deps.ledger,
      tenantId,
      input.draft.customer.workloadIds,
      expected,
    );
    expected = 'read';
    const context: CustomerContext = { tenantId, readAt: deps.now().toISOString(), customer };
    if (customer?.declarationIds.includes(input.declarationId)) {
      const snapshot = await deps.ledger.readDeclaration(tenantId, input.declarationId);
      if (snapshot) return { result: { kind: 'already-saved', snapshot } };
    }
    const preview = previewDeclaration(input.draft, context, input.orgTenantId);
    if (!preview.ok) return { result: { kind: 'refused', problems: preview.problems, context } };
    const change = buildChange(
      input,
      customer,
      records,
      preview.perWorkload,
      deps.now(),
      deps.followUps ?? DEFAULT_FOLLOW_UPS,
    );
    const { declaration, messages } = change;
    return {
      // Completed with the customer, messages and effects as saved.
      result: {
        kind: 'saved',
        snapshot: {
          customer: change.customer as StoredCustomer,
          declaration,
          messages: messages as StoredMessages,
        },
        effects: [],
      },
      change,
    };
  });
}

/**
 * The customer's ledger and the records of the chosen entitlements that exist, in one request
 * when the dialog's copy says which exist, else two.
 */
async function readForChange(
  ledger: LedgerRepository,
  tenantId: string,
  chosen: readonly string[],
  expected: StoredCustomer | null | 'read',
): Promise<{ customer: StoredCustomer | null; records: EntitlementRecord[] }> {
  if (expected === null) return { customer: null, records: [] };
  if (expected !== 'read') {
    const ids = chosen.filter((id) => expected.entitlements[id]);
    if (ids.length > 0) {
      const read = await ledger.readEntitlements(tenantId, ids);
      // Another FM may have declared one of the other chosen workloads since the dialog read.
      if (chosen.every((id) => ids.includes(id) || !read.customer.entitlements[id])) {
        return { customer: read.customer, records: read.entitlements };
      }
    }
  }
  const customer = await ledger.readCustomer(tenantId);
  if (!customer) return { customer: null, records: [] };
  const ids = chosen.filter((id) => customer.entitlements[id]);
  if (ids.length === 0) return { customer, records: [] };
  const read = await ledger.readEntitlements(tenantId, ids);
  return { customer: read.customer, records: read.entitlements };
}

function buildChange(
  input: DeclareInput,
  customer: StoredCustomer | null,
  records: readonly EntitlementRecord[],
  perWorkload: readonly WorkloadDerivation[],
  now: Date,
  followUps: FollowUpSettings,
): LedgerChange & { declaration: Declaration } {
  const { draft, fm, declarationId, orgTenantId } = input;
  const tenantId = draft.customer.tenantId;
  const customerName = draft.customer.name;
  const at = now.toISOString();
  const first = perWorkload[0];
  if (!first) throw new Error('A declaration names at least one workload.');
  const scenario = first.derivation.scenario;
  const announces = first.derivation.declaresNoIntent;
  const target = announces ? input.noticeTarget : null;
  const ref: DeclarationRef = { declarationId, scenarioId: scenario.id, by: fm, at };

  const entries: Record<string, EntitlementEntry> = { ...(customer?.entitlements ?? {}) };
  const entitlements = perWorkload.map(({ workload, derivation }): EntitlementRecord => {
    const changed = declare(
      entitlementStateOf(customer, workload.id),
      ref,
      {
        scenarioId: scenario.id,
        fields: derivation.fields,
        l2ReasonId: derivation.l2ReasonId,
        l3ReasonId: derivation.l3ReasonId,
        engagementScenarioId: derivation.engagementScenarioId,
      },
      announces,
    );
    const entry: EntitlementEntry = {
      ...changed.state,
      workloadId: workload.id,
      workloadName: workload.name,
    };
    entries[workload.id] = entry;
    const earlier = records.find((r) => r.workloadId === workload.id);
    return {
      ...entry,
      id: entitlementId(workload.id),
      type: 'entitlement',
      tenantId,
      customerName,
      orgTenantId,
      fmIds: [...new Set([...(earlier?.fmIds ?? []), fm.aadObjectId])],
      searchText: searchTextOf(customerName, tenantId, workload.name),
      updatedAt: at,
      history: [...(earlier?.history ?? []), changed.transition],
    };
  });

  const declaration: Declaration = {
    id: declarationDocumentId(declarationId),
    type: 'declaration',
    tenantId,
    declarationId,
    orgTenantId,
    customerName,
    scenarioId: scenario.id,
    // Only what applies to the scenario, so "declare again" never starts from a stray answer.
    answers: keepApplicableAnswers(draft.answers ?? {}, scenario),
    workloads: entitlements.map((e) => ({
      workloadId: e.workloadId,
      workloadName: e.workloadName,
      status: e.status!,
    })),
    announces,
    fm,
    fmRole: first.derivation.fields.whoUpdatesFtop,
    fmAddress: input.fmAddress,
    noticeTarget: target,
    state: announces ? 'awaiting-decision' : 'recorded',
    decision: null,
    withdrawal: null,
    createdAt: at,
    updatedAt: at,
  };
  const effects: OutboxEntry[] = [
    outboxEntry(tenantId, declarationId, { effect: 'refresh-views' }, now, input.claim),
    ...followUpEntries(tenantId, declarationId, followUpsOfSaved(declaration, now, followUps), now),
  ];
  if (target) {
    effects.unshift(
      outboxEntry(tenantId, declarationId, { effect: 'post-notice' }, now, input.claim),
    );
  }
  // Cards of the declarations this one follows lose their buttons ("declare again", FTOP).
  const followed = new Set(
    perWorkload.flatMap(({ workload }) => {
      const earlier = entitlementStateOf(customer, workload.id);
      return [earlier.declaration?.declarationId, earlier.closed?.declarationId];
    }),
  );
  for (const id of followed) {
    if (id && id !== declarationId) {
      effects.push(outboxEntry(tenantId, id, { effect: 'update-fm-card' }, now, input.claim));
    }
  }
  const nextCustomer: CustomerLedger = {
    id: CUSTOMER_DOCUMENT_ID,
    type: 'customer',
    tenantId,
    customerName,
    orgTenantId: customer?.orgTenantId ?? orgTenantId,
    version: (customer?.version ?? 0) + 1,
    entitlements: entries,
    declarationIds: [...(customer?.declarationIds ?? []), declarationId],
    lastNoticeChannel: target
      ? { teamId: target.teamId, channelId: target.channelId }
      : (customer?.lastNoticeChannel ?? null),
    updatedAt: at,
  };
  return {
    customer: nextCustomer,
    customerEtag: customer?.etag ?? null,
    entitlements,
    declaration,
    messages: newMessages(tenantId, declarationId, at, input.fmCard),
    effects,
  };
}
