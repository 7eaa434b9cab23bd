/** The FTOP fields the playbook's table sets, in the order and with the names of its columns. */
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

/** The playbook table's column names, which are also FTOP's: the FM finds each field by it. */
export const FTOP_FIELD_LABELS: readonly (readonly [keyof FtopFields, string])[] = [
  ['whoUpdatesFtop', 'Who Updates FTOP'],
  ['l1', 'L1 Value'],
  ['l2', 'L2 Value'],
  ['l3', 'L3 Value'],
  ['serviceStatus', 'Service Status'],
  ['serviceEngagementScenario', 'Service Engagement Scenario'],
  ['targetDate', 'Target Date'],
  ['owner', 'Owner'],
  ['notes', 'Notes'],
  ['nextActionDate', 'Next Action Date'],
  ['nextAction', 'Next Action to be taken'],
];

export const NOT_APPLICABLE = 'N/A';
export const TO_BE_DETERMINED = 'TBD';
export const NEXT_ACTION_NOTIFY_ACCOUNT_TEAM = 'Notify account team of No Intent';
export const NEXT_ACTION_DELIVERY_ASSIGNMENT = 'Delivery Assignment';
