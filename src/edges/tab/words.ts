/** What the tab says about states, errors and dates, in one place. */
import type { LifecycleState } from '../../playbook/entitlement';
import type {
  PortalRow,
  PortalViewId,
  PortalViewInfo,
} from '../../application/portal/portalContract';
import { PortalApiError, type SignIn } from './portalApi';

export const LIFECYCLE_LABELS: Record<LifecycleState, string> = {
  'awaiting-decision': 'Awaiting decision',
  confirmed: 'Confirmed',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
  recorded: 'Recorded',
};

export const STAGE_LABELS = { assignment: 'Assignment', delivery: 'Delivery' } as const;

/** Where the row stands with FTOP, in a few words. */
export function ftopStateText(row: PortalRow): string {
  if (row.ftopTask === 'enter') return 'To be entered';
  if (row.ftopTask === 'put-back') return 'To be put back';
  if (row.ftopEnteredAt) return 'Entered';
  return 'Nothing to do';
}

export function lifecycleText(row: PortalRow): string {
  return row.lifecycle ? LIFECYCLE_LABELS[row.lifecycle] : 'No status held';
}

/**
 * A title for a view the server did not list: a channel tab (named after its team, when the
 * person has that team's view), or a view opened by its URL.
 */
export function fallbackViewTitle(view: PortalViewId, listed: readonly PortalViewInfo[]): string {
  if (view.startsWith('channel:')) {
    // Team and channel ids hold colons themselves ("19:...@thread.tacv2"): the team's view says
    // where the team id ends.
    const team = listed.find(
      (v) => v.id.startsWith('team:') && view.startsWith(`channel:${v.id.slice('team:'.length)}:`),
    );
    return team ? `${team.title}: this channel` : 'This channel';
  }
  if (view === 'mine') return 'My entitlements';
  if (view === 'awaiting') return 'Awaiting me';
  if (view === 'org') return 'All entitlements';
  if (view.startsWith('team:')) return 'This team';
  return view;
}

/** An API failure in words that say what to do about it. */
export function problemText(error: unknown, signIn: SignIn['kind'] | null): string {
  if (!(error instanceof PortalApiError)) {
    return `Something went wrong in the tab (${error instanceof Error ? error.message : String(error)}). Reload the tab; if it happens again, tell the bot's operator.`;
  }
  const said = error.serverText ? ` The server said: "${error.serverText}"` : '';
  switch (error.status) {
    case 0:
      return "The bot's server could not be reached. Check your connection, then try again.";
    case 400:
      return `The server did not accept this request.${said} Clear the filters and try again.`;
    case 401:
      return signIn === 'dev'
        ? `The development sign-in was not accepted.${said} Choose the person again.`
        : `Your sign-in was not accepted.${said} Close the tab and open it again; if that does not help, sign out of Teams and back in.`;
    case 403:
      return `You may not see this.${said} Choose another view, or ask a manager of the team for access.`;
    case 404:
      return `This was not found; it may have changed since the list was drawn.${said} Refresh the list.`;
    case 503:
      return `The database did not answer.${said} Wait a minute, then try again.`;
    default:
      return `The server answered with an error (${error.status}).${said} Try again; if it happens again, tell the bot's operator.`;
  }
}
