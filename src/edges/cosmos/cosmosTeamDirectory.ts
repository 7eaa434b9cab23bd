/** The teams where the app is installed, per organisation tenant, in Cosmos DB. */
import type { Container } from '@azure/cosmos';
import type { InstalledTeam, TeamDirectory } from '../../application/teamDirectory';
import { readDeadline } from './cosmosConnection';
import { cosmosStatus, HTTP_NOT_FOUND } from './cosmosStatus';

export class CosmosTeamDirectory implements TeamDirectory {
  constructor(private readonly teams: Container) {}

  async saveTeam(team: InstalledTeam): Promise<void> {
    await this.teams.items.upsert({ id: safeId(team.teamId), ...team });
  }

  async removeTeam(orgTenantId: string, teamId: string): Promise<void> {
    try {
      await this.teams.item(safeId(teamId), orgTenantId).delete();
    } catch (error) {
      if (cosmosStatus(error) !== HTTP_NOT_FOUND) throw error;
    }
  }

  async teamsOf(orgTenantId: string): Promise<InstalledTeam[]> {
    const { resources } = await this.teams.items
      .query<InstalledTeam>(
        {
          query:
            'SELECT c.orgTenantId, c.teamId, c.teamName, c.serviceUrl, c.aadGroupId, c.channels, c.members, c.membersReadAt FROM c WHERE c.orgTenantId = @tenant ORDER BY c.teamName',
          parameters: [{ name: '@tenant', value: orgTenantId }],
        },
        { partitionKey: orgTenantId, ...readDeadline() },
      )
      .fetchAll();
    return resources;
  }
}

/** Team ids look like 19:abc@thread.tacv2; '/', '\\', '?' and '#' may not appear in Cosmos ids. */
function safeId(teamId: string): string {
  return encodeURIComponent(teamId);
}
