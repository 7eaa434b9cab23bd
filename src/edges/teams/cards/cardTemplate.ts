/**
 * Loads the Adaptive Card templates from the project's cards/ folder and expands them with
 * adaptivecards-templating. Values are bound as data, never as template text, so a user's
 * "${...}" stays literal; the templates show user text only in TextRuns and input values, which
 * Teams renders without markdown.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as ACData from 'adaptivecards-templating';

export type CardName =
  | 'welcome'
  | 'customer-form'
  | 'scenario-picker'
  | 'reason-form'
  | 'coach-feedback'
  | 'ftop-summary'
  | 'channel-notice'
  | 'refusal'
  | 'fm-declaration'
  | 'my-declarations'
  | 'entitlement-details'
  | 'awaiting-decision'
  | 'reminder'
  | 'reminder-settings'
  | 'retired-card';

/** An expanded Adaptive Card, ready to send as an attachment. */
export type AdaptiveCardJson = { readonly type: 'AdaptiveCard' } & Record<string, unknown>;

/** The project's cards/ folder: the nearest above this code, whether source, compiled or bundled. */
export const CARDS_FOLDER = findCardsFolder(__dirname);

function findCardsFolder(start: string): string {
  for (let folder = start; ; folder = dirname(folder)) {
    const candidate = join(folder, 'cards');
    if (existsSync(join(candidate, 'welcome.json'))) return candidate;
    if (dirname(folder) === folder) throw new Error(`No cards/ folder above ${start}.`);
  }
}

const templates = new Map<CardName, ACData.Template>();

export function expandCard(name: CardName, data: object): AdaptiveCardJson {
  let template = templates.get(name);
  if (!template) {
    const json: unknown = JSON.parse(readFileSync(join(CARDS_FOLDER, `${name}.json`), 'utf8'));
    template = new ACData.Template(json);
    templates.set(name, template);
  }
  return template.expand({ $root: data }) as AdaptiveCardJson;
}

/** One labelled value in a card's field list. */
export interface LabelledValue {
  readonly label: string;
  readonly value: string;
}
