/**
 * Routes each Teams activity: commands, card submits, card actions and installs. Conversation
 * logic lives in the dialogs, storage in the use cases; this class only decides who handles a
 * turn.
 */
import { cleanText } from '../../application/cleanText';
import type { TeamMember } from '../../application/teamDirectory';
import type { TeamRoster } from './teamRoster';
import type { ReminderRepository } from '../../application/followUps/reminderRepository';
import { ReminderActions } from './reminderActions';
import { SeenPeople } from './seenPeople';
import {
  DEFAULT_FOLLOW_UPS,
  type FollowUpSettings,
} from '../../application/followUps/followUpRules';
import {
  ActivityTypes,
  CardFactory,
  MessageFactory,
  TeamsActivityHandler,
  TeamsInfo,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type BotState,
  type StatePropertyAccessor,
  type TurnContext,
} from 'botbuilder';
import { DialogSet, type DialogState } from './dialogs/dialogsCore';
import { askForNoticeChannels } from '../../application/askForNoticeChannels';
import type { EffectRunner } from '../../application/effectRunner';
import type { LedgerRepository } from '../../application/ledgerRepository';
import type { ManagerPolicy } from '../../application/managerPolicy';
import type { Messenger } from '../../application/messenger';
import type { PeopleRepository } from '../../application/people';
import type { TeamDirectory } from '../../application/teamDirectory';
import type { AdaptiveCardJson } from './cards/cardTemplate';
import { TURN_FAILED_TEXT } from './botAdapter';
import { welcomeCard } from './cards/welcomeCard';
import { showCard } from './cardReplies';
import {
  checkDeclarationAction,
  checkNoticeData,
  commandOfSubmit,
  DECLARATION_ACTIONS,
  isNoticeVerb,
  listOfRefresh,
  stepTokenOfSubmit,
  checkReminderAction,
  REMINDER_ACTIONS,
} from './cardSubmit';
import {
  COMMANDS,
  helpText,
  recognizeCommand,
  recognizeCommandWithArgument,
  type Command,
} from './commands';
import { DeclarationActions } from './declarationActions';
import { Redeliveries } from './redeliveries';
import {
  DECLARATION_DIALOG,
  DeclarationDialog,
  type DeclarationDialogOptions,
} from './dialogs/declarationDialog';
import { LiveLists } from './liveLists';
import { NoticeActions, type NoticeReply } from './noticeActions';
import { stepTokenOwner } from './stepToken';
import { orgTenantOf, spokenText, turnPerson } from './turnText';
import { logger } from '../../log/logger';

export interface TeamsBotServices {
  readonly ledger: LedgerRepository;
  readonly people: PeopleRepository;
  readonly teams: TeamDirectory;
  readonly messenger: Messenger;
  readonly effects: EffectRunner;
  readonly managers: ManagerPolicy;
  /** Per user and conversation: in a channel, each FM's declaration is their own. */
  readonly dialogStateStore: BotState;
  readonly now: () => Date;
  /** How long a turn may take before the person is answered anyway; tests shorten it. */
  readonly turnBudgetMs?: number;
  /** When reminders and re-validations come; the defaults when absent. */
  readonly followUps?: FollowUpSettings;
  /** Names the managers a decision can be handed to. */
  readonly roster?: TeamRoster;
  /** Each person's reminders, and what the bot learns of them from their turns. */
  readonly reminders: ReminderRepository;
}

/**
 * Teams gives up on a turn after about 15 s and sends it again. Each Cosmos DB request and each
 * connector call has its own timeout; a turn that makes several slow ones is told about here.
 */
export const TURN_BUDGET_MS = 8_000;

/** What a person hears when their turn is still running at the end of its budget. */
export const TURN_SLOW_TEXT =
  'This is taking longer than it should: the database is slow to answer. I am still on it. If nothing more appears here within a minute, try the same card again; nothing is saved twice.';

