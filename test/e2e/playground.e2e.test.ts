/**
 * End to end, as a person uses it: the Agents Playground in headless Chromium, typing and
 * clicking, against the real bot and its local Cosmos server. Every wait is for something the
 * page shows; none is a sleep.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import {
  ARTIFACTS,
  PLAYGROUND,
  sendAs,
  startPlaygroundStack,
  type PlaygroundStack,
} from './playgroundStack';

const TENANT = '8f2c7a1e-4b5d-4c3e-9a10-2b7d6e5f4a3c';
const REASON =
  'Customer does not intend to use Exchange Online or OneDrive because every mailbox and file runs on Google Workspace under a five-year contract.';

describe('end to end in the Agents Playground (Chromium)', function () {
  this.timeout(120_000);
  let stack: PlaygroundStack;
  let page: Page;
  let shot = 0;

  before(async function () {
    this.timeout(180_000);
    stack = await startPlaygroundStack();
    page = stack.page;
    await page.goto(stack.playgroundUrl);
    await compose().waitFor({ timeout: 60_000 });
    // Opening the team is how the Playground installs the app there: the bot records the team.
    await openConversation(/No Intent notices/);
    await teamRegistered();
    await openConversation(/Personal Chat/);
  });

  after(async () => {
    await stack?.stop();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await screenshot(`failed-${this.currentTest.title}`);
      console.error(stack.logs());
    }
  });

  /** The message box; a channel also has a reply box, so take the first. */
  function compose(): Locator {
    return page.locator('[role=textbox][contenteditable=true]').first();
  }

  async function screenshot(name: string): Promise<void> {
    shot += 1;
    const file = `${String(shot).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}.png`;
    await page.screenshot({ path: join(ARTIFACTS, file) });
  }

  /** Runs an action and waits until one more element with this text is on the page. */
  async function expectNew(text: string | RegExp, action: () => Promise<void>): Promise<void> {
    const matches = page.getByText(text);
    const before = await matches.count();
    await action();
    await matches.nth(before).waitFor({ timeout: 30_000 });
  }

  async function say(text: string): Promise<void> {
    await compose().click();
    await compose().pressSequentially(text);
    await page.keyboard.press('Enter');
  }

  /** The newest top-level card that contains this text. */
  function card(text: string | RegExp): Locator {
    return page.locator('.ac-adaptiveCard').filter({ hasText: text }).last();
  }

  async function pick(inCard: Locator, label: RegExp, option: string | RegExp): Promise<void> {
    await inCard.getByRole('combobox', { name: label }).click();
    await page.getByRole('option', { name: option }).click();
  }

  async function records(): Promise<
    { status: string; workloadId: string; scenarioNumber: number }[]
  > {
    const { resources } = await stack.app.cosmos.database
      .container('records')
      .items.query({
        query: 'SELECT * FROM c WHERE c.tenantId = @t',
        parameters: [{ name: '@t', value: TENANT }],
      })
      .fetchAll();
    return resources as { status: string; workloadId: string; scenarioNumber: number }[];
  }

  async function notices(): Promise<{ id: string; delivery: { status: string } }[]> {
    const { resources } = await stack.app.cosmos.database
      .container('notices')
      .items.query({ query: "SELECT * FROM c WHERE c.bucket = 'notices'" })
      .fetchAll();
    return resources as { id: string; delivery: { status: string } }[];
  }

  /** The page shows nothing when the bot records the team, so ask the database (bounded). */
  async function teamRegistered(): Promise<void> {
    for (let probe = 0; probe < 300; probe += 1) {
      const { resources } = await stack.app.cosmos.database
        .container('teams')
        .items.query({
          query: 'SELECT VALUE c.teamId FROM c WHERE c.orgTenantId = @t',
          parameters: [{ name: '@t', value: PLAYGROUND.orgTenantId }],
        })
        .fetchAll();
      if (resources.length > 0) return;
      await page.waitForTimeout(100);
    }
    throw new Error('The bot never recorded the Playground team.');
  }

  async function openConversation(name: RegExp): Promise<void> {
    await page.getByRole('treeitem', { name }).click();
    await compose().waitFor();
  }

  async function enterCustomer(workloads: string[]): Promise<void> {
    await expectNew('Which customer and workloads?', () => say('declare'));
    const form = card('Which customer and workloads?');
    await form.getByLabel(/Customer name/).fill('Contoso Ltd');
    await form.getByLabel(/Customer tenant id/).fill(TENANT);
    for (const workload of workloads) await form.getByText(workload, { exact: true }).click();
    await expectNew('Which situation is it?', () =>
      form.getByRole('button', { name: 'Continue' }).click(),
    );
  }

  it('records a No Intent declaration for two workloads from the personal chat', async () => {
    await enterCustomer(['Exchange Online', 'OneDrive']);
    await screenshot('scenario picker');
    await expectNew('Scenario 2: No intent now or in the future', () =>
      card('Which situation is it?').getByRole('button', { name: 'Choose 2' }).click(),
    );
    const form = card('Scenario 2: No intent now or in the future');
    await form.getByText('Using Competitive Solution', { exact: true }).last().click();
    await form.locator('textarea').fill(REASON);
    await pick(form, /Service engagement scenario/, 'Partner led');
    await screenshot('reason form');
    // One note for two workloads: the coach asks, and the FM keeps the note.
    await expectNew('This note could be sharper', () =>
      form.getByRole('button', { name: 'Continue' }).click(),
    );
    await screenshot('coach');
    await expectNew('FTOP fields for your No Intent declaration', () =>
      card('This note could be sharper')
        .getByRole('button', { name: 'Keep my original note' })
        .click(),
    );
  });

  it("shows the FTOP summary with the playbook's values, and saves it", async () => {
    const summary = card('FTOP fields for your No Intent declaration');
    for (const value of [
      'Assignment FM',
      'No Intent',
      'Using Competitive Solution',
      'Account Team',
      'Partner led',
      'TBD',
      'Notify account team of No Intent',
      'Exchange Online, OneDrive',
    ]) {
      await summary.getByText(value, { exact: true }).first().waitFor();
    }
    await summary.getByText(REASON).waitFor();
    await pick(summary, /Post the No Intent notice to/, /No Intent notices/);
    await screenshot('summary');
    await expectNew(/I posted the No Intent notice/, () =>
      summary.getByRole('button', { name: 'Confirm and save' }).click(),
    );
    await screenshot('saved');
    const saved = await records();
    assert.deepEqual(saved.map((r) => r.workloadId).sort(), ['exchange-online', 'onedrive']);
    for (const record of saved) assert.equal(record.status, 'awaiting-confirmation');
  });

  it('finds exactly one notice in the account team channel', async () => {
    await openConversation(/No Intent notices/);
    await page.getByText('No Intent declared').first().waitFor();
    assert.equal(await page.getByText('No Intent declared').count(), 1);
    await card('No Intent declared').getByText('Contoso Ltd').waitFor();
    await screenshot('channel notice');
    const all = await notices();
    assert.equal(all.length, 1);
    assert.equal(all[0]?.delivery.status, 'posted');
  });

  it('refuses a non-manager who tries to confirm, and changes nothing', async () => {
    const [notice] = await notices();
    await expectNew('You cannot decide this declaration', () =>
      sendAs(stack.playgroundUrl, PLAYGROUND.noticesChannel, PLAYGROUND.jordan, {
        type: 'message',
        value: { action: 'confirmDeclaration', declarationId: notice!.id },
      }),
    );
    await screenshot('refused');
    for (const record of await records()) assert.equal(record.status, 'awaiting-confirmation');
  });

  it('confirms it as a manager from the card, and the card shows the decision', async () => {
    const notice = card('No Intent declared');
    await expectNew(/^Confirm$/, () =>
      notice.getByRole('button', { name: 'Confirm or reject (managers)' }).click(),
    );
    await screenshot('manager view');
    await expectNew(/Confirmed by Avery Fox/, () =>
      card('No Intent declared').getByRole('button', { name: 'Confirm', exact: true }).click(),
    );
    await screenshot('confirmed');
    for (const record of await records()) assert.equal(record.status, 'confirmed');
  });

  it('tells the FM the outcome in their personal chat', async () => {
    await openConversation(/Personal Chat/);
    await page.getByText('No Intent confirmed').first().waitFor();
    await screenshot('fm told');
  });

  it('records scenario 1 and posts no notice', async () => {
    await enterCustomer(['Microsoft Intune']);
    await expectNew(/Scenario 1: Declines FastTrack Center/, () =>
      card('Which situation is it?').getByRole('button', { name: 'Choose 1' }).click(),
    );
    const form = card(/Scenario 1: Declines FastTrack Center/);
    await pick(form, /Service engagement scenario/, 'Customer led');
    // The client's date picker: open it, go to next month, take the 7th.
    await form.getByPlaceholder('Select a date...').click();
    await page.getByRole('button', { name: /next month/i }).click();
    await page.getByRole('gridcell').getByText('7', { exact: true }).first().click();
    const today = new Date();
    const kickoff = new Date(Date.UTC(today.getFullYear(), today.getMonth() + 1, 7))
      .toISOString()
      .slice(0, 10);
    await expectNew('FTOP fields: intent declared, without the FastTrack Center', () =>
      form.getByRole('button', { name: 'Continue' }).click(),
    );
    const summary = card('FTOP fields: intent declared, without the FastTrack Center');
    await summary.getByText('In Progress', { exact: true }).waitFor();
    await summary.getByText(kickoff, { exact: true }).waitFor();
    await expectNew('Intent recorded', () =>
      summary.getByRole('button', { name: 'Confirm and save' }).click(),
    );
    await screenshot('scenario 1 saved');
    const intune = (await records()).filter((r) => r.workloadId === 'intune');
    assert.equal(intune.length, 1);
    assert.equal(intune[0]?.status, 'recorded');
    assert.equal((await notices()).length, 1, 'still only the first notice');
    await openConversation(/No Intent notices/);
    await page.getByText('No Intent declared').first().waitFor();
    assert.equal(await page.getByText('No Intent declared').count(), 1);
    await openConversation(/Personal Chat/);
  });

  it('cancels a declaration midway and saves nothing', async () => {
    const before = (await records()).length;
    await enterCustomer(['SharePoint Online']);
    await expectNew(/Declaration cancelled/, () =>
      card('Which situation is it?').getByRole('button', { name: 'Cancel' }).click(),
    );
    await screenshot('cancelled');
    assert.equal((await records()).length, before);
  });
});
