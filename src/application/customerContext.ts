/**
 * What the bot knows of a customer while the FM declares: the customer's ledger as read once,
 * kept in the dialog's state (it is plain JSON) so the following turns need no read. Saving reads
 * the ledger again, so a declaration is always judged against what is saved.
 */
import type { ExistingNoIntent } from '../playbook/deriveFtopFields';
import type { EngagementScenarioId } from '../playbook/engagementScenarios';
import type { EntitlementState } from '../playbook/entitlement';
import type { KnownEntitlement } from '../playbook/scenarioRules';
import { findWorkload } from '../playbook/workloads';
import { entitlementStateOf, type ChannelRef, type StoredCustomer } from './customerLedger';
import type { LedgerRepository } from './ledgerRepository';

/** How long a ledger read earlier in the conversation is shown before it is read again. */
export const CUSTOMER_CONTEXT_MAX_AGE_MS = 10 * 60 * 1000;

export interface CustomerContext {
  readonly tenantId: string;
  /** ISO time of the read. */
  readonly readAt: string;
  /** The customer's ledger; null when the bot knows nothing of the customer yet. */
  readonly customer: StoredCustomer | null;
}

export async function loadCustomerContext(
  ledger: LedgerRepository,
  tenantId: string,
  now: Date,
): Promise<CustomerContext> {
  const customer = await ledger.readCustomer(tenantId);
  return { tenantId, readAt: now.toISOString(), customer: customer ?? null };
}

/** Whether a context read earlier still answers for this customer now. */
export function isContextCurrent(
  context: CustomerContext | undefined,
  tenantId: string,
  now: Date,
): context is CustomerContext {
  if (!context || context.tenantId !== tenantId) return false;
  const age = now.getTime() - Date.parse(context.readAt);
  return age >= 0 && age <= CUSTOMER_CONTEXT_MAX_AGE_MS;
}

/** Each chosen workload with what the bot knows of it. */
export function knownEntitlements(
  context: Pick<CustomerContext, 'customer'>,
  workloadIds: readonly string[],
): KnownEntitlement[] {
  return workloadIds.map((id) => ({
    workloadName: findWorkload(id)?.name ?? id,
    state: entitlementStateOf(context.customer, id),
  }));
}

/** The No Intent an entitlement holds, which scenario 5 builds on. */
export function existingNoIntent(state: EntitlementState): ExistingNoIntent | null {
  const status = state.status;
  if (status?.fields.l1 !== 'No Intent' || !status.l2ReasonId) return null;
  return {
    l2ReasonId: status.l2ReasonId,
    l3ReasonId: status.l3ReasonId,
    notes: status.fields.notes,
  };
}

/** The engagement of each of the customer's other workloads, most recently changed first. */
export function otherWorkloadEngagements(
  context: Pick<CustomerContext, 'customer'>,
  workloadIds: readonly string[],
): EngagementScenarioId[] {
  const others = Object.values(context.customer?.entitlements ?? {}).filter(
    (entry) => entry.status && !workloadIds.includes(entry.workloadId),
  );
  others.sort((a, b) => (b.declaration?.at ?? '').localeCompare(a.declaration?.at ?? ''));
  return others.map((entry) => entry.status!.engagementScenarioId);
}

export function lastNoticeChannel(context: Pick<CustomerContext, 'customer'>): ChannelRef | null {
  return context.customer?.lastNoticeChannel ?? null;
}

/** The customer's workloads that hold No Intent: where scenario 5 applies. */
export function noIntentWorkloads(context: Pick<CustomerContext, 'customer'>): string[] {
  return Object.values(context.customer?.entitlements ?? {})
    .filter((entry) => existingNoIntent(entry) !== null)
    .map((entry) => entry.workloadName);
}
