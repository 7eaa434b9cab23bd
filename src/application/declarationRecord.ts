/** A saved declaration for one workload of one customer: what FTOP should show, and its story. */
import type { EngagementScenarioId } from '../playbook/engagementScenarios';
import type { FtopFields } from '../playbook/ftopFields';
import type { L2ReasonId } from '../playbook/noIntentReasons';
import type { FmRole, ScenarioId } from '../playbook/scenarios';

export type RecordStatus =
  /** No Intent saved; a manager has not decided yet. */
  | 'awaiting-confirmation'
  | 'confirmed'
  | 'rejected'
  /** Scenario 1: intent declared, nothing to confirm. */
  | 'recorded';

export interface Person {
  /** Microsoft Entra object id. */
  readonly aadObjectId: string;
  readonly name: string;
}

export interface HistoryEntry {
  readonly at: string;
  readonly by: Person;
  readonly action: 'created' | 'confirmed' | 'rejected';
  readonly note?: string;
}

export interface DeclarationRecord {
  /** `<declarationId>.<workloadId>`: saving the same declaration twice hits the same ids. */
  readonly id: string;
  /** The customer's tenant id, and the partition key. */
  readonly tenantId: string;
  readonly declarationId: string;
  readonly customerName: string;
  readonly workloadId: string;
  readonly workloadName: string;
  readonly scenarioId: ScenarioId;
  readonly scenarioNumber: number;
  readonly declaresNoIntent: boolean;
  readonly l2ReasonId: L2ReasonId | null;
  readonly l3ReasonId: string | null;
  readonly engagementScenarioId: EngagementScenarioId;
  readonly fields: FtopFields;
  readonly fm: Person;
  readonly fmRole: FmRole;
  readonly status: RecordStatus;
  /** Where the No Intent notice went; the next declaration for the customer defaults to it. */
  readonly noticeChannel: { readonly teamId: string; readonly channelId: string } | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Append-only: every change adds an entry, none is ever rewritten. */
  readonly history: readonly HistoryEntry[];
}

/** A record as read from the store, with the version its next update must match. */
export type StoredRecord = DeclarationRecord & { readonly etag: string };

export function recordId(declarationId: string, workloadId: string): string {
  return `${declarationId}.${workloadId}`;
}

export function initialStatus(declaresNoIntent: boolean): RecordStatus {
  return declaresNoIntent ? 'awaiting-confirmation' : 'recorded';
}
