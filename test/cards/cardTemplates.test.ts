import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CARDS_FOLDER, expandCard, type CardName } from '../../src/edges/teams/cards/cardTemplate';
import { cardBytes, cardProblems } from '../support/adaptiveCardValidation';

const TEAMS_SAFE_BYTES = 28 * 1024;
const CARD_NAMES: CardName[] = [
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
  'retired-card',
];

describe('card templates with their sample data', () => {
  it('has a sample-data file beside every template, and no template the code does not know', () => {
    const files = readdirSync(CARDS_FOLDER);
    const templates = files
      .filter((f) => !f.endsWith('.data.json'))
      .map((f) => f.replace(/\.json$/, ''));
    assert.deepEqual(templates.sort(), [...CARD_NAMES].sort());
    for (const name of CARD_NAMES)
      assert.ok(files.includes(`${name}.data.json`), `${name}.data.json`);
  });

  for (const name of CARD_NAMES) {
    it(`${name} expands to a valid version 1.5 card under 28 KB`, () => {
      const data: unknown = JSON.parse(
        readFileSync(join(CARDS_FOLDER, `${name}.data.json`), 'utf8'),
      );
      const card = expandCard(name, data as object);
      assert.equal(card.version, '1.5');
      assert.deepEqual(cardProblems(card), []);
      assert.ok(!JSON.stringify(card).includes('${'), 'a binding was left unexpanded');
      assert.ok(cardBytes(card) < TEAMS_SAFE_BYTES);
    });
  }

  it('the validator does catch a broken card', () => {
    const problems = cardProblems({
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'Input.Text', id: 'same' },
        { type: 'Input.Text', id: 'same' },
        { type: 'Input.ChoiceSet', id: 'empty', choices: [] },
        { type: 'Carousel' },
      ],
    });
    assert.ok(problems.length >= 2, problems.join('\n'));
  });
});
