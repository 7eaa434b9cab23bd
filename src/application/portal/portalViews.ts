/**
 * Which views of the portal a person has, and what each may read: FMs what they declared,
 * managers what they may decide (global managers everything of their organisation), members of
 * an account team what was posted to their team's channels. Always within the person's own
 * organisation.
 */
import type { Person } from '../../playbook/person';
import type { ManagerPolicy } from '../managerPolicy';
import type { InstalledTeam, TeamDirectory } from '../teamDirectory';
import type { PortalViewInfo } from './portalContract';
import type { RowFilters } from './portalRepository';
import type { Audience } from './portalScopes';

/** The person a portal request is for, as its sign-in proved. */
export interface PortalCaller {
  readonly person: Person;
  readonly orgTenantId: string;
  /** Signed in with the development sign-in (local mode only). */
  readonly devSignIn: boolean;
}

/** Whether a person belongs to a team, as Teams knows it. */
export interface TeamMembership {
  isMember(team: InstalledTeam, aadObjectId: string): Promise<boolean>;
}

export interface ViewDeps {
  readonly policy: ManagerPolicy;
  readonly teams: TeamDirectory;
  readonly membership: TeamMembership;
}

/** A view the caller may open: what it reads, and the filters that are part of it. */
export interface OpenView extends PortalViewInfo {
  readonly audience: Audience;
  readonly filters: RowFilters;
}

export async function viewsOf(deps: ViewDeps, caller: PortalCaller): Promise<OpenView[]> {
  const me = caller.person.aadObjectId;
  const views: OpenView[] = [
    {
      id: 'mine',
      title: 'My entitlements',
      audience: { kind: 'fm', aadObjectId: me },
      filters: {},
    },
  ];
  const globalManager = deps.policy.everywhere.includes(me);
  const teams = await deps.teams.teamsOf(caller.orgTenantId);
  const managed = teams.filter((team) => deps.policy.perTeam[team.teamId]?.includes(me));
  if (globalManager) {
    views.push({
      id: 'awaiting',
      title: 'Awaiting me',
      audience: { kind: 'org' },
      filters: { lifecycle: 'awaiting-decision' },
    });
    views.push({ id: 'org', title: 'All entitlements', audience: { kind: 'org' }, filters: {} });
  } else if (managed.length > 0) {
    const teamIds = managed.map((team) => team.teamId);
    views.push({
      id: 'awaiting',
      title: 'Awaiting me',
      audience: { kind: 'teams', teamIds },
      filters: { lifecycle: 'awaiting-decision', decidingTeamIds: teamIds },
    });
  }
  // Asked side by side: each question is bounded, so all of them together are too.
  const allowed = await Promise.all(
    teams.map(
      async (team) =>
        globalManager ||
        managed.includes(team) ||
        (await deps.membership.isMember(team, me).catch(() => false)),
    ),
  );
  teams.forEach((team, i) => {
    if (allowed[i]) views.push(teamView(team));
  });
  return views;
}

/** The view a request names, if the caller has it; a channel view comes with its team's. */
export async function openView(
  deps: ViewDeps,
  caller: PortalCaller,
  viewId: string,
): Promise<OpenView | undefined> {
  const views = await viewsOf(deps, caller);
  if (!viewId.startsWith('channel:')) return views.find((view) => view.id === viewId);
  // Team and channel ids hold colons themselves ("19:...@thread.tacv2"): the team's view names it.
  const rest = viewId.slice('channel:'.length);
  const team = views.find(
    (view) => view.id.startsWith('team:') && rest.startsWith(`${view.id.slice('team:'.length)}:`),
  );
  if (!team) return undefined;
  const channelId = rest.slice(team.id.length - 'team:'.length + 1);
  if (!channelId) return undefined;
  return { id: viewId, title: team.title, audience: team.audience, filters: { channelId } };
}

export function isManagerAnywhere(policy: ManagerPolicy, aadObjectId: string): boolean {
  return (
    policy.everywhere.includes(aadObjectId) ||
    Object.values(policy.perTeam).some((managers) => managers.includes(aadObjectId))
  );
}

function teamView(team: InstalledTeam): OpenView {
  return {
    id: `team:${team.teamId}`,
    title: team.teamName,
    audience: { kind: 'teams', teamIds: [team.teamId] },
    filters: {},
  };
}
