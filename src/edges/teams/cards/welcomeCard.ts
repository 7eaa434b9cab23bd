import { expandCard, type AdaptiveCardJson } from './cardTemplate';

export function welcomeCard(commandNames: readonly string[]): AdaptiveCardJson {
  return expandCard('welcome', { commandList: commandNames.join(', ') });
}
