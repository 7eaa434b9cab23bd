/**
 * L3 details under each No Intent L2. The playbook says "L3s coming soon", so every list is
 * empty today. When the playbook publishes L3 values, add them here: the dialog offers them and
 * the derivation requires one, with no code change.
 */
import type { L2ReasonId } from './noIntentReasons';

export interface L3Reason {
  readonly id: string;
  readonly name: string;
  readonly definition: string;
}

export const L3_REASONS: Readonly<Record<L2ReasonId, readonly L3Reason[]>> = {
  'executive-sponsorship': [],
  'using-competitive-solution': [],
  'using-microsoft-on-premises-solution': [],
};

/** Shown in the L3 field while the playbook defines no L3 for the chosen L2. */
export const L3_NOT_YET_DEFINED = 'None yet: leave it empty (the playbook says "L3s coming soon")';

export function l3ReasonsFor(l2: L2ReasonId): readonly L3Reason[] {
  return L3_REASONS[l2];
}
