/**
 * The parts of botbuilder-dialogs the bot uses. The package's index also loads its prompts with
 * the Recognizers-Text libraries, which the bot never uses and which cost about a quarter of a
 * second of start-up and tens of megabytes; these modules alone do not.
 */
export { Dialog, type DialogTurnResult } from 'botbuilder-dialogs/lib/dialog';
export { DialogContext, type DialogState } from 'botbuilder-dialogs/lib/dialogContext';
export { DialogSet } from 'botbuilder-dialogs/lib/dialogSet';
