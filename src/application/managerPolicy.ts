/** Who may confirm or reject a declaration: managers for every team, and per team. */

export interface ManagerPolicy {
  readonly everywhere: readonly string[];
  /** Team id to the Entra object ids of that team's managers. */
  readonly perTeam: Readonly<Record<string, readonly string[]>>;
}

/** The managers of a team; without a team (no notice channel yet), those of every team. */
export function managersOf(policy: ManagerPolicy, teamId: string | null | undefined): string[] {
  const team = teamId ? (policy.perTeam[teamId] ?? []) : [];
  return [...new Set([...policy.everywhere, ...team])];
}

export function isManager(
  policy: ManagerPolicy,
  aadObjectId: string,
  teamId: string | null | undefined,
): boolean {
  return managersOf(policy, teamId).includes(aadObjectId);
}
