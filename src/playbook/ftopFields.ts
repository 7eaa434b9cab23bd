/** The FTOP fields the playbook's table sets, in the order FTOP shows them. */
import type { FmRole } from './scenarios';

export interface FtopFields {
  readonly whoUpdatesFtop: FmRole;
  readonly l1: 'In Progress' | 'No Intent';
  readonly l2: string;
  readonly l3: string;
  readonly serviceStatus: 'Initiate' | 'N/A';
  readonly serviceEngagementScenario: string;
  readonly targetDate: 'N/A';
  /** Empty for scenario 1: the playbook leaves the owner blank there. */
  readonly owner: 'Account Team' | '';
  readonly notes: string;
  readonly nextActionDate: string;
  readonly nextAction: string;
}

export const FTOP_FIELD_LABELS: readonly (readonly [keyof FtopFields, string])[] = [
  ['whoUpdatesFtop', 'Who updates FTOP'],
  ['l1', 'L1'],
  ['l2', 'L2'],
  ['l3', 'L3'],
  ['serviceStatus', 'Service status'],
  ['serviceEngagementScenario', 'Service engagement scenario'],
  ['targetDate', 'Target date'],
  ['owner', 'Owner'],
  ['notes', 'Notes'],
  ['nextActionDate', 'Next action date'],
  ['nextAction', 'Next action to be taken'],
];

export const NOT_APPLICABLE = 'N/A';
export const TO_BE_DETERMINED = 'TBD';
export const NEXT_ACTION_NOTIFY_ACCOUNT_TEAM = 'Notify account team of No Intent';
export const NEXT_ACTION_DELIVERY_ASSIGNMENT = 'Delivery Assignment';
