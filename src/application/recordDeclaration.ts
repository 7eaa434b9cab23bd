/**
 * Saves a declaration: one record per workload, an entry in the FM's list and, for No Intent,
 * the notice for the account team, saved as pending and claimed by this caller before anything
 * is posted.
 */
import type { PlaybookProblem } from '../playbook/playbookProblems';
import { isContextCurrent, loadCustomerContext, type CustomerContext } from './customerContext';
import {
  initialStatus,
  recordId,
  type DeclarationRecord,
  type Person,
  type StoredRecord,
} from './declarationRecord';
import type { DeclarationRepository } from './declarationRepository';
import { claimedDelivery, type DeliverySettings } from './deliverNotice';
import {
  NOTICE_BUCKET,
  type NoticeTarget,
  type PersonalAddress,
  type StoredNotice,
} from './notice';
import type { NoticeRepository } from './noticeRepository';
import { previewDeclaration, type AnsweredDraft } from './previewDeclaration';

export interface RecordDeclarationInput {
  /** Chosen when the FM first sees the summary; saving it again is harmless. */
  readonly declarationId: string;
  readonly draft: AnsweredDraft;
  /** The context the summary was derived from; read again when missing or too old. */
  readonly context?: CustomerContext;
  readonly fm: Person;
  /** Required for No Intent: where the account team is told. */
  readonly noticeTarget?: NoticeTarget;
  readonly fmAddress?: PersonalAddress | null;
  /** The claim this caller will post the notice under. */
  readonly claim: string;
}

export interface RecordDeps {
  readonly repository: DeclarationRepository;
  readonly notices: NoticeRepository;
  readonly now: () => Date;
  readonly delivery: DeliverySettings;
}

export type RecordOutcome =
  | {
      readonly ok: true;
      readonly records: readonly StoredRecord[];
      /** The declaration's notice; undefined for scenario 1, which is not announced. */
      readonly notice?: StoredNotice;
    }
  | { readonly ok: false; readonly problems: readonly PlaybookProblem[] };

export async function recordDeclaration(
  deps: RecordDeps,
  input: RecordDeclarationInput,
): Promise<RecordOutcome> {
  const { repository, now } = deps;
  const { draft, fm, declarationId } = input;
  const tenantId = draft.customer.tenantId.trim().toLowerCase();
  // Derive again, never trusting a card: from the summary's context while it is recent, from
  // fresh records otherwise.
  const workloadIds = draft.customer.workloadIds;
  const context = isContextCurrent(input.context, tenantId, workloadIds, now())
    ? input.context
    : await loadCustomerContext(repository, tenantId, workloadIds, now(), declarationId);
  const preview = previewDeclaration(draft, context);
  if (!preview.ok) return preview;
  const announces = preview.perWorkload.some((w) => w.derivation.declaresNoIntent);
  if (announces && !input.noticeTarget) {
    throw new Error('A No Intent declaration needs the channel where the account team is told.');
  }
  const target = announces ? input.noticeTarget : undefined;

  const at = now().toISOString();
  const records = preview.perWorkload.map(({ workload, derivation }): DeclarationRecord => ({
    id: recordId(declarationId, workload.id),
    tenantId,
    declarationId,
    customerName: draft.customer.name.trim(),
    workloadId: workload.id,
    workloadName: workload.name,
    scenarioId: derivation.scenario.id,
    scenarioNumber: derivation.scenario.number,
    declaresNoIntent: derivation.declaresNoIntent,
    l2ReasonId: derivation.l2ReasonId,
    l3ReasonId: derivation.l3ReasonId,
    engagementScenarioId: derivation.engagementScenarioId,
    fields: derivation.fields,
    fm,
    fmRole: derivation.fields.whoUpdatesFtop,
    status: initialStatus(derivation.declaresNoIntent),
    noticeChannel: target ? { teamId: target.teamId, channelId: target.channelId } : null,
    createdAt: at,
    updatedAt: at,
    history: [{ at, by: fm, action: 'created' }],
  }));
  const stored = await repository.createRecords(records);
  const first = stored[0];
  if (!first) throw new Error('A declaration names at least one workload.');
  // The FM's list entry and the notice do not depend on each other: one round trip, not two.
  const fmEntry = repository.addFmEntry({
    fmAadObjectId: fm.aadObjectId,
    declarationId,
    tenantId,
    customerName: first.customerName,
    createdAt: first.createdAt,
  });
  if (!target) {
    await fmEntry;
    return { ok: true, records: stored };
  }
  const notice = deps.notices.createNotice({
    id: declarationId,
    bucket: NOTICE_BUCKET,
    declarationId,
    customerTenantId: tenantId,
    customerName: first.customerName,
    workloadNames: stored.map((r) => r.workloadName),
    l1: first.fields.l1,
    l2: first.fields.l2,
    l3: first.fields.l3,
    reason: first.fields.notes,
    fm,
    fmRole: first.fmRole,
    fmAddress: input.fmAddress ?? null,
    target,
    delivery: claimedDelivery(input.claim, now(), deps.delivery),
    decision: null,
    createdAt: at,
    updatedAt: at,
  });
  const [, created] = await Promise.all([fmEntry, notice]);
  return { ok: true, records: stored, notice: created };
}
