/**
 * Whether a person belongs to a team, asked of Teams (the team's roster, one member looked up)
 * and remembered for a while, so paging through the portal does not ask again. A lookup that
 * fails is not remembered: the person is not let in now and is asked about again next time.
 */
import type { TeamMembership } from '../../application/portal/portalViews';
import type { InstalledTeam } from '../../application/teamDirectory';
import type { ProactiveConnector } from './proactiveConnector';
import { CONNECTOR_TIMEOUT_MS } from './teamsMessenger';

const MEMBER_FOR_MS = 10 * 60 * 1000;
const NOT_MEMBER_FOR_MS = 60 * 1000;
const MAX_REMEMBERED = 10_000;

export class ConnectorTeamMembership implements TeamMembership {
  private readonly remembered = new Map<string, { member: boolean; until: number }>();

  constructor(
    private readonly connector: ProactiveConnector,
    private readonly now: () => number = Date.now,
  ) {}

  async isMember(team: InstalledTeam, aadObjectId: string): Promise<boolean> {
    const key = `${team.teamId}|${aadObjectId}`;
    const known = this.remembered.get(key);
    if (known && known.until > this.now()) return known.member;
    const member = await this.lookUp(team, aadObjectId);
    if (this.remembered.size >= MAX_REMEMBERED) this.remembered.clear();
    this.remembered.set(key, {
      member,
      until: this.now() + (member ? MEMBER_FOR_MS : NOT_MEMBER_FOR_MS),
    });
    return member;
  }

  private async lookUp(team: InstalledTeam, aadObjectId: string): Promise<boolean> {
    const client = await this.connector.client(team.serviceUrl);
    try {
      const member = await client.conversations.getConversationMember(team.teamId, aadObjectId, {
        timeout: CONNECTOR_TIMEOUT_MS,
      });
      return Boolean(member);
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return false;
      throw error;
    }
  }
}
