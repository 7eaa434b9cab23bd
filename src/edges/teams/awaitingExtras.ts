/**
 * What a manager's list says of each declaration besides itself: how long it has waited, and the
 * other managers it can be handed to (named as the team's roster names them).
 */
import type { Declaration } from '../../application/declaration';
import type { ManagerPolicy } from '../../application/managerPolicy';
import { delegatesOf } from '../../application/followUps/delegateDecision';
import {
  workingDaysWaited,
  type FollowUpSettings,
} from '../../application/followUps/followUpRules';
import type { AwaitingExtras } from './cards/awaitingDecisionCard';
import type { TeamRoster } from './teamRoster';

export interface AwaitingExtrasDeps {
  readonly policy: ManagerPolicy;
  readonly roster?: TeamRoster;
  readonly now: () => Date;
  readonly followUps: FollowUpSettings;
}

export async function awaitingExtras(
  deps: AwaitingExtrasDeps,
  declarations: readonly Declaration[],
  viewer: string,
): Promise<AwaitingExtras> {
  const waited: Record<string, string> = {};
  const delegates: Record<string, { title: string; value: string }[]> = {};
  const now = deps.now();
  for (const declaration of declarations) {
    const days = workingDaysWaited(new Date(declaration.createdAt), now, deps.followUps);
    if (days > 0) {
      waited[declaration.declarationId] =
        `Waiting for ${days} working day${days === 1 ? '' : 's'}${days >= deps.followUps.escalationDays && deps.policy.everywhere.length > 0 ? ': escalated to the global managers' : ''}`;
    }
    const target = declaration.noticeTarget;
    const others = delegatesOf(deps.policy, declaration, viewer);
    delegates[declaration.declarationId] = await Promise.all(
      others.map(async (id) => ({
        title: (target && (await deps.roster?.nameOf(target, id))) || `Manager ${id.slice(0, 8)}`,
        value: id,
      })),
    );
  }
  return { waited, delegates };
}
