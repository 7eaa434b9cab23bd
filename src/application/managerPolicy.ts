/** Who may confirm or reject a declaration: managers for every team, and per team. */

export interface ManagerPolicy {
  readonly everywhere: readonly string[];
  /** Team id to the Entra object ids of that team's managers. */
  readonly perTeam: Readonly<Record<string, readonly string[]>>;
}

export function managersOf(policy: ManagerPolicy, teamId: string): string[] {
  return [...new Set([...policy.everywhere, ...(policy.perTeam[teamId] ?? [])])];
}

export function isManager(policy: ManagerPolicy, aadObjectId: string, teamId: string): boolean {
  return managersOf(policy, teamId).includes(aadObjectId);
}
