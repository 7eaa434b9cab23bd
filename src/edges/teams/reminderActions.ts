/**
 * The buttons of reminders and digests, and the "reminders" command: snooze for a week, turn a
 * kind off or on, hand a decision to another manager, and answer a re-validation.
 */
import type { TurnContext } from 'botbuilder';
import type { EffectRunner } from '../../application/effectRunner';
import { delegateDecision } from '../../application/followUps/delegateDecision';
import type { FollowUpSettings } from '../../application/followUps/followUpRules';
import { confirmStillNoIntent } from '../../application/followUps/revalidateNoIntent';
import {
  readReminders,
  rememberPerson,
  snoozeReminders,
  switchReminders,
  type Reader,
} from '../../application/followUps/reminderSettings';
import type { ReminderRepository } from '../../application/followUps/reminderRepository';
import { SNOOZE_MS } from '../../application/followUps/reminderInbox';
import type { LedgerRepository } from '../../application/ledgerRepository';
import type { ManagerPolicy } from '../../application/managerPolicy';
import { listOf } from '../../playbook/listOf';
import { REMINDER_LABELS, reminderSettingsCard } from './cards/reminderSettingsCard';
import type { ReminderAction } from './cardSubmit';
import { showCard } from './cardReplies';
import { retiredCard } from './cards/retiredCard';
import type { DeclarationDialogOptions } from './dialogs/declarationDialog';
import type { LiveLists } from './liveLists';
import type { TeamRoster } from './teamRoster';
import { orgTenantOf, personalAddressOf, turnPerson } from './turnText';

export interface ReminderActionDeps {
  readonly reminders: ReminderRepository;
  readonly ledger: LedgerRepository;
  readonly policy: ManagerPolicy;
  readonly effects: EffectRunner;
  readonly lists: LiveLists;
  readonly roster?: TeamRoster;
  readonly now: () => Date;
  readonly followUps: FollowUpSettings;
}

export type ReminderActionResult =
  | { readonly kind: 'answered' }
  | { readonly kind: 'declare-again'; readonly options: DeclarationDialogOptions };

const ANSWERED: ReminderActionResult = { kind: 'answered' };

export class ReminderActions {
  constructor(private readonly deps: ReminderActionDeps) {}

  /** The "reminders" command: which reminders the person gets, with a switch for each. */
  async showSettings(context: TurnContext, notice = ''): Promise<void> {
    let inbox = await readReminders(this.deps, readerOf(context));
    if (inbox.blocked && context.activity.conversation.conversationType === 'personal') {
      // They write from their chat with the bot, so it reaches them again: their reminders
      // resume now, as the card below says.
      await rememberPerson(this.deps, {
        ...readerOf(context),
        timeZone: null,
        address: personalAddressOf(context),
      });
      inbox = await readReminders(this.deps, readerOf(context));
    }
    await showCard(
      context,
      reminderSettingsCard(inbox, this.deps.followUps, this.deps.now(), notice),
      undefined,
    );
  }

  async handle(context: TurnContext, action: ReminderAction): Promise<ReminderActionResult> {
    switch (action.action) {
      case 'snoozeReminder': {
        await snoozeReminders(this.deps, readerOf(context), action.keys);
        const until = new Date(this.deps.now().getTime() + SNOOZE_MS).toISOString().slice(0, 10);
        const said = `Snoozed: this reminder comes back on ${until}, in your working hours. Type "reminders" to see them all.`;
        // A reminder's own card becomes the note; a digest stays the list it is.
        if (action.source === 'reminder') await showCard(context, retiredCard(said));
        else await context.sendActivity(said);
        return ANSWERED;
      }
      case 'switchReminders': {
        const inbox = await switchReminders(this.deps, readerOf(context), action.kinds, action.on);
        const names = listOf(action.kinds.map((k) => lowerFirst(REMINDER_LABELS[k].label)));
        const said = action.on
          ? `Reminders of ${names} are on again.`
          : `Reminders of ${names} are off. Type "reminders" to turn them back on.`;
        if (action.source === 'settings') {
          await showCard(
            context,
            reminderSettingsCard(inbox, this.deps.followUps, this.deps.now(), said),
          );
        } else if (action.source === 'reminder') {
          await showCard(context, retiredCard(said));
        } else {
          await context.sendActivity(said);
        }
        return ANSWERED;
      }
      case 'delegateDecision':
        return this.delegate(context, action);
      case 'stillNoIntent':
        return this.stillNoIntent(context, action);
      case 'nowIntends':
        return this.nowIntends(context, action);
    }
  }

