/**
 * Help, cancel and start over work at every step of every dialog that extends this one, so the
 * steps themselves never check for them.
 */
import { Dialog, type DialogContext, type DialogTurnResult } from './dialogsCore';
import { helpText, recognizeCommand } from '../commands';
import { spokenText } from '../turnText';

export abstract class InterruptibleDialog<O extends object = object> extends Dialog<O> {
  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const typed = dc.context.activity.value === undefined ? spokenText(dc.context) : '';
    switch (recognizeCommand(typed)) {
      case 'help':
        await dc.context.sendActivity(helpText());
        await dc.context.sendActivity(
          'Your declaration is still open: carry on with the card above, or type "cancel" or "start over".',
        );
        return Dialog.EndOfTurn;
      case 'cancel':
        return this.cancel(dc);
      case 'start over':
        return this.startOver(dc);
      default:
        return this.onContinue(dc);
    }
  }

  protected async startOver(dc: DialogContext): Promise<DialogTurnResult> {
    await dc.context.sendActivity('Starting over. Nothing was saved.');
    return dc.replaceDialog(this.id);
  }

  protected async cancel(dc: DialogContext): Promise<DialogTurnResult> {
    await dc.context.sendActivity('Declaration cancelled. Nothing was saved.');
    return dc.cancelAllDialogs();
  }

  protected abstract onContinue(dc: DialogContext): Promise<DialogTurnResult>;
}
