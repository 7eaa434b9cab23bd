/**
 * What the customer's earlier records say about a new declaration. It is plain JSON, so the
 * dialog keeps it in its state and reads the customer's records once per declaration rather than
 * on every turn.
 */
import type { ExistingNoIntent } from '../playbook/deriveFtopFields';
import type { EngagementScenarioId } from '../playbook/engagementScenarios';
import type { StoredRecord } from './declarationRecord';
import type { DeclarationRepository } from './declarationRepository';

/**
 * How long a context read earlier in the conversation is trusted. Only scenario 5 depends on it
 * (it copies the existing No Intent record), and a customer's records change a few times a year;
 * a summary left open longer than this is checked against fresh records before it is saved.
 */
export const CUSTOMER_CONTEXT_MAX_AGE_MS = 10 * 60 * 1000;

/** The parts of a workload's current No Intent record that a new declaration builds on. */
export type ExistingRecordView = Pick<
  StoredRecord,
  'workloadName' | 'l2ReasonId' | 'l3ReasonId' | 'fields'
>;

export interface CustomerContext {
  readonly tenantId: string;
  /** The workloads of the declaration this context was read for. */
  readonly workloadIds: readonly string[];
  /** ISO time of the read. */
  readonly readAt: string;
  /** Per workload id: its current No Intent record, which scenario 5 builds on. */
  readonly existingNoIntent: Readonly<Record<string, ExistingRecordView>>;
  /** The engagement of each of the customer's other workloads, newest first. */
  readonly otherWorkloadEngagements: readonly EngagementScenarioId[];
  /** The channel of the customer's latest No Intent notice, offered as the default. */
  readonly lastNoticeChannel: { readonly teamId: string; readonly channelId: string } | null;
}

export async function loadCustomerContext(
  repository: DeclarationRepository,
  tenantId: string,
  workloadIds: readonly string[],
  now: Date,
  /** Left out, so a retried save does not read its own records as history. */
  ignoreDeclarationId?: string,
): Promise<CustomerContext> {
  const records = (await repository.recordsOfCustomer(tenantId)).filter(
    (r) => r.declarationId !== ignoreDeclarationId,
  );
  const current = new Map<string, StoredRecord>();
  for (const record of records) {
    // A rejected declaration never became the workload's status.
    if (record.status === 'rejected') continue;
    if (!current.has(record.workloadId)) current.set(record.workloadId, record);
  }
  const existingNoIntent: Record<string, ExistingRecordView> = {};
  const otherWorkloadEngagements: EngagementScenarioId[] = [];
  for (const [workloadId, record] of current) {
    if (workloadIds.includes(workloadId)) {
      if (record.declaresNoIntent) {
        const { workloadName, l2ReasonId, l3ReasonId, fields } = record;
        existingNoIntent[workloadId] = { workloadName, l2ReasonId, l3ReasonId, fields };
      }
    } else {
      otherWorkloadEngagements.push(record.engagementScenarioId);
    }
  }
  const lastNoticeChannel = records.find((r) => r.noticeChannel)?.noticeChannel ?? null;
  return {
    tenantId,
    workloadIds: [...workloadIds],
    readAt: now.toISOString(),
    existingNoIntent,
    otherWorkloadEngagements,
    lastNoticeChannel,
  };
}

/** Whether a context read earlier still answers for this customer and these workloads now. */
export function isContextCurrent(
  context: CustomerContext | undefined,
  tenantId: string,
  workloadIds: readonly string[],
  now: Date,
): context is CustomerContext {
  if (!context || context.tenantId !== tenantId) return false;
  if (context.workloadIds.join(',') !== workloadIds.join(',')) return false;
  const age = now.getTime() - Date.parse(context.readAt);
  return age >= 0 && age <= CUSTOMER_CONTEXT_MAX_AGE_MS;
}

export function asExistingNoIntent(
  record: ExistingRecordView | undefined,
): ExistingNoIntent | null {
  if (!record || !record.l2ReasonId) return null;
  return {
    l2ReasonId: record.l2ReasonId,
    l3ReasonId: record.l3ReasonId,
    notes: record.fields.notes,
  };
}
