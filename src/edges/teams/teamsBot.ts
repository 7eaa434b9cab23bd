/**
 * Routes each Teams activity: commands, card submits, card actions and installs. Conversation
 * logic lives in the dialogs, storage in the use cases; this class only decides who handles a
 * turn.
 */
import {
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
import { awaitingDecisionOf } from '../../application/decideDeclaration';
import type { DeclarationRepository } from '../../application/declarationRepository';
import type { DeliveryDeps } from '../../application/deliverNotice';
import { listMyDeclarations } from '../../application/listMyDeclarations';
import type { ManagerPolicy } from '../../application/managerPolicy';
import type { NoticePublisher } from '../../application/noticePublisher';
import type { NoticeRepository, TeamDirectory } from '../../application/noticeRepository';
import { awaitingDecisionCard } from './cards/awaitingDecisionCard';
import { declarationListCard } from './cards/declarationListCard';
import { welcomeCard } from './cards/welcomeCard';
import { commandOfSubmit, stepTokenOfSubmit } from './cardSubmit';
import { COMMANDS, helpText, recognizeCommand, type Command } from './commands';
import { DECLARATION_DIALOG, DeclarationDialog } from './dialogs/declarationDialog';
import { isNoticeVerb, NoticeActions, type NoticeReply } from './noticeActions';
import { stepTokenOwner } from './stepToken';
import { orgTenantOf, spokenText, turnPerson } from './turnText';

export interface TeamsBotServices {
  readonly repository: DeclarationRepository;
  readonly notices: NoticeRepository;
  readonly teams: TeamDirectory;
  readonly publisher: NoticePublisher;
  readonly delivery: DeliveryDeps;
  readonly managers: ManagerPolicy;
  /** Per user and conversation: in a channel, each FM's declaration is their own. */
  readonly dialogStateStore: BotState;
  readonly instanceId: string;
  readonly now: () => Date;
}

const CARD_RESPONSE = 'application/vnd.microsoft.card.adaptive';
const MESSAGE_RESPONSE = 'application/vnd.microsoft.activity.message';
const FOLLOW_UP_TIMEOUT_MS = 3_000;

export class TeamsBot extends TeamsActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly dialogs: DialogSet;
  private readonly noticeActions: NoticeActions;

  constructor(private readonly services: TeamsBotServices) {
    super();
    this.dialogState = services.dialogStateStore.createProperty<DialogState>('dialogState');
    this.dialogs = new DialogSet(this.dialogState).add(new DeclarationDialog(services));
    this.noticeActions = new NoticeActions({
      notices: services.notices,
      records: services.repository,
      policy: services.managers,
      publisher: services.publisher,
      now: services.now,
      followUpTimeoutMs: FOLLOW_UP_TIMEOUT_MS,
    });

    this.onMessage(async (context, next) => {
      const value: unknown = context.activity.value;
      if (value !== undefined && value !== null) await this.onCardSubmit(context, value);
      else await this.runCommand(context, recognizeCommand(spokenText(context)));
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const botJoined = (context.activity.membersAdded ?? []).some(
        (member) => member.id === context.activity.recipient.id,
      );
      if (botJoined && context.activity.conversation.conversationType === 'personal') {
        await this.sendWelcome(context);
      }
      if (botJoined) await this.registerTeam(context);
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
    await super.run(context);
    await this.services.dialogStateStore.saveChanges(context, false);
  }

  /** Universal Actions: Teams' refresh for managers, and the notice card's buttons. */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const verb = invokeValue.action?.verb;
    if (!isNoticeVerb(verb)) {
      return {
        statusCode: 200,
        type: MESSAGE_RESPONSE,
        value: 'I do not know that action. Nothing changed.' as never,
      };
    }
    // botbuilder's parsed invoke value leaves out the trigger; the raw activity has it.
    const trigger = (context.activity.value as { trigger?: string } | undefined)?.trigger;
    const tapped = trigger !== 'automatic';
    const reply = await this.noticeActions.handle(
      verb,
      invokeValue.action.data,
      turnPerson(context),
      tapped,
    );
    return 'card' in reply
      ? { statusCode: 200, type: CARD_RESPONSE, value: reply.card as never }
      : { statusCode: 200, type: MESSAGE_RESPONSE, value: reply.text as never };
  }

  private async runCommand(context: TurnContext, command: Command | undefined): Promise<void> {
    if (command === 'my declarations') return this.sendMyDeclarations(context);
    if (command === 'awaiting my decision') return this.sendAwaitingDecision(context);
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
    if (isNoticeVerb(action)) {
      // The Action.Submit fallback of the notice card, and the managers' list.
      return this.reply(
        context,
        await this.noticeActions.handle(action, value, turnPerson(context), true),
      );
    }
    const token = stepTokenOfSubmit(value);
    if (token === undefined) {
      await context.sendActivity('That card sent something I do not recognise. Nothing changed.');
      return;
    }
    if (stepTokenOwner(token) !== turnPerson(context).aadObjectId) {
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

  private async reply(context: TurnContext, reply: NoticeReply): Promise<void> {
    await context.sendActivity(
      'card' in reply
        ? MessageFactory.attachment(CardFactory.adaptiveCard(reply.card))
        : reply.text,
    );
  }

  private async sendMyDeclarations(context: TurnContext): Promise<void> {
    const person = turnPerson(context);
    const declarations = await listMyDeclarations(this.services.repository, person.aadObjectId);
    await context.sendActivity(
      MessageFactory.attachment(CardFactory.adaptiveCard(declarationListCard(declarations))),
    );
  }

  private async sendAwaitingDecision(context: TurnContext): Promise<void> {
    const notices = await awaitingDecisionOf(
      { notices: this.services.notices, policy: this.services.managers },
      turnPerson(context).aadObjectId,
    );
    await context.sendActivity(
      MessageFactory.attachment(CardFactory.adaptiveCard(awaitingDecisionCard(notices))),
    );
  }

  private async sendWelcome(context: TurnContext): Promise<void> {
    const card = welcomeCard(COMMANDS.map((c) => c.command));
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
  }

  /** Remembers the team, its channels and where to reach it, so FMs can pick the channel. */
  private async registerTeam(context: TurnContext): Promise<void> {
    const teamId = teamIdOf(context);
    if (!teamId) return;
    try {
      const [details, channels] = await Promise.all([
        TeamsInfo.getTeamDetails(context, teamId),
        TeamsInfo.getTeamChannels(context, teamId),
      ]);
      await this.services.teams.saveTeam({
        orgTenantId: orgTenantOf(context),
        teamId,
        teamName: details.name ?? 'Team',
        serviceUrl: context.activity.serviceUrl,
        // Teams leaves the General channel unnamed.
        channels: channels.map((c) => ({ id: c.id ?? teamId, name: c.name ?? 'General' })),
      });
    } catch (error) {
      console.error(`Could not record team ${teamId}:`, error);
    }
  }

  private async forgetTeam(context: TurnContext): Promise<void> {
    const teamId = teamIdOf(context);
    if (teamId) await this.services.teams.removeTeam(orgTenantOf(context), teamId);
  }
}

function teamIdOf(context: TurnContext): string | undefined {
  return (context.activity.channelData as { team?: { id?: string } } | undefined)?.team?.id;
}
