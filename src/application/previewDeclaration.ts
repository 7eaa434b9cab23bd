/** Derives the FTOP fields of every workload in a draft, as the summary card shows them. */
import { deriveFtopFields, type FtopDerivation } from '../playbook/deriveFtopFields';
import type { PlaybookProblem } from '../playbook/playbookProblems';
import { findWorkload, type Workload } from '../playbook/workloads';
import { asExistingNoIntent, type CustomerContext } from './customerContext';
import type { CustomerAnswers, DeclarationDraft } from './declarationDraft';

export interface WorkloadDerivation {
  readonly workload: Workload;
  readonly derivation: FtopDerivation;
}

export type PreviewResult =
  | { readonly ok: true; readonly perWorkload: readonly WorkloadDerivation[] }
  | { readonly ok: false; readonly problems: readonly PlaybookProblem[] };

/** A draft whose customer and scenario are known. */
export type AnsweredDraft = DeclarationDraft & {
  readonly customer: CustomerAnswers;
  readonly scenarioId: string;
};

export function previewDeclaration(draft: AnsweredDraft, context: CustomerContext): PreviewResult {
  const perWorkload: WorkloadDerivation[] = [];
  const problems = new Map<string, PlaybookProblem & { workloads: string[] }>();
  for (const workloadId of draft.customer.workloadIds) {
    const workload = findWorkload(workloadId);
    if (!workload) continue;
    const result = deriveFtopFields(
      { ...draft.answers, scenarioId: draft.scenarioId },
      asExistingNoIntent(context.existingNoIntent[workloadId]),
    );
    if (result.ok) {
      perWorkload.push({ workload, derivation: result.derivation });
      continue;
    }
    for (const problem of result.problems) {
      const key = `${problem.code}:${problem.message}`;
      const seen = problems.get(key);
      if (seen) seen.workloads.push(workload.name);
      else problems.set(key, { ...problem, workloads: [workload.name] });
    }
  }
  if (problems.size === 0) return { ok: true, perWorkload };
  const everyWorkload = draft.customer.workloadIds.length;
  return {
    ok: false,
    // A problem that hits only some workloads says which.
    problems: [...problems.values()].map(({ workloads, ...problem }) =>
      workloads.length === everyWorkload
        ? problem
        : { ...problem, message: `${workloads.join(', ')}: ${problem.message}` },
    ),
  };
}
