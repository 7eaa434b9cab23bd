/**
 * Who is in a team, asked of Teams (one member looked up in the team's roster) and remembered
 * for a while: whether a person may open a team's view in the portal, and the names of managers
 * the bot has never talked to. A lookup that fails is not remembered.
 */
import type { TeamMembership } from '../../application/portal/portalViews';
import type { InstalledTeam, TeamDirectory } from '../../application/teamDirectory';
import type { ProactiveConnector } from './proactiveConnector';
import { CONNECTOR_TIMEOUT_MS } from './connectorErrors';

const MEMBER_FOR_MS = 10 * 60 * 1000;
const NOT_MEMBER_FOR_MS = 60 * 1000;
const MAX_REMEMBERED = 10_000;
/**
 * A recorded roster is trusted this long: membership changes are read again as they happen, but
 * one missed (an event lost, two instances writing in the wrong order) must not last.
 */
const RECORDED_ROSTER_FOR_MS = 24 * 60 * 60 * 1000;

type Member = { readonly name: string } | null;

export class TeamRoster implements TeamMembership {
  private readonly remembered = new Map<string, { member: Member; until: number }>();

  constructor(
    private readonly connector: ProactiveConnector,
    /** Where the recorded rosters are; Teams is asked only about teams without one. */
    private readonly teams?: TeamDirectory,
    private readonly now: () => number = Date.now,
  ) {}

  async isMember(team: InstalledTeam, aadObjectId: string): Promise<boolean> {
    // The roster recorded with the team answers without asking Teams, while it is recent.
    const readAt = Date.parse(team.membersReadAt ?? '');
    if (team.members && this.now() - readAt < RECORDED_ROSTER_FOR_MS) {
      return team.members.some((m) => m.aadObjectId === aadObjectId);
    }
    return (await this.member(team, aadObjectId)) !== null;
  }

  /** Their name as the team's roster has it; undefined when not found or not known now. */
  async nameOf(
    team: Pick<InstalledTeam, 'teamId' | 'serviceUrl' | 'orgTenantId'>,
    aadObjectId: string,
  ): Promise<string | undefined> {
    const installed = await this.teams
      ?.teamsOf(team.orgTenantId)
      .then((all) => all.find((t) => t.teamId === team.teamId))
      .catch(() => undefined);
    const recorded = installed?.members?.find((m) => m.aadObjectId === aadObjectId);
    if (recorded?.name) return recorded.name;
    const member = await this.member(team, aadObjectId).catch(() => null);
    return member?.name || undefined;
  }

  private async member(
    team: Pick<InstalledTeam, 'teamId' | 'serviceUrl'>,
    aadObjectId: string,
  ): Promise<Member> {
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

  private async lookUp(
    team: Pick<InstalledTeam, 'teamId' | 'serviceUrl'>,
    aadObjectId: string,
  ): Promise<Member> {
    const client = await this.connector.client(team.serviceUrl);
    try {
      const member = await client.conversations.getConversationMember(team.teamId, aadObjectId, {
        timeout: CONNECTOR_TIMEOUT_MS,
      });
      return member ? { name: member.name ?? '' } : null;
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return null;
      throw error;
    }
  }
}
