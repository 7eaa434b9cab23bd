/**
 * Keeps each organisation's installed teams for a minute. Every declaration's summary needs
 * them, and they change a few times a year. Changes this instance records clear the entry at
 * once; another instance's show within a minute, and the dialog asks for a fresh list when the
 * channel the FM chose is not in the one it has.
 */
import type { InstalledTeam, TeamDirectory } from './teamDirectory';

export const TEAM_CACHE_MAX_AGE_MS = 60_000;
/** Organisations remembered at most; a bot usually serves one. */
const MAX_ORGANISATIONS = 1000;

export class CachedTeamDirectory implements TeamDirectory {
  private readonly entries = new Map<string, { readAt: number; teams: InstalledTeam[] }>();

  constructor(
    private readonly directory: TeamDirectory,
    private readonly now: () => Date,
  ) {}

  async saveTeam(team: InstalledTeam): Promise<void> {
    this.entries.delete(team.orgTenantId);
    await this.directory.saveTeam(team);
    this.entries.delete(team.orgTenantId);
  }

  async removeTeam(orgTenantId: string, teamId: string): Promise<void> {
    this.entries.delete(orgTenantId);
    await this.directory.removeTeam(orgTenantId, teamId);
    this.entries.delete(orgTenantId);
  }

  async teamsOf(orgTenantId: string, options: { fresh?: boolean } = {}): Promise<InstalledTeam[]> {
    const entry = this.entries.get(orgTenantId);
    const now = this.now().getTime();
    if (entry && !options.fresh && now - entry.readAt < TEAM_CACHE_MAX_AGE_MS) {
      return entry.teams;
    }
    const teams = await this.directory.teamsOf(orgTenantId);
    if (this.entries.size >= MAX_ORGANISATIONS) this.entries.clear();
    this.entries.set(orgTenantId, { readAt: now, teams });
    return teams;
  }
}
