/**
 * Every card with its sample data, drawn by the `adaptivecards` renderer in headless Chromium in
 * Teams' light, dark and high-contrast themes, checked with axe-core. Screenshots go to
 * artifacts/cards/ for people to look at.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expandCard, type CardName } from '../../src/edges/teams/cards/cardTemplate';
import { axeViolations, showCard } from '../support/cardInChromium';
import { launchChromium } from '../support/chromium';
import { CARD_NAMES, sampleData } from '../support/sampleCards';
import { TEAMS_THEMES, teamsTheme } from '../support/teamsHostConfigs';

const ARTIFACTS = join(__dirname, '..', '..', 'artifacts', 'cards');

type Data = Record<string, unknown>;

interface Case {
  readonly card: CardName;
  readonly variant?: string;
  /** The sample data changed to show what the sample does not. */
  readonly data?: (sample: Data) => Data;
}

/** A card whose container style comes from its data, in each of these styles. */
function styled(card: CardName, key: string, styles: string[]): Case[] {
  return styles.map((style) => ({ card, variant: style, data: (d) => ({ ...d, [key]: style }) }));
}

const CASES: Case[] = [
  ...CARD_NAMES.map((card) => ({ card })),
  {
    card: 'scenario-picker',
    variant: 'a row that fits',
    data: (d) => ({
      ...d,
      scenarios: (d.scenarios as Data[]).map((s, i) =>
        i === 2 ? { ...s, verdict: 'fits', verdictLabel: 'Fits: ' } : s,
      ),
    }),
  },
  ...styled('coach-feedback', 'verdictStyle', ['good', 'attention']),
  ...styled('fm-declaration', 'headerStyle', ['good', 'emphasis', 'default']),
  ...styled('channel-notice', 'statusStyle', ['good', 'attention', 'default']),
];

describe('cards in Chromium, in Teams light, dark and high-contrast themes (axe-core)', function () {
  this.timeout(60_000);
  let browser: Browser;
  let page: Page;

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
    // A reader in India: the cards' times must show in this time zone, not in UTC.
    const context = await browser.newContext({
      viewport: { width: 560, height: 900 },
      locale: 'en-US',
      timezoneId: 'Asia/Kolkata',
    });
    page = await context.newPage();
  });

  after(async () => {
    await browser?.close();
  });

  for (const theme of TEAMS_THEMES) {
    for (const { card, variant, data = (d: Data) => d } of CASES) {
      const title = variant ? `${card} (${variant})` : card;
      it(`${title}, ${theme.name}: no WCAG A or AA violation`, async () => {
        await showCard(page, expandCard(card, data(sampleData(card))), theme);
        const file = [card, variant?.replaceAll(' ', '-'), theme.name].filter(Boolean).join('.');
        await page.locator('#card').screenshot({ path: join(ARTIFACTS, `${file}.png`) });
        assert.deepEqual(await axeViolations(page), []);
      });
    }
  }

  it('axe does catch an unlabelled input and text that cannot be read', async () => {
    const card = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'Input.Text', id: 'reason' },
        { type: 'TextBlock', text: 'Near-black on the dark theme', color: 'Dark' },
      ],
    };
    await showCard(page, card, teamsTheme('dark'));
    const rules = (await axeViolations(page)).map((v) => v.rule);
    assert.deepEqual(rules.sort(), ['color-contrast', 'label']);
  });

  it("shows times in the reader's own time zone, not in UTC", async () => {
    const card = expandCard('fm-declaration', sampleData('fm-declaration'));
    await showCard(page, card, teamsTheme('light'));
    const text = (await page.locator('#card').innerText()).replace(/\s+/g, ' ');
    // Rejected at 14:05 UTC, which is 19:35 in India.
    assert.match(text, /Rejected by Morgan Lee on Wed, Nov 25, 2026 at 7:35 PM/);
    assert.doesNotMatch(text, /UTC|\{\{/);
  });
});
