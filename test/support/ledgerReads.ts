/** Reading a customer's ledger the way a test checks it: every document of the partition. */
import assert from 'node:assert/strict';
import type { CustomerLedger } from '../../src/application/customerLedger';
import type { Declaration } from '../../src/application/declaration';
import type { DeclarationMessages } from '../../src/application/declarationMessages';
import type { EntitlementRecord } from '../../src/application/entitlementRecord';
import type { OutboxEntry } from '../../src/application/outbox';
import { CONTAINERS } from '../../src/edges/cosmos/cosmosContainers';
import {
  CUSTOMER_TENANT,
  executeAction,
  FmConversation,
  MORGAN,
  type BotUnderTest,
  type TestUser,
} from './fmConversation';
import type { TestDatabase } from './localCosmos';

export interface Partition {
  readonly customer: CustomerLedger | undefined;
  readonly entitlements: EntitlementRecord[];
  readonly declarations: Declaration[];
  readonly messages: DeclarationMessages[];
  /** Side effects still to carry out now. */
  readonly outbox: OutboxEntry[];
  /** Follow-ups waiting for their time (reminders, escalations, re-validations). */
  readonly followUps: OutboxEntry[];
}

export async function partitionOf(
  db: TestDatabase,
  tenantId = CUSTOMER_TENANT,
): Promise<Partition> {
  const { resources } = await db.database
    .container(CONTAINERS.ledger.id)
    .items.query<{ type: string; createdAt?: string }>({
      query: 'SELECT * FROM c WHERE c.tenantId = @t',
      parameters: [{ name: '@t', value: tenantId }],
    })
    .fetchAll();
  const ofType = <T>(type: string) => resources.filter((r) => r.type === type) as unknown as T[];
  return {
    customer: ofType<CustomerLedger>('customer')[0],
    entitlements: ofType<EntitlementRecord>('entitlement').sort((a, b) =>
      a.workloadId.localeCompare(b.workloadId),
    ),
    declarations: ofType<Declaration>('declaration').sort((a, b) =>
      a.createdAt.localeCompare(b.createdAt),
    ),
    messages: ofType<DeclarationMessages>('messages'),
    outbox: ofType<OutboxEntry>('outbox').filter((e) => e.effect !== 'follow-up'),
    followUps: ofType<OutboxEntry>('outbox').filter((e) => e.effect === 'follow-up'),
  };
}

/** The only declaration of the customer, or the newest. */
export async function latestDeclaration(db: TestDatabase, tenantId = CUSTOMER_TENANT) {
  const { declarations } = await partitionOf(db, tenantId);
  const latest = declarations[declarations.length - 1];
  assert.ok(latest, 'a declaration was saved');
  return latest;
}

/** A manager taps Confirm or Reject on the notice (Universal Actions). */
export async function managerDecides(
  target: BotUnderTest,
  declaration: Pick<Declaration, 'tenantId' | 'declarationId'>,
  verb: 'confirmDeclaration' | 'rejectDeclaration',
  comment?: string,
  manager: TestUser = MORGAN,
): Promise<FmConversation> {
  const conversation = new FmConversation(target, manager);
  await conversation.send(
    executeAction(verb, {
      tenantId: declaration.tenantId,
      declarationId: declaration.declarationId,
      ...(comment ? { comment } : {}),
    }),
  );
  return conversation;
}
