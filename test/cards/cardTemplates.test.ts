import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { CARDS_FOLDER, type CardName } from '../../src/edges/teams/cards/cardTemplate';
import { cardBytes, cardProblems } from '../support/adaptiveCardValidation';
import { readabilityProblems } from '../support/cardReadability';
import { CARD_NAMES, cardTemplate, sampleCard } from '../support/sampleCards';

const TEAMS_SAFE_BYTES = 28 * 1024;

/** The cards of a declaration's steps and of what follows it, each about one declaration. */
const DECLARATION_CARDS: CardName[] = [
  'customer-form',
  'scenario-picker',
  'reason-form',
  'coach-feedback',
  'ftop-summary',
  'fm-declaration',
  'refusal',
  'channel-notice',
];

/** Every piece of text a card shows: text, input values and choice titles. */
function shownText(card: unknown): string {
  const texts: string[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (['text', 'title', 'value'].includes(key) && typeof value === 'string')
          texts.push(value);
        else visit(value);
      }
    }
  };
  visit(card);
  return texts.join('\n');
}

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
      const card = sampleCard(name);
      assert.equal(card.version, '1.5');
      assert.deepEqual(cardProblems(card), []);
      assert.ok(!JSON.stringify(card).includes('${'), 'a binding was left unexpanded');
      assert.ok(cardBytes(card) < TEAMS_SAFE_BYTES);
    });

    it(`${name}: labelled inputs with error messages, readable colours, times in the reader's zone`, () => {
      assert.deepEqual(readabilityProblems(cardTemplate(name), 'template'), []);
      assert.deepEqual(readabilityProblems(sampleCard(name), 'card'), []);
    });
  }

  it('names the customer and the workloads on every card about a declaration', () => {
    for (const name of DECLARATION_CARDS) {
      const text = shownText(sampleCard(name));
      assert.match(text, /Contoso Ltd/, name);
      assert.match(text, /Exchange Online/, name);
    }
  });

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

  it('the readability check does catch an unreadable card', () => {
    const card = {
      type: 'AdaptiveCard',
      body: [
        { type: 'Input.Text', id: 'reason' },
        { type: 'Input.Text', id: 'filter', label: 'Search', isRequired: 'true' },
        { type: 'TextBlock', text: 'Careful', color: 'Warning' },
        { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: 'Ok', color: 'good' }] },
        { type: 'TextBlock', text: 'on {{DATE(2026-11-25T10:50:56.123Z, SHORT)}}' },
        { type: 'TextBlock', text: 'Entered on 2026-11-25 10:50 UTC' },
      ],
    };
    assert.deepEqual(readabilityProblems(card, 'card'), [
      'Input.Text reason: no label',
      'Input.Text reason: no errorMessage',
      'Input.Text filter: no errorMessage',
      'Input.Text filter: isRequired is not a boolean',
      'TextBlock Careful: color warning',
      'TextRun Ok: color good',
      'TextBlock on {{DATE(2026-11-25T10:50:56.123Z, SHORT)}}: {{DATE(2026-11-25T10:50:56.123Z, SHORT)}} is not a DATE or TIME',
      'TextBlock Entered on 2026-11-25 10:50 UTC: a time in UTC',
    ]);
    assert.deepEqual(readabilityProblems(card, 'template'), [
      'Input.Text reason: no label',
      'Input.Text reason: no errorMessage',
      'Input.Text reason: not isRequired',
      'Input.Text filter: no errorMessage',
      'TextBlock Careful: color warning',
      'TextRun Ok: color good',
      'TextBlock on {{DATE(2026-11-25T10:50:56.123Z, SHORT)}}: {{DATE(2026-11-25T10:50:56.123Z, SHORT)}} is not a DATE or TIME',
      'TextBlock Entered on 2026-11-25 10:50 UTC: a time in UTC',
    ]);
  });
});