  private async delegate(
    context: TurnContext,
    action: Extract<ReminderAction, { action: 'delegateDecision' }>,
  ): Promise<ReminderActionResult> {
    const snapshot = await this.deps.ledger.readDeclaration(action.tenantId, action.declarationId);
    const target = snapshot?.declaration.noticeTarget;
    const name =
      (target && (await this.deps.roster?.nameOf(target, action.delegateTo))) ||
      `Manager ${action.delegateTo.slice(0, 8)}`;
    const result = await delegateDecision(this.deps, {
      tenantId: action.tenantId,
      declarationId: action.declarationId,
      by: turnPerson(context),
      orgTenantId: orgTenantOf(context),
      to: { aadObjectId: action.delegateTo, name },
      claim: this.deps.effects.newClaim(),
    });
    const title = (s: { declaration: { customerName: string } }) => s.declaration.customerName;
    switch (result.kind) {
      case 'not-found':
        await context.sendActivity('I cannot find that declaration. Nothing changed.');
        return ANSWERED;
      case 'not-allowed':
        await context.sendActivity(
          'Only a manager who may decide a declaration can hand it over. Nothing changed.',
        );
        return ANSWERED;
      case 'not-awaiting':
        await this.deps.lists.showAwaitingDecision(
          context,
          `${title(result.snapshot)} is no longer awaiting a decision. Nothing changed.`,
        );
        return ANSWERED;
      case 'not-a-manager':
        await context.sendActivity(
          `${name} is not a manager who may decide ${title(result.snapshot)}: choose one from the list. Nothing changed.`,
        );
        return ANSWERED;
      case 'delegated':
        this.deps.effects.runSoon(result.effects);
        await this.deps.lists.showAwaitingDecision(
          context,
          `You handed ${title(result.snapshot)} to ${name}: they decide it now and get its reminders. The history records it.`,
        );
        return ANSWERED;
    }
  }

  private async stillNoIntent(
    context: TurnContext,
    action: Extract<ReminderAction, { action: 'stillNoIntent' }>,
  ): Promise<ReminderActionResult> {
    const result = await confirmStillNoIntent(this.deps, {
      tenantId: action.tenantId,
      declarationId: action.declarationId,
      by: turnPerson(context),
      claim: this.deps.effects.newClaim(),
    });
    switch (result.kind) {
      case 'not-found':
        await context.sendActivity('I cannot find that declaration. Nothing changed.');
        break;
      case 'not-yours':
        await context.sendActivity(
          'Only the FM who declared it can say whether it still holds. Nothing changed.',
        );
        break;
      case 'not-standing':
        await context.sendActivity(
          `That No Intent for ${result.snapshot.declaration.customerName} no longer stands (a newer declaration followed), so there is nothing to confirm. Nothing changed.`,
        );
        break;
      case 'validated':
        this.deps.effects.runSoon(result.effects);
        // The question's card becomes the answer, so it is not answered twice.
        await showCard(
          context,
          retiredCard(
            `Recorded: ${result.snapshot.declaration.customerName} still has no intent. The history says so, and I will ask again on ${result.nextAt.slice(0, 10)}.`,
          ),
        );
        break;
    }
    return ANSWERED;
  }

  /** The customer now intends: the fitting declaration starts with the customer filled in. */
  private async nowIntends(
    context: TurnContext,
    action: Extract<ReminderAction, { action: 'nowIntends' }>,
  ): Promise<ReminderActionResult> {
    const snapshot = await this.deps.ledger.readDeclaration(action.tenantId, action.declarationId);
    // Another organisation's declaration is not admitted to exist.
    if (!snapshot || snapshot.declaration.orgTenantId !== orgTenantOf(context)) {
      await context.sendActivity('I cannot find that declaration. Nothing changed.');
      return ANSWERED;
    }
    const { declaration } = snapshot;
    await showCard(
      context,
      retiredCard(
        `Then the No Intent for ${declaration.customerName} no longer fits: the declaration that fits now starts below, with the customer and workloads filled in (scenario 1 if the customer intends to use the service without the FastTrack Center).`,
      ),
    );
    return {
      kind: 'declare-again',
      options: {
        draft: {
          customer: {
            name: declaration.customerName,
            tenantId: declaration.tenantId,
            workloadIds: declaration.workloads.map((w) => w.workloadId),
          },
        },
        rejection: '',
      },
    };
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function readerOf(context: TurnContext): Reader {
  const person = turnPerson(context);
  return { ...person, orgTenantId: orgTenantOf(context) };
}
