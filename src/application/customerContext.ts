/** What the customer's earlier records say about a new declaration. */
import type { ExistingNoIntent } from '../playbook/deriveFtopFields';
import type { EngagementScenarioId } from '../playbook/engagementScenarios';
import type { StoredRecord } from './declarationRecord';
import type { DeclarationRepository } from './declarationRepository';

export interface CustomerContext {
  /** Per workload id: its current No Intent record, which scenario 5 builds on. */
  readonly existingNoIntent: ReadonlyMap<string, StoredRecord>;
  /** The engagement of each of the customer's other workloads, newest first. */
  readonly otherWorkloadEngagements: readonly EngagementScenarioId[];
  /** The channel of the customer's latest No Intent notice, offered as the default. */
  readonly lastNoticeChannel: { readonly teamId: string; readonly channelId: string } | null;
}

export async function loadCustomerContext(
  repository: DeclarationRepository,
  tenantId: string,
  workloadIds: readonly string[],
  /** Left out, so a retried save does not read its own records as history. */
  ignoreDeclarationId?: string,
): Promise<CustomerContext> {
  const records = await repository.recordsOfCustomer(tenantId);
  const current = new Map<string, StoredRecord>();
  for (const record of records) {
    // A rejected declaration never became the workload's status.
    if (record.status === 'rejected' || record.declarationId === ignoreDeclarationId) continue;
    if (!current.has(record.workloadId)) current.set(record.workloadId, record);
  }
  const existingNoIntent = new Map<string, StoredRecord>();
  const otherWorkloadEngagements: EngagementScenarioId[] = [];
  for (const [workloadId, record] of current) {
    if (workloadIds.includes(workloadId)) {
      if (record.declaresNoIntent) existingNoIntent.set(workloadId, record);
    } else {
      otherWorkloadEngagements.push(record.engagementScenarioId);
    }
  }
  const lastNoticeChannel = records.find((r) => r.noticeChannel)?.noticeChannel ?? null;
  return { existingNoIntent, otherWorkloadEngagements, lastNoticeChannel };
}

export function asExistingNoIntent(record: StoredRecord | undefined): ExistingNoIntent | null {
  if (!record || !record.l2ReasonId) return null;
  return {
    l2ReasonId: record.l2ReasonId,
    l3ReasonId: record.l3ReasonId,
    notes: record.fields.notes,
  };
}
