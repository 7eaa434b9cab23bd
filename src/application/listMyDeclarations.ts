/** The FM's recent declarations with where each stands. */
import type { RecordStatus, StoredRecord } from './declarationRecord';
import type { DeclarationRepository } from './declarationRepository';

export interface DeclarationSummary {
  readonly declarationId: string;
  readonly customerName: string;
  readonly tenantId: string;
  readonly createdAt: string;
  readonly scenarioNumber: number;
  readonly workloads: readonly { readonly name: string; readonly status: RecordStatus }[];
}

export const RECENT_DECLARATIONS = 10;

export async function listMyDeclarations(
  repository: DeclarationRepository,
  fmAadObjectId: string,
): Promise<DeclarationSummary[]> {
  const entries = await repository.fmEntries(fmAadObjectId, RECENT_DECLARATIONS);
  const byTenant = new Map<string, string[]>();
  for (const entry of entries) {
    byTenant.set(entry.tenantId, [...(byTenant.get(entry.tenantId) ?? []), entry.declarationId]);
  }
  // One query per customer, each inside the customer's partition.
  const records = (
    await Promise.all(
      [...byTenant].map(([tenantId, ids]) => repository.recordsOfDeclarations(tenantId, ids)),
    )
  ).flat();
  const byDeclaration = new Map<string, StoredRecord[]>();
  for (const record of records) {
    byDeclaration.set(record.declarationId, [
      ...(byDeclaration.get(record.declarationId) ?? []),
      record,
    ]);
  }
  return entries.flatMap((entry) => {
    const own = byDeclaration.get(entry.declarationId);
    if (!own || own.length === 0) return [];
    return [
      {
        declarationId: entry.declarationId,
        customerName: entry.customerName,
        tenantId: entry.tenantId,
        createdAt: entry.createdAt,
        scenarioNumber: own[0]!.scenarioNumber,
        workloads: own.map((r) => ({ name: r.workloadName, status: r.status })),
      },
    ];
  });
}
