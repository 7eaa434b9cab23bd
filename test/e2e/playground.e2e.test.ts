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

  /** The customer's ledger as saved. */
  async function ledger(): Promise<{
    entitlements: {
      workloadId: string;
      status: { fields: { l1: string } } | null;
      declaration: { state: string } | null;
      closed: { outcome: string } | null;
      ftopEntry: unknown;
    }[];
    declarations: { declarationId: string; state: string; scenarioId: string }[];
    messages: { notice: { status: string } }[];
  }> {
    const { resources } = await stack.app.cosmos.database
      .container('ledger')
      .items.query({
        query: 'SELECT * FROM c WHERE c.tenantId = @t',
        parameters: [{ name: '@t', value: TENANT }],
      })
      .fetchAll();
    const of = (type: string) => resources.filter((r: { type: string }) => r.type === type);
    return {
      entitlements: of('entitlement'),
      declarations: of('declaration').sort((a: { createdAt: string }, b: { createdAt: string }) =>
        a.createdAt.localeCompare(b.createdAt),
      ),
      messages: of('messages'),
    } as never;
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

  it('records a No Intent declaration for two workloads from the personal chat, on one card', async () => {
    await enterCustomer(['Exchange Online', 'OneDrive']);
    await card('Which situation is it?')
      .getByText('What the bot knows of these workloads')
      .waitFor();
    await screenshot('scenario picker');
    await expectNew('Scenario 2: No intent now or in the future', () =>
      card('Which situation is it?').getByRole('button', { name: 'Choose scenario 2' }).click(),
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
        .getByRole('button', { name: 'Keep the note shown above' })
        .click(),
    );
    // Every step redrew the one card: no earlier step's card is left to tap.
    assert.equal(await page.getByText('Which customer and workloads?').count(), 0);
    assert.equal(await page.getByText('Which situation is it?').count(), 0);
  });

  it("shows the FTOP summary with the playbook's values, saves it, and lists what to enter in FTOP", async () => {
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
    await expectNew(/notice is posted in Contoso account team > No Intent notices/, () =>
      summary.getByRole('button', { name: 'Confirm and save' }).click(),
    );
    const saved = card("No Intent saved: awaiting a manager's decision");
    await saved.getByText('Enter these values in FTOP').waitFor();
    for (const label of ['Who Updates FTOP', 'L1 Value', 'L2 Value', 'Next Action to be taken']) {
      await saved.getByText(label, { exact: true }).waitFor();
    }
    await screenshot('saved');
    const { entitlements } = await ledger();
    assert.deepEqual(entitlements.map((e) => e.workloadId).sort(), ['exchange-online', 'onedrive']);
    for (const e of entitlements) assert.equal(e.declaration?.state, 'awaiting-decision');
  });

  it('refuses a second declaration for the same entitlement, naming the pending one', async () => {
    await enterCustomer(['Exchange Online']);
    const picker = card('Which situation is it?');
    await picker
      .getByText(/already has a declaration awaiting the managers' decision/)
      .first()
      .waitFor();
    assert.equal(await picker.getByRole('button', { name: /Choose scenario/ }).count(), 0);
    await screenshot('pending refuses another');
    await expectNew(/Declaration cancelled/, () =>
      picker.getByRole('button', { name: 'Cancel' }).click(),
    );
  });

  it('finds exactly one notice in the account team channel, still to be entered in FTOP', async () => {
    await openConversation(/No Intent notices/);
    await page.getByText('No Intent declared').first().waitFor();
    assert.equal(await page.getByText('No Intent declared').count(), 1);
    const notice = card('No Intent declared');
    await notice.getByText('Contoso Ltd').waitFor();
    await notice.getByText(/To be entered in FTOP by Avery Fox/).waitFor();
    await notice.getByText(/Selling of economic or business value/).waitFor();
    await screenshot('channel notice');
    const { messages } = await ledger();
    assert.deepEqual(
      messages.map((m) => m.notice.status),
      ['posted'],
    );
  });

  it('refuses a non-manager who tries to confirm, and changes nothing', async () => {
    const [declaration] = (await ledger()).declarations;
    await expectNew('You cannot decide this declaration', () =>
      sendAs(stack.playgroundUrl, PLAYGROUND.noticesChannel, PLAYGROUND.jordan, {
        type: 'message',
        value: {
          action: 'confirmDeclaration',
          tenantId: TENANT,
          declarationId: declaration!.declarationId,
        },
      }),
    );
    await screenshot('refused');
    for (const e of (await ledger()).entitlements) {
      assert.equal(e.declaration?.state, 'awaiting-decision');
    }
  });

  it('the FM records the FTOP entry, and the notice follows', async () => {
    await openConversation(/Personal Chat/);
    const saved = card("No Intent saved: awaiting a manager's decision");
    await expectNew(/Entered in FTOP by Avery Fox/, () =>
      saved.getByRole('button', { name: 'I have entered these in FTOP' }).click(),
    );
    await screenshot('entered in FTOP');
    for (const e of (await ledger()).entitlements) assert.ok(e.ftopEntry);
    await openConversation(/No Intent notices/);
    await card('No Intent declared')
      .getByText(/Entered in FTOP by Avery Fox/)
      .waitFor();
  });

  it('a manager rejects from the card; the FM is told exactly what to put back', async () => {
    const notice = card('No Intent declared');
    await expectNew(/^Confirm$/, () =>
      notice.getByRole('button', { name: 'Confirm or reject (managers)' }).click(),
    );
    await screenshot('manager view');
    const managerView = card('No Intent declared');
    await managerView.getByRole('button', { name: 'Reject' }).click();
    await managerView.locator('textarea').fill('Name the contract: when does it end?');
    await expectNew(/Rejected by Avery Fox/, () =>
      managerView.getByRole('button', { name: 'Reject' }).last().click(),
    );
    await screenshot('rejected');
    await openConversation(/Personal Chat/);
    await page
      .getByText(/Avery Fox rejected your No Intent declaration/)
      .first()
      .waitFor();
    const news = card(/rejected your No Intent declaration/);
    await news.getByText('Put these values back in FTOP').waitFor();
    await news.getByText(/holds no earlier values for Exchange Online, OneDrive/).waitFor();
    await screenshot('put back');
    await expectNew('FTOP is back to its earlier values', () =>
      news.getByRole('button', { name: 'I have put FTOP back' }).click(),
    );
  });

  it("declares again from the rejected card, prefilled, with the managers' comment", async () => {
    await expectNew(/Name the contract: when does it end/, () =>
      card('No Intent rejected').getByRole('button', { name: 'Declare again' }).click(),
    );
    await screenshot('declare again');
    await expectNew('Scenario 2: No intent now or in the future', () =>
      card('Which situation is it?').getByRole('button', { name: 'Choose scenario 2' }).click(),
    );
    const form = card('Scenario 2: No intent now or in the future');
    assert.equal(await form.locator('textarea').inputValue(), REASON, 'the earlier note is kept');
    await form.locator('textarea').fill(`${REASON} The contract runs to 2031.`);
    await form.getByRole('button', { name: 'Continue' }).click();
    await card(/This note could be sharper|FTOP fields/).waitFor();
    if (await page.getByRole('button', { name: 'Keep the note shown above' }).count()) {
      await card('This note could be sharper')
        .getByRole('button', { name: 'Keep the note shown above' })
        .click();
    }
    const summary = card('FTOP fields for your No Intent declaration');
    await pick(summary, /Post the No Intent notice to/, /No Intent notices/);
    await expectNew(/notice is posted in/, () =>
      summary.getByRole('button', { name: 'Confirm and save' }).click(),
    );
    const { declarations } = await ledger();
    assert.deepEqual(
      declarations.map((d) => d.state),
      ['rejected', 'awaiting-decision'],
    );
  });

  it('withdraws it from "my declarations"; the notice says so', async () => {
    await expectNew('Your declarations', () => say('my declarations'));
    const list = card('Your declarations');
    await list.getByText('Contoso Ltd').first().waitFor();
    await screenshot('my declarations');
    await list.getByRole('button', { name: 'Withdraw' }).first().click();
    await expectNew(/Withdrawn: Contoso Ltd/, () =>
      list.getByRole('button', { name: 'Withdraw the declaration' }).first().click(),
    );
    await screenshot('withdrawn');
    const { declarations, entitlements } = await ledger();
    assert.equal(declarations.at(-1)?.state, 'withdrawn');
    for (const e of entitlements) assert.equal(e.closed?.outcome, 'withdrawn');
    await openConversation(/No Intent notices/);
    await page
      .getByText(/Withdrawn by Avery Fox/)
      .first()
      .waitFor();
    await screenshot('notice withdrawn');
    await openConversation(/Personal Chat/);
  });

  it('records scenario 1 and posts no notice', async () => {
    await enterCustomer(['Microsoft Intune']);
    await expectNew(/Scenario 1: Declines FastTrack Center/, () =>
      card('Which situation is it?').getByRole('button', { name: 'Choose scenario 1' }).click(),
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
    const notices = (await ledger()).messages.filter((m) => m.notice.status === 'posted');
    assert.equal(notices.length, 2, 'no notice for scenario 1');
  });

  it('cancels a declaration midway and saves nothing', async () => {
    const before = (await ledger()).declarations.length;
    await enterCustomer(['SharePoint Online']);
    await expectNew(/Declaration cancelled/, () =>
      card('Which situation is it?').getByRole('button', { name: 'Cancel' }).click(),
    );
    await screenshot('cancelled');
    assert.equal((await ledger()).declarations.length, before);
  });
});
