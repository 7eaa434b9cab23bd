/** Storage for notices and for the teams where the app is installed. */
import type { Notice, NoticeTarget, StoredNotice } from './notice';

export interface NoticeRepository {
  /** Creates the notice, or returns the one already stored for the declaration. */
  createNotice(notice: Notice): Promise<StoredNotice>;
  readNotice(declarationId: string): Promise<StoredNotice | undefined>;
  /** Replaces a notice if nobody changed it since it was read; else throws ConcurrencyConflict. */
  replaceNotice(notice: StoredNotice): Promise<StoredNotice>;
  /** Pending notices whose next attempt is due, oldest first. */
  dueNotices(now: string, limit: number): Promise<StoredNotice[]>;
  /** Posted notices nobody has decided yet, newest first. */
  undecidedNotices(limit: number): Promise<StoredNotice[]>;
}

export interface InstalledTeam {
  readonly orgTenantId: string;
  readonly teamId: string;
  readonly teamName: string;
  readonly serviceUrl: string;
  readonly channels: readonly { readonly id: string; readonly name: string }[];
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
    })),
  );
}
