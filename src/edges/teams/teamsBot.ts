/**
 * Routes each Teams activity: commands, card submits and installs. Conversation logic lives in
 * the dialogs, storage in the use cases; this class only decides who handles a turn.
 */
import {
  CardFactory,
  MessageFactory,
  TeamsActivityHandler,
  type BotState,
  type StatePropertyAccessor,
  type TurnContext,
} from 'botbuilder';
import { DialogSet, type DialogState } from 'botbuilder-dialogs';
import type { DeclarationRepository } from '../../application/declarationRepository';
import { listMyDeclarations } from '../../application/listMyDeclarations';
import { declarationListCard } from './cards/declarationListCard';
import { welcomeCard } from './cards/welcomeCard';
import { commandOfSubmit, stepTokenOfSubmit } from './cardSubmit';
import { COMMANDS, helpText, recognizeCommand, type Command } from './commands';
import { DECLARATION_DIALOG, DeclarationDialog } from './dialogs/declarationDialog';
import { stepTokenOwner } from './stepToken';
import { spokenText, turnPerson } from './turnText';

export interface TeamsBotServices {
  readonly repository: DeclarationRepository;
  /** Per user and conversation: in a channel, each FM's declaration is their own. */
  readonly dialogStateStore: BotState;
  readonly now: () => Date;
}

export class TeamsBot extends TeamsActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly dialogs: DialogSet;

  constructor(private readonly services: TeamsBotServices) {
    super();
    this.dialogState = services.dialogStateStore.createProperty<DialogState>('dialogState');
    this.dialogs = new DialogSet(this.dialogState).add(
      new DeclarationDialog({ repository: services.repository, now: services.now }),
    );

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
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.services.dialogStateStore.saveChanges(context, false);
  }

  private async runCommand(context: TurnContext, command: Command | undefined): Promise<void> {
    if (command === 'my declarations') return this.sendMyDeclarations(context);
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

  private async sendMyDeclarations(context: TurnContext): Promise<void> {
    const person = turnPerson(context);
    const declarations = await listMyDeclarations(this.services.repository, person.aadObjectId);
    await context.sendActivity(
      MessageFactory.attachment(CardFactory.adaptiveCard(declarationListCard(declarations))),
    );
  }

  private async sendWelcome(context: TurnContext): Promise<void> {
    const card = welcomeCard(COMMANDS.map((c) => c.command));
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
  }
}