const CARD_RESPONSE = 'application/vnd.microsoft.card.adaptive';
const MESSAGE_RESPONSE = 'application/vnd.microsoft.activity.message';
const ERROR_RESPONSE = 'application/vnd.microsoft.error';

export class TeamsBot extends TeamsActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly redeliveries: Redeliveries;
  private readonly dialogs: DialogSet;
  private readonly noticeActions: NoticeActions;
  private readonly declarationActions: DeclarationActions;
  private readonly lists: LiveLists;
  private readonly reminderActions: ReminderActions;
  private readonly seen: SeenPeople;

  constructor(private readonly services: TeamsBotServices) {
    super();
    const { ledger, people, teams, messenger, effects, managers: policy, now } = services;
    const followUps = services.followUps ?? DEFAULT_FOLLOW_UPS;
    this.dialogState = services.dialogStateStore.createProperty<DialogState>('dialogState');
    this.redeliveries = new Redeliveries(services.dialogStateStore);
    this.dialogs = new DialogSet(this.dialogState).add(
      new DeclarationDialog({ ledger, teams, effects, now, followUps }),
    );
    this.lists = new LiveLists({
      ledger,
      people,
      messenger,
      policy,
      now,
      followUps,
      ...(services.roster ? { roster: services.roster } : {}),
    });
    this.noticeActions = new NoticeActions({ ledger, policy, effects, now, followUps });
    this.reminderActions = new ReminderActions({
      reminders: services.reminders,
      ledger,
      policy,
      effects,
      lists: this.lists,
      now,
      followUps,
      ...(services.roster ? { roster: services.roster } : {}),
    });
    this.seen = new SeenPeople({ reminders: services.reminders, now, followUps });
    this.declarationActions = new DeclarationActions({
      ledger,
      teams,
      effects,
      lists: this.lists,
      policy,
      now,
    });

    this.onMessage(async (context, next) => {
      const value: unknown = context.activity.value;
      if (value !== undefined && value !== null) await this.onCardSubmit(context, value);
      else await this.runTyped(context, spokenText(context));
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const botJoined = (context.activity.membersAdded ?? []).some(
        (member) => member.id === context.activity.recipient.id,
      );
      if (botJoined && context.activity.conversation.conversationType === 'personal') {
        // Added again after being removed: reminders that stopped can reach them once more.
        const person = context.activity.from?.aadObjectId;
        if (person) this.seen.forget(person);
        await this.sendWelcome(context);
      }
      // The bot joining, or people joining a team it is in: the team and its roster are read again.
      if (botJoined || teamIdOf(context)) await this.registerTeam(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.registerTeam(context);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      await this.forgetTeam(context);
      await next();
    });
    this.onMembersRemoved(async (context, next) => {
      const botLeft = (context.activity.membersRemoved ?? []).some(
        (member) => member.id === context.activity.recipient.id,
      );
      if (botLeft) await this.forgetTeam(context);
      else if (teamIdOf(context)) await this.registerTeam(context);
      await next();
    });
    // Any change to the team's channels or name: read the team again.
    const refresh = async (
      _a: unknown,
      _b: unknown,
      context: TurnContext,
      next: () => Promise<void>,
    ) => {
      await this.registerTeam(context);
      await next();
    };
    this.onTeamsChannelCreatedEvent(refresh);
    this.onTeamsChannelRenamedEvent(refresh);
    this.onTeamsChannelDeletedEvent(refresh);
    this.onTeamsChannelRestoredEvent(refresh);
    this.onTeamsTeamRenamedEvent(async (_team, context, next) => {
      await this.registerTeam(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    // A context cannot be used once its turn has ended, so a slow turn is not cut short: the
    // person is told it is slow, and the turn ends by itself, each request having a timeout.
    const slow = setTimeout(
      () => void this.tellSlow(context),
      this.services.turnBudgetMs ?? TURN_BUDGET_MS,
    );
    const started = Date.now();
    let outcome = 'failed';
    try {
      if (await this.redeliveries.isRedelivery(context)) {
        outcome = 'redelivered';
        logger.info(
          { event: 'redelivered', activityId: context.activity.id },
          'An activity was delivered again; it was handled once already.',
        );
        return;
      }
      this.seen.note(context);
      await super.run(context);
      await this.services.dialogStateStore.saveChanges(context, false);
      outcome = 'answered';
    } finally {
      clearTimeout(slow);
      logTurn(context, outcome, Date.now() - started);
      // What the turn started for later begins once it has answered.
      this.services.effects.startQueued();
      this.seen.startQueued();
    }
  }

  /** Resolves once what turns learnt of their people (time zones, chats) is written. */
  idle(): Promise<void> {
    return this.seen.idle();
  }

  private async tellSlow(context: TurnContext): Promise<void> {
    // Only a person who acted is told; Teams' own refreshes of a card are not people waiting.
    if (context.activity.type !== ActivityTypes.Message && !isTappedCardAction(context)) return;
    await context
      .sendActivity(TURN_SLOW_TEXT)
      .catch((error: unknown) => logger.warn({ err: error }, 'Could not tell the user.'));
  }

  /** Universal Actions: Teams' refresh of notices and lists, and the notice card's buttons. */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    try {
      return await this.answerCardAction(context, invokeValue);
    } catch (error) {
      // The client shows this on the card; what was saved before the failure shows on refresh.
      logger.error({ err: error, activityId: context.activity.id }, 'A card action failed.');
      return {
        statusCode: 500,
        type: ERROR_RESPONSE,
        value: { code: 'InternalError', message: TURN_FAILED_TEXT } as never,
      };
    }
  }

  private async answerCardAction(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const verb = invokeValue.action?.verb;
    if (verb === 'refreshList') {
      const list = listOfRefresh(invokeValue.action.data);
      if (!list) return message('That list card sent something I cannot use. Nothing changed.');
      return card(
        list.list === 'my-declarations'
          ? await this.lists.myDeclarationsCard(context, list.filter ?? '')
          : await this.lists.awaitingCard(context),
      );
    }
    if (!isNoticeVerb(verb)) return message('I do not know that action. Nothing changed.');
    const data = checkNoticeData(invokeValue.action.data);
    if (!data.ok) return message(data.reason);
    // botbuilder's parsed invoke value leaves out the trigger; the raw activity has it.
    const trigger = (context.activity.value as { trigger?: string } | undefined)?.trigger;
    const reply = await this.noticeActions.handle(
      verb,
      data.data,
      turnPerson(context),
      orgTenantOf(context),
      trigger !== 'automatic',
    );
    return 'card' in reply ? card(reply.card) : message(reply.text);
  }

  private async runTyped(context: TurnContext, text: string): Promise<void> {
    const recognized = recognizeCommandWithArgument(text);
    await this.runCommand(context, recognized?.command, recognized?.argument ?? '');
  }

  private async runCommand(
    context: TurnContext,
    command: Command | undefined,
    argument = '',
  ): Promise<void> {
    if (command === 'my declarations') {
      return this.lists.showMyDeclarations(context, argument);
    }
    if (command === 'awaiting my decision') return this.lists.showAwaitingDecision(context);
    if (command === 'reminders') return this.reminderActions.showSettings(context);
    const dc = await this.dialogs.createContext(context);
    if (dc.activeDialog) {
      await dc.continueDialog();
      return;
    }
    switch (command) {
      case 'declare':
      case 'start over':
        await dc.beginDialog(DECLARATION_DIALOG);
        return;
      case 'help':
        await context.sendActivity(helpText());
        return;
      case 'cancel':
        await context.sendActivity('There is no declaration in progress, so nothing to cancel.');
        return;
      case undefined:
        await context.sendActivity('I did not catch that. Here is what I can do:');
        await this.sendWelcome(context);
        return;
    }
  }

  private async onCardSubmit(context: TurnContext, value: unknown): Promise<void> {
    const command = commandOfSubmit(value);
    if (command !== undefined) return this.runCommand(context, recognizeCommand(command));
    const action = (value as { action?: unknown }).action;
    if (isNoticeVerb(action)) return this.onNoticeSubmit(context, action, value);
    if ((REMINDER_ACTIONS as readonly unknown[]).includes(action)) {
      const check = checkReminderAction(value);
      if (!check.ok) {
        await context.sendActivity(`I could not use that card: ${check.reason} Nothing changed.`);
        return;
      }
      const result = await this.reminderActions.handle(context, check.action);
      if (result.kind === 'declare-again') await this.beginAgain(context, result.options);
      return;
    }
    if ((DECLARATION_ACTIONS as readonly unknown[]).includes(action)) {
      const check = checkDeclarationAction(value);
      if (!check.ok) {
        await context.sendActivity(`I could not use that card: ${check.reason} Nothing changed.`);
        return;
      }
      const result = await this.declarationActions.handle(context, check.action);
      if (result.kind === 'declare-again') await this.beginAgain(context, result.options);
      return;
    }
    const token = stepTokenOfSubmit(value);
    if (token === undefined) {
      await context.sendActivity('That card sent something I do not recognise. Nothing changed.');
      return;
    }
    const owner = stepTokenOwner(token);
    if (owner !== undefined && owner !== turnPerson(context).aadObjectId) {
      await context.sendActivity(
        'That card belongs to another FM\'s declaration, so nothing changed. To record your own, type "declare".',
      );
      return;
    }
    const dc = await this.dialogs.createContext(context);
    if (!dc.activeDialog) {
      await context.sendActivity(
        'That card is from a declaration that has already ended, so nothing changed. Type "declare" to start a new one, or "my declarations" to see what was saved.',
      );
      return;
    }
    await dc.continueDialog();
  }

  /** The Action.Submit fallback of the notice card, and the buttons of the managers' list. */
  private async onNoticeSubmit(
    context: TurnContext,
    verb: Parameters<NoticeActions['handle']>[0],
    value: unknown,
  ): Promise<void> {
    const data = checkNoticeData(value);
    if (!data.ok) {
      await context.sendActivity(data.reason);
      return;
    }
    const reply = await this.noticeActions.handle(
      verb,
      data.data,
      turnPerson(context),
      orgTenantOf(context),
      true,
    );
    if (data.data.source === 'list') {
      const summary = 'card' in reply ? reply.summary : reply.text;
      await this.lists.showAwaitingDecision(context, summary);
      return;
    }
    await this.replaceTapped(context, reply);
  }

  private async replaceTapped(context: TurnContext, reply: NoticeReply): Promise<void> {
    if ('text' in reply) await context.sendActivity(reply.text);
    else await showCard(context, reply.card);
  }

  /** "Declare again": a prefilled declaration replaces any that was in progress. */
  private async beginAgain(context: TurnContext, options: DeclarationDialogOptions) {
    const dc = await this.dialogs.createContext(context);
    if (dc.activeDialog) {
      await dc.cancelAllDialogs();
      await context.sendActivity(
        'The declaration you had open is closed unsaved; this one starts from your earlier answers.',
      );
    }
    await dc.beginDialog(DECLARATION_DIALOG, options);
  }

  private async sendWelcome(context: TurnContext): Promise<void> {
    const welcome = welcomeCard(COMMANDS.map((c) => c.command));
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(welcome)));
  }

  /**
   * Remembers the team, its channels and where to reach it, so FMs can pick the channel; then
   * asks the FMs whose notices waited for a team.
   */
  private async registerTeam(context: TurnContext): Promise<void> {
    const teamId = teamIdOf(context);
    if (!teamId) return;
    const orgTenantId = orgTenantOf(context);
    try {
      const [details, channels, members] = await Promise.all([
        TeamsInfo.getTeamDetails(context, teamId),
        TeamsInfo.getTeamChannels(context, teamId),
        rosterOf(context, teamId),
      ]);
      await this.services.teams.saveTeam({
        orgTenantId,
        teamId,
        teamName: details.name ?? 'Team',
        serviceUrl: context.activity.serviceUrl,
        ...(details.aadGroupId ? { aadGroupId: details.aadGroupId } : {}),
        // Teams leaves the General channel unnamed.
        channels: channels.map((c) => ({ id: c.id ?? teamId, name: c.name ?? 'General' })),
        ...(members ? { members, membersReadAt: new Date().toISOString() } : {}),
      });
    } catch (error) {
      logger.error({ err: error, teamId }, 'Could not record a team.');
      return;
    }
    const { effects, ledger, now } = this.services;
    const asked = await askForNoticeChannels(
      { ledger, now },
      orgTenantId,
      effects.newClaim(),
    ).catch((error: unknown) => {
      logger.error({ err: error, teamId }, 'Could not look for notices waiting for a team.');
      return [];
    });
    effects.runSoon(asked);
  }

  private async forgetTeam(context: TurnContext): Promise<void> {
    const teamId = teamIdOf(context);
    if (teamId) await this.services.teams.removeTeam(orgTenantOf(context), teamId);
  }
}

