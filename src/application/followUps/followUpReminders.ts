/**
 * When a follow-up's time comes: if it still applies, a reminder waits in each reader's inbox
 * for their working hours. Decision reminders go to the team's managers (or to the one the
 * decision was handed to), escalations to the organisation's global managers, the rest to the
 * FM. Adding is idempotent: a follow-up carried out twice reminds once.
 */
import type { DeclarationSnapshot } from '../ledgerRepository';
import type { ManagerPolicy } from '../managerPolicy';
import type { TeamDirectory } from '../teamDirectory';
import {
  kickoffDayOf,
  stillApplies,
  type FollowUpKind,
  type FollowUpSettings,
} from './followUpRules';
import { itemKey, newInbox, withItems, type ReminderItem } from './reminderInbox';
import { changeInbox, type ReminderRepository } from './reminderRepository';

export interface FollowUpDeps {
  readonly reminders: ReminderRepository;
  readonly policy: ManagerPolicy;
  readonly teams: TeamDirectory;
  readonly now: () => Date;
  readonly followUps: FollowUpSettings;
}

export type FollowUpOutcome = 'reminded' | 'lapsed';

const DAILY: readonly FollowUpKind[] = ['decision-reminder', 'decision-escalation'];

export async function remindOfFollowUp(
  deps: FollowUpDeps,
  kind: FollowUpKind,
  snapshot: DeclarationSnapshot,
  /** When the follow-up came due: a re-validation is asked once per time it comes due. */
  dueAt: string,
): Promise<FollowUpOutcome> {
  const workloadIds = stillApplies(kind, snapshot);
  if (workloadIds.length === 0) return 'lapsed';
  const { declaration } = snapshot;
  const now = deps.now();
  const item: ReminderItem = {
    key: itemKey(
      kind,
      declaration.declarationId,
      kind === 'revalidation' ? dueAt.slice(0, 10) : undefined,
    ),
    kind,
    tenantId: declaration.tenantId,
    declarationId: declaration.declarationId,
    customerName: declaration.customerName,
    workloadNames: declaration.workloads
      .filter((w) => workloadIds.includes(w.workloadId))
      .map((w) => w.workloadName),
    notBefore: now.toISOString(),
    onDay: kind === 'kickoff' ? kickoffDayOf(declaration) : null,
    repeat: DAILY.includes(kind) ? 'daily' : 'once',
    lastSentDay: null,
    addedAt: now.toISOString(),
  };
  const serviceUrl =
    declaration.noticeTarget?.serviceUrl ??
    declaration.fmAddress?.serviceUrl ??
    (await deps.teams.teamsOf(declaration.orgTenantId))[0]?.serviceUrl ??
    null;
  const readers = readersOf(deps.policy, kind, snapshot);
  // Nobody to remind (no manager configured): nothing happened, and nobody is told it did.
  if (readers.length === 0) return 'lapsed';
  let reminded = 0;
  for (const reader of readers) {
    await changeInbox(deps.reminders, reader.aadObjectId, (current) => {
      // A manager of another organisation (managers are configured for the whole deployment)
      // is not reminded of this one's customers.
      if (current && current.orgTenantId !== declaration.orgTenantId) return null;
      reminded += 1;
      const inbox =
        current ?? newInbox({ ...reader, orgTenantId: declaration.orgTenantId }, now.toISOString());
      const known = {
        ...inbox,
        name: inbox.name || reader.name,
        serviceUrl: inbox.serviceUrl ?? serviceUrl,
        address: inbox.address ?? reader.address ?? null,
      };
      const next = withItems(known, [item], now, deps.followUps.hours);
      return next === known && current ? null : next;
    });
  }
  return reminded > 0 ? 'reminded' : 'lapsed';
}

interface Reader {
  readonly aadObjectId: string;
  readonly name: string;
  readonly address?: DeclarationSnapshot['declaration']['fmAddress'];
}

function readersOf(
  policy: ManagerPolicy,
  kind: FollowUpKind,
  snapshot: DeclarationSnapshot,
): Reader[] {
  const { declaration } = snapshot;
  switch (kind) {
    case 'decision-reminder': {
      if (declaration.delegation) return [declaration.delegation.to];
      const team = declaration.noticeTarget
        ? (policy.perTeam[declaration.noticeTarget.teamId] ?? [])
        : [];
      const managers = team.length > 0 ? team : policy.everywhere;
      return managers.map((aadObjectId) => ({ aadObjectId, name: '' }));
    }
    case 'decision-escalation':
      return policy.everywhere.map((aadObjectId) => ({ aadObjectId, name: '' }));
    default:
      return [{ ...declaration.fm, address: declaration.fmAddress }];
  }
}
