/**
 * One declaration: what the FM answered for a customer's workloads, the FTOP values it set, and
 * where it stands. It lives in the customer's partition and changes in the same batch as the
 * entitlements it touches.
 */
import type { DeclarationAnswers } from '../playbook/deriveFtopFields';
import type { Decision, FtopStatus, LifecycleState } from '../playbook/entitlement';
import type { Person } from '../playbook/person';
import type { FmRole, ScenarioId } from '../playbook/scenarios';

/** A channel of a team where the app is installed. */
export interface NoticeTarget {
  /** The organisation's own tenant, where the app is installed (not the customer's). */
  readonly orgTenantId: string;
  readonly teamId: string;
  readonly teamName: string;
  readonly channelId: string;
  readonly channelName: string;
  readonly serviceUrl: string;
  /** The team's Microsoft 365 group, to read the channel through Microsoft Graph. */
  readonly aadGroupId?: string;
}

/** Where the bot can reach a person in a one-to-one chat. */
export interface PersonalAddress {
  readonly serviceUrl: string;
  /** Empty when the person declared in a channel: a one-to-one chat is opened first. */
  readonly conversationId: string;
  readonly userId: string;
  readonly orgTenantId: string;
}

export interface DeclaredWorkload {
  readonly workloadId: string;
  readonly workloadName: string;
  /** The FTOP values this declaration sets for the workload. */
  readonly status: FtopStatus;
}

export interface Declaration {
  readonly id: string;
  readonly type: 'declaration';
  /** The customer's tenant id: the partition. */
  readonly tenantId: string;
  readonly declarationId: string;
  readonly orgTenantId: string;
  readonly customerName: string;
  readonly scenarioId: ScenarioId;
  /** What the FM answered, so "declare again" starts from it. */
  readonly answers: Omit<DeclarationAnswers, 'scenarioId'>;
  readonly workloads: readonly DeclaredWorkload[];
  /** No Intent: the account team is told and a manager decides. */
  readonly announces: boolean;
  readonly fm: Person;
  readonly fmRole: FmRole;
  readonly fmAddress: PersonalAddress | null;
  /** The account team's channel; null when not announced, or while the app is in no team. */
  readonly noticeTarget: NoticeTarget | null;
  readonly state: LifecycleState;
  readonly decision: Decision | null;
  /** Who withdrew it, and when. */
  readonly withdrawal: { readonly by: Person; readonly at: string } | null;
  /** A manager handed the decision to another manager, who is reminded of it instead. */
  readonly delegation?: Delegation | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface Delegation {
  readonly to: Person;
  readonly by: Person;
  readonly at: string;
}

export function declarationDocumentId(declarationId: string): string {
  return `declaration.${declarationId}`;
}

/** A No Intent declaration that still stands: its notice is (or is to be) posted. */
export function stillAnnounced(declaration: Declaration): boolean {
  return (
    declaration.announces &&
    (declaration.state === 'awaiting-decision' || declaration.state === 'confirmed')
  );
}

/** The notice waits for the FM to choose a channel once the app is in a team. */
export function awaitsChannel(declaration: Declaration): boolean {
  return stillAnnounced(declaration) && declaration.noticeTarget === null;
}
