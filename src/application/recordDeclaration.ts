/** Saves a declaration: one record per workload, and an entry in the FM's list. */
import type { PlaybookProblem } from '../playbook/playbookProblems';
import { loadCustomerContext } from './customerContext';
import {
  initialStatus,
  recordId,
  type DeclarationRecord,
  type Person,
  type StoredRecord,
} from './declarationRecord';
import type { DeclarationRepository } from './declarationRepository';
import { previewDeclaration, type AnsweredDraft } from './previewDeclaration';

export interface RecordDeclarationInput {
  /** Chosen when the FM first sees the summary; saving it again is harmless. */
  readonly declarationId: string;
  readonly draft: AnsweredDraft;
  readonly fm: Person;
}

export type RecordOutcome =
  | { readonly ok: true; readonly records: readonly StoredRecord[] }
  | { readonly ok: false; readonly problems: readonly PlaybookProblem[] };

export async function recordDeclaration(
  repository: DeclarationRepository,
  now: () => Date,
  input: RecordDeclarationInput,
): Promise<RecordOutcome> {
  const { draft, fm, declarationId } = input;
  const tenantId = draft.customer.tenantId.trim().toLowerCase();
  // Derive again from fresh data: the summary may be old and the card forged.
  const context = await loadCustomerContext(
    repository,
    tenantId,
    draft.customer.workloadIds,
    declarationId,
  );
  const preview = previewDeclaration(draft, context);
  if (!preview.ok) return preview;

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
    createdAt: at,
    updatedAt: at,
    history: [{ at, by: fm, action: 'created' }],
  }));
  const stored = await repository.createRecords(records);
  await repository.addFmEntry({
    fmAadObjectId: fm.aadObjectId,
    declarationId,
    tenantId,
    customerName: records[0]?.customerName ?? draft.customer.name,
    createdAt: stored[0]?.createdAt ?? at,
  });
  return { ok: true, records: stored };
}
