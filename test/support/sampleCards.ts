/** Every card template, expanded with the sample data beside it in cards/. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CARDS_FOLDER,
  expandCard,
  type AdaptiveCardJson,
  type CardName,
} from '../../src/edges/teams/cards/cardTemplate';

export const CARD_NAMES: readonly CardName[] = [
  'welcome',
  'customer-form',
  'scenario-picker',
  'reason-form',
  'coach-feedback',
  'ftop-summary',
  'channel-notice',
  'refusal',
  'fm-declaration',
  'my-declarations',
  'entitlement-details',
  'awaiting-decision',
  'reminder',
  'reminder-settings',
  'retired-card',
];

export function sampleData(name: CardName): Record<string, unknown> {
  return JSON.parse(readFileSync(join(CARDS_FOLDER, `${name}.data.json`), 'utf8')) as Record<
    string,
    unknown
  >;
}

export function sampleCard(name: CardName): AdaptiveCardJson {
  return expandCard(name, sampleData(name));
}

/** The template as written, bindings and all. */
export function cardTemplate(name: CardName): unknown {
  return JSON.parse(readFileSync(join(CARDS_FOLDER, `${name}.json`), 'utf8'));
}