function card(value: AdaptiveCardJson): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: CARD_RESPONSE, value: value as never };
}

function message(text: string): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: MESSAGE_RESPONSE, value: text as never };
}

/** Teams' roster pages hold up to 500; a bigger team's members are asked of Teams one by one. */
const ROSTER_PAGE = 500;
const MAX_ROSTER_PAGES = 10;
/** The whole roster within this, or it is left unknown: the turn must not wait for more. */
const ROSTER_DEADLINE_MS = 5_000;

/**
 * A team's members, for the portal's team views and the names of managers; undefined when the
 * roster could not be read whole (then each person is asked about when it matters).
 */
async function rosterOf(context: TurnContext, teamId: string): Promise<TeamMember[] | undefined> {
  const members: TeamMember[] = [];
  let continuationToken: string | undefined;
  const deadline = AbortSignal.timeout(ROSTER_DEADLINE_MS);
  const outOfTime = new Promise<never>((_, reject) =>
    deadline.addEventListener('abort', () => reject(new Error('no whole roster in time')), {
      once: true,
    }),
  );
  outOfTime.catch(() => undefined);
  try {
    for (let page = 0; page < MAX_ROSTER_PAGES; page += 1) {
      const result = await Promise.race([
        TeamsInfo.getPagedTeamMembers(context, teamId, ROSTER_PAGE, continuationToken),
        outOfTime,
      ]);
      members.push(
        ...result.members.flatMap((m) =>
          m.aadObjectId ? [{ aadObjectId: m.aadObjectId, name: cleanText(m.name ?? '') }] : [],
        ),
      );
      continuationToken = result.continuationToken;
      if (!continuationToken) return members;
    }
    return undefined;
  } catch (error) {
    logger.warn(
      { err: error, teamId },
      "Could not read the team's members; they are asked one by one.",
    );
    return undefined;
  }
}

function teamIdOf(context: TurnContext): string | undefined {
  return (context.activity.channelData as { team?: { id?: string } } | undefined)?.team?.id;
}

function isTappedCardAction(context: TurnContext): boolean {
  const { type, name, value } = context.activity;
  const trigger = (value as { trigger?: unknown } | undefined)?.trigger;
  return type === ActivityTypes.Invoke && name === 'adaptiveCard/action' && trigger !== 'automatic';
}

/** One line per turn: what came in, from whom (ids only), what became of it, how long it took. */
function logTurn(context: TurnContext, outcome: string, ms: number): void {
  const { activity } = context;
  logger.info(
    {
      event: 'turn',
      activityId: activity.id,
      activityType: activity.type,
      ...(activity.name ? { name: activity.name } : {}),
      conversationType: activity.conversation?.conversationType,
      conversationId: activity.conversation?.id,
      from: activity.from?.aadObjectId,
      outcome,
      ms,
    },
    'Turn.',
  );
}
