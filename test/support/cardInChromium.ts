/**
 * Draws an Adaptive Card in a Chromium page with the `adaptivecards` JS renderer, in a Teams-like
 * theme, and checks it with axe-core.
 */
import type { Page } from 'playwright-core';
import type { TeamsTheme } from './teamsHostConfigs';

const RENDERER = require.resolve('adaptivecards/dist/adaptivecards.min.js');
const AXE = require.resolve('axe-core/axe.min.js');

/** WCAG 2.2 A and AA: contrast, and a name for every input and button among them. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// Plain JavaScript run in the page; kept as text so no TypeScript helper leaks into it.
const PAGE_SCRIPT = `
window.showCard = (card, hostConfig) => {
  const adaptiveCard = new AdaptiveCards.AdaptiveCard();
  adaptiveCard.hostConfig = new AdaptiveCards.HostConfig(hostConfig);
  adaptiveCard.parse(card);
  document.getElementById('card').replaceChildren(adaptiveCard.render());
  window.shownCard = adaptiveCard;
};
window.showErrorMessages = () => {
  for (const input of window.shownCard.getAllInputs()) input.showValidationErrorMessage();
};
window.axeViolations = async (tags) => {
  const results = await axe.run('#card', { runOnly: { type: 'tag', values: tags } });
  return results.violations.map((v) => ({
    rule: v.id,
    help: v.help,
    nodes: v.nodes.map((n) => n.target.join(' ') + ': ' + n.failureSummary),
  }));
};
`;

export interface AxeViolation {
  readonly rule: string;
  readonly help: string;
  readonly nodes: string[];
}

export async function showCard(page: Page, card: object, theme: TeamsTheme): Promise<void> {
  await page.setContent(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Adaptive Card</title>` +
      `<style>${theme.css}</style></head><body><main id="card"></main></body></html>`,
  );
  await page.addScriptTag({ path: RENDERER });
  await page.addScriptTag({ path: AXE });
  await page.addScriptTag({ content: PAGE_SCRIPT });
  await page.evaluate(`showCard(${JSON.stringify(card)}, ${JSON.stringify(theme.hostConfig)})`);
}

/**
 * axe's WCAG A and AA violations on the card as drawn, then with every input's error message
 * shown and each Action.ShowCard opened in turn, so the error messages and the cards that
 * ShowCards open are checked too.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const check = () =>
    page.evaluate(`axeViolations(${JSON.stringify(AXE_TAGS)})`) as Promise<AxeViolation[]>;
  const violations = await check();
  await page.evaluate('showErrorMessages()');
  violations.push(...(await check()));
  const showCardButtons = page.locator('#card button[aria-expanded]');
  const count = await showCardButtons.count();
  for (let i = 0; i < count; i += 1) {
    await showCardButtons.nth(i).click();
    violations.push(...(await check()));
  }
  const unique = new Map(violations.map((v) => [JSON.stringify(v), v]));
  return [...unique.values()];
}
