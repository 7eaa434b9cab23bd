/** The teams where the app is installed, whose channels can receive notices. */
import type { NoticeTarget } from './declaration';

export interface TeamMember {
  readonly aadObjectId: string;
  readonly name: string;
}

export interface InstalledTeam {
  readonly orgTenantId: string;
  readonly teamId: string;
  readonly teamName: string;
  readonly serviceUrl: string;
  /** The team's Microsoft 365 group, which names it in Microsoft Graph; unknown for old records. */
  readonly aadGroupId?: string;
  readonly channels: readonly { readonly id: string; readonly name: string }[];
  /**
   * The team's members, read from Teams when the app is added and when members come or go;
   * absent when not known (ask Teams).
   */
  readonly members?: readonly TeamMember[];
  /** When `members` was read from Teams. */
  readonly membersReadAt?: string;
}

export interface TeamDirectory {
  saveTeam(team: InstalledTeam): Promise<void>;
  removeTeam(orgTenantId: string, teamId: string): Promise<void>;
  /** `fresh`: read the store even if a recent copy is at hand. */
  teamsOf(orgTenantId: string, options?: { fresh?: boolean }): Promise<InstalledTeam[]>;
}

export function noticeTargets(teams: readonly InstalledTeam[]): NoticeTarget[] {
  return teams.flatMap((team) =>
    team.channels.map((channel) => ({
      orgTenantId: team.orgTenantId,
      teamId: team.teamId,
      teamName: team.teamName,
      channelId: channel.id,
      channelName: channel.name,
      serviceUrl: team.serviceUrl,
      ...(team.aadGroupId ? { aadGroupId: team.aadGroupId } : {}),
    })),
  );
}
