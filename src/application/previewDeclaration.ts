/**
 * Judges a draft against what the bot knows of the customer: whether its scenario applies to
 * every chosen workload (the playbook's transitions), and every workload's FTOP values.
 */
import { deriveFtopFields, type FtopDerivation } from '../playbook/deriveFtopFields';
import type { PlaybookProblem } from '../playbook/playbookProblems';
import { optionFor, scenarioOptionsForAll } from '../playbook/scenarioRules';
import { findWorkload, type Workload } from '../playbook/workloads';
import { entitlementStateOf } from './customerLedger';
import {
  existingNoIntent,
  knownEntitlements,
  noIntentWorkloads,
  type CustomerContext,
} from './customerContext';
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

const ANOTHER_ORGANISATION: PlaybookProblem = {
  code: 'scenario-not-applicable',
  field: 'scenario',
  message:
    "This customer's entitlements are kept by another organisation's FastTrack team, so they cannot be declared here. Check the tenant id.",
};

export function previewDeclaration(
  draft: AnsweredDraft,
  context: Pick<CustomerContext, 'customer'>,
  /** The FM's organisation: a customer kept by another one is not theirs to declare. */
  orgTenantId: string,
): PreviewResult {
  if (context.customer && context.customer.orgTenantId !== orgTenantId) {
    return { ok: false, problems: [ANOTHER_ORGANISATION] };
  }
  const workloadIds = draft.customer.workloadIds;
  const option = optionFor(
    scenarioOptionsForAll(knownEntitlements(context, workloadIds)),
    draft.scenarioId,
  );
  if (option?.verdict === 'refused') {
    const qualifying = noIntentWorkloads(context);
    const hint =
      option.refusal === 'needs-no-intent' && qualifying.length > 0
        ? ` The workloads of ${draft.customer.name} that are No Intent: ${qualifying.join(', ')}.`
        : '';
    return {
      ok: false,
      problems: [
        { code: 'scenario-not-applicable', field: 'scenario', message: `${option.message}${hint}` },
      ],
    };
  }
  const perWorkload: WorkloadDerivation[] = [];
  const problems = new Map<string, PlaybookProblem & { workloads: string[] }>();
  for (const workloadId of workloadIds) {
    const workload = findWorkload(workloadId);
    if (!workload) continue;
    const result = deriveFtopFields(
      { ...draft.answers, scenarioId: draft.scenarioId },
      existingNoIntent(entitlementStateOf(context.customer, workloadId)),
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
  const everyWorkload = workloadIds.length;
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
