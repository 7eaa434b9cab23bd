/**
 * The portal tab in Debian's Chromium, against the whole bot (HTTP server, local Cosmos DB, the
 * loopback connector): the development sign-in as an FM, a team manager, an account-team member,
 * a global manager and someone of another organisation, each seeing what they should and nothing
 * else; search, filters and pages; a decision from the tab reaching the channel's card; the
 * exports read back; the three Teams themes and a phone's width, each checked with axe-core; and
 * the keyboard alone. Screenshots go to artifacts/portal/ for people to look at.
 *
 * The declarations are made through the bot itself (the same conversation helpers as the bot's
 * other tests), writing to the database the running app reads.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { buildTab } from '../../scripts/buildTab';
import type { RunningApp } from '../../src/app';
import type { ManagerPolicy } from '../../src/application/managerPolicy';
import { EXPORT_LEAD_COLUMNS } from '../../src/application/portal/portalContract';
import { FTOP_FIELD_LABELS } from '../../src/playbook/ftopFields';
import { launchChromium } from '../support/chromium';
import { startConnectorSink, type ConnectorSink } from '../support/connectorSink';
import {
  ACCOUNT_TEAM,
  AVERY,
  BLAKE,
  botUnderTest,
  CUSTOMER_TENANT,
  FmConversation,
  installInAccountTeam,
  MORGAN,
  NOTICES_CHANNEL,
  ORG_TENANT,
  TEST_EFFECTS,
  type BotUnderTest,
} from '../support/fmConversation';
import { partitionOf } from '../support/ledgerReads';
import { repositoriesOf, type TestDatabase } from '../support/localCosmos';
import { startTestApp } from '../support/startTestApp';

const ARTIFACTS = join(__dirname, '..', '..', 'artifacts', 'portal');
const AXE = require.resolve('axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface DevPerson {
  readonly aadObjectId: string;
  readonly name: string;
  readonly orgTenantId: string;
}

const person = (user: { aadObjectId: string; name: string }, orgTenantId = ORG_TENANT) => ({
  aadObjectId: user.aadObjectId,
  name: user.name,
  orgTenantId,
});
/** Declares Contoso (awaiting a decision) and Northwind (scenario 1, entered in FTOP). */
const FM = person(AVERY);
/** Declares Fabrikam (awaiting a decision). */
const OTHER_FM = person(BLAKE);
/** Manages the account team, where Contoso's and Fabrikam's notices went. */
const TEAM_MANAGER = person(MORGAN);
/** In the account team, neither FM nor manager. */
const MEMBER: DevPerson = {
  aadObjectId: '00000000-0000-0000-0000-00000000d004',
  name: 'Casey Diaz',
  orgTenantId: ORG_TENANT,
};
/** Decides everywhere in the organisation. */
const GLOBAL_MANAGER: DevPerson = {
  aadObjectId: '00000000-0000-0000-0000-00000000e005',
  name: 'Jordan Park',
  orgTenantId: ORG_TENANT,
};
/** Of another organisation, which holds nothing. */
const OUTSIDER: DevPerson = {
  aadObjectId: '00000000-0000-0000-0000-00000000f006',
  name: 'Dana Novak',
  orgTenantId: '1b2c3d4e-5f60-4718-9a0b-1c2d3e4f5a6b',
};
const DEV_PEOPLE = [FM, OTHER_FM, TEAM_MANAGER, MEMBER, GLOBAL_MANAGER, OUTSIDER];

const POLICY: ManagerPolicy = {
  everywhere: [GLOBAL_MANAGER.aadObjectId],
  perTeam: { [ACCOUNT_TEAM.teamId]: [TEAM_MANAGER.aadObjectId] },
};

const FABRIKAM_TENANT = '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f';
const NORTHWIND_TENANT = '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9';
const NORTHWIND_WORKLOADS = [
  'Exchange Online',
  'SharePoint Online',
  'OneDrive',
  'Microsoft Teams',
  'Viva Engage (Yammer)',
  'Skype for Business',
  'Microsoft 365 Apps (Office ProPlus)',
  'Outlook Mobile',
  'Microsoft Intune',
  'Microsoft Entra ID',
];
const CONTOSO_ROWS = ['Contoso Ltd, Exchange Online', 'Contoso Ltd, OneDrive'];
const FABRIKAM_ROWS = ['Fabrikam Inc, Microsoft Teams'];
const NORTHWIND_ROWS = NORTHWIND_WORKLOADS.map((w) => `Northwind Traders, ${w}`);

const EXPORT_COLUMNS = [...EXPORT_LEAD_COLUMNS, ...FTOP_FIELD_LABELS.map(([, label]) => label)];

type Theme = 'light' | 'dark' | 'contrast';

interface Visit {
  readonly as: DevPerson;
  readonly theme?: Theme;
  readonly view?: string;
  readonly phone?: boolean;
}

describe('the portal tab in Chromium (development sign-in, axe-core)', function () {
  this.timeout(120_000);
  let tabFolder: string;
  let connector: ConnectorSink;
  let app: RunningApp;
  let db: TestDatabase;
  let bot: BotUnderTest;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageProblems = new WeakMap<Page, string[]>();

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    tabFolder = mkdtempSync(join(tmpdir(), 'no-intent-tab-'));
    await buildTab(tabFolder);
    connector = await startConnectorSink();
    connector.team.members = [MEMBER.aadObjectId];
    app = await startTestApp(
      {
        MANAGER_AAD_OBJECT_IDS: GLOBAL_MANAGER.aadObjectId,
        TEAM_MANAGERS: JSON.stringify(POLICY.perTeam),
      },
      { devPeople: DEV_PEOPLE, tabFolder, effects: TEST_EFFECTS },
    );
    db = repositoriesOf(app.cosmos.database, app.cosmos.connection);
    await installInAccountTeam(db, connector);
    bot = botUnderTest(db, { connector, managers: POLICY });
    await declareEverything();
    browser = await launchChromium();
  });

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    await connector?.close();
    if (tabFolder) rmSync(tabFolder, { recursive: true, force: true });
  });

  /** Through the bot, as the FMs would: the rows the portal shows come from these. */
  async function declareEverything(): Promise<void> {
    const avery = new FmConversation(bot, AVERY, 'personal-avery');
    await avery.declareUntilSummary(
      'no-intent-at-assignment',
      {
        l2ReasonId: 'using-competitive-solution',
        detailedReason:
          'Customer does not intend to use Exchange Online or OneDrive because every mailbox and file runs on Google Workspace under a five-year contract.',
        engagementScenarioId: 'customer-led',
      },
      'exchange-online,onedrive',
    );
    await avery.tap('keepReason');
    await avery.tap('confirm', { noticeChannel: NOTICES_CHANNEL });

    const inTwoWeeks = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    await avery.declareUntilSummary(
      'declines-fasttrack-center',
      { engagementScenarioId: 'partner-led', kickoffDate: inTwoWeeks },
      'exchange-online,sharepoint-online,onedrive,microsoft-teams,viva-engage,skype-for-business,microsoft-365-apps,outlook-mobile,intune,entra-id',
      'Northwind Traders',
      NORTHWIND_TENANT,
    );
    await avery.tap('confirm');
    await avery.tap('enterInFtop');

    const blake = new FmConversation(bot, BLAKE, 'personal-blake');
    await blake.declareUntilSummary(
      'no-intent-new-workload',
      {
        l2ReasonId: 'executive-sponsorship',
        detailedReason:
          'Customer does not intend to use Microsoft Teams because the new CEO froze every collaboration project until the merger closes next year.',
        engagementScenarioId: 'partner-led',
      },
      'microsoft-teams',
      'Fabrikam Inc',
      FABRIKAM_TENANT,
    );
    await blake.tap('keepReason').catch(() => undefined);
    await blake.tap('confirm', { noticeChannel: NOTICES_CHANNEL });
    await bot.effects.idle();
    await app.idle();
  }

  /** A fresh browser for one person: the picker, then the tab as they see it. */
  async function openTab(visit: Visit): Promise<Page> {
    const context = await browser.newContext({
      viewport: visit.phone ? { width: 390, height: 844 } : { width: 1280, height: 900 },
      locale: 'en-US',
      timezoneId: 'UTC',
      acceptDownloads: true,
    });
    contexts.push(context);
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    pageProblems.set(page, problems);
    const query = new URLSearchParams();
    if (visit.theme) query.set('theme', visit.theme);
    if (visit.view) query.set('view', visit.view);
    await page.goto(`${app.url}/tab/${query.size ? `?${query}` : ''}`);
    await page.getByRole('heading', { name: 'Development sign-in' }).waitFor();
    await page.getByRole('button', { name: new RegExp(`^${visit.as.name} \\(`) }).click();
    await page.getByText(`You are acting as ${visit.as.name}.`).waitFor();
    return page;
  }

  /** Script errors and failed requests the page reported. */
  function problemsOf(page: Page): string[] {
    return pageProblems.get(page) ?? [];
  }

  /** The first page of the view has been read (its summary is announced). */
  async function firstPageRead(page: Page): Promise<void> {
    await page
      .getByRole('status')
      .filter({ hasText: /^Page 1:/ })
      .waitFor();
  }

  async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
    await animationsDone(page);
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage });
  }

  /** The drawer slides in: checks and pictures wait until it is in place (spinners spin on). */
  async function animationsDone(page: Page): Promise<void> {
    await page.waitForFunction(
      `document.getAnimations().every((a) => a.effect?.getComputedTiming().endTime === Infinity || !['running', 'pending'].includes(a.playState))`,
    );
  }

  /** The rows on screen, "customer, workload", whether drawn as a table or as a list. */
  async function shownRows(page: Page): Promise<string[]> {
    return (await page.evaluate(ROW_LABELS_SCRIPT)) as string[];
  }

  /** Waits until exactly these rows are on screen (the list is redrawn after each request). */
  async function waitForRows(page: Page, expected: readonly string[]): Promise<void> {
    const want = [...expected].sort();
    const shown = `JSON.stringify(${ROW_LABELS_SCRIPT}.sort())`;
    // On timeout, the assertion shows which rows were there instead.
    await page
      .waitForFunction(`${shown} === ${JSON.stringify(JSON.stringify(want))}`)
      .catch(async () => assert.deepEqual((await shownRows(page)).sort(), want));
    if (expected.length === 0) await page.getByText('No entitlements match').waitFor();
  }

  /** The views offered as tabs; none when there is only one. */
  async function viewTabs(page: Page): Promise<string[]> {
    const nav = page.getByRole('navigation', { name: 'Views' });
    return (await nav.count()) === 0 ? [] : nav.getByRole('tab').allInnerTexts();
  }

  /** The value of the select's option whose text starts so (scenarios read "4. ..."). */
  async function optionStartingWith(select: Locator, text: string): Promise<string | null> {
    const options = select.locator('option');
    for (let i = 0; i < (await options.count()); i++) {
      if ((await options.nth(i).innerText()).startsWith(text)) {
        return options.nth(i).getAttribute('value');
      }
    }
    return null;
  }

  async function chooseFilter(page: Page, label: string, option: string): Promise<void> {
    await page.getByLabel(label, { exact: true }).selectOption({ label: option });
  }

  async function openDetails(page: Page, row: string): Promise<void> {
    await page.getByRole('button', { name: `${row}: details`, exact: true }).click();
    await page.getByRole('dialog').getByRole('heading', { name: 'History' }).waitFor();
    await page.getByRole('dialog').getByText('Loading the history…').waitFor({ state: 'hidden' });
    await animationsDone(page);
  }

  /** A click anywhere on the table's row opens it, not only on the customer's name. */
  async function openDetailsFromRow(page: Page, row: string): Promise<void> {
    const name = page.getByRole('button', { name: `${row}: details`, exact: true });
    const workloadCell = page.getByRole('row').filter({ has: name }).getByRole('cell').nth(1);
    await workloadCell.click();
    await page.getByRole('dialog').getByRole('heading', { name: 'History' }).waitFor();
    await page.getByRole('dialog').getByText('Loading the history…').waitFor({ state: 'hidden' });
    await animationsDone(page);
  }

  /** After a decision the drawer reads the details again until the row has caught up. */
  async function detailsUpToDate(page: Page): Promise<void> {
    await page
      .getByRole('dialog')
      .getByText('Bringing the details up to date…')
      .waitFor({ state: 'hidden' });
  }

  async function seriousViolations(page: Page): Promise<string[]> {
    await page.addScriptTag({ path: AXE });
    return (await page.evaluate(axeScript(AXE_TAGS))) as string[];
  }

  describe('who sees what', () => {
    it('the development sign-in lists the people, marked as local only', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(`${app.url}/tab/`);
      await page.getByRole('heading', { name: 'Development sign-in' }).waitFor();
      await page.getByText('For local development only.').waitFor();
      const people = await page
        .getByRole('list', { name: 'People' })
        .getByRole('button')
        .allInnerTexts();
      assert.deepEqual(
        people.map((p) => p.split(' (')[0]),
        DEV_PEOPLE.map((p) => p.name),
      );
      await screenshot(page, 'sign-in');
    });

    it('an FM sees what they declared, and nothing of another FM', async () => {
      const page = await openTab({ as: FM });
      assert.deepEqual(await viewTabs(page), [], 'one view: no tabs to choose from');
      await page.getByRole('heading', { level: 1, name: 'My entitlements' }).waitFor();
      await page.getByLabel('Rows per page').selectOption('25');
      await waitForRows(page, [...CONTOSO_ROWS, ...NORTHWIND_ROWS]);
      assert.equal(await page.getByText('Your decision').count(), 0, 'an FM decides nothing');
      assert.equal(await page.getByText('Manager', { exact: true }).count(), 0);
      await screenshot(page, 'fm-my-entitlements');
      const name = page.getByRole('button', { name: 'Contoso Ltd, Exchange Online: details' });
      assert.ok(
        await name.evaluate((element) => element.classList.contains('fui-Link')),
        'the customer name looks like a link',
      );

      await openDetailsFromRow(page, 'Contoso Ltd, Exchange Online');
      const drawer = page.getByRole('dialog');
      await drawer.getByRole('heading', { name: 'Contoso Ltd: Exchange Online' }).waitFor();
      assert.equal(await drawer.getByRole('button', { name: 'Confirm' }).count(), 0);
      const timeline = drawer.getByRole('list', { name: 'History, newest first' });
      assert.match(await timeline.innerText(), /Declared \(scenario 2\)\s+by Avery Fox/);
      assert.match(await timeline.innerText(), /L1 Value: \(none\) → No Intent/);
      const values = await drawer.getByRole('region', { name: 'FTOP values' }).innerText();
      for (const [, label] of FTOP_FIELD_LABELS) assert.ok(values.includes(label), label);
      assert.match(values, /L2 Value\s+Using Competitive Solution/);
      await screenshot(page, 'fm-details', false);
      assert.deepEqual(problemsOf(page), []);
    });

    it('an FM who opens the personal tab "Awaiting me" is told why, and shown their own', async () => {
      const page = await openTab({ as: FM, view: 'awaiting' });
      await page.getByText(/^Nothing awaits your decision: only managers decide\./).waitFor();
      await page.getByRole('heading', { level: 1, name: 'My entitlements' }).waitFor();
      await firstPageRead(page);
      assert.ok((await shownRows(page)).includes(CONTOSO_ROWS[0]!));
    });

    it('an account-team member sees what was posted to their team, and cannot decide', async () => {
      const page = await openTab({ as: MEMBER });
      assert.deepEqual(await viewTabs(page), ['My entitlements', ACCOUNT_TEAM.teamName]);
      await waitForRows(page, []);
      await page.getByRole('tab', { name: ACCOUNT_TEAM.teamName }).click();
      await page.getByRole('heading', { level: 1, name: ACCOUNT_TEAM.teamName }).waitFor();
      await waitForRows(page, [...CONTOSO_ROWS, ...FABRIKAM_ROWS]);
      assert.equal(await page.getByText('Your decision').count(), 0);
      await openDetails(page, 'Fabrikam Inc, Microsoft Teams');
      assert.equal(
        await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).count(),
        0,
      );
      await screenshot(page, 'member-team-view', false);
    });

    it('the channel tab shows what was posted to that channel', async () => {
      const view = `channel:${ACCOUNT_TEAM.teamId}:${ACCOUNT_TEAM.noticesChannelId}`;
      const page = await openTab({ as: MEMBER, view });
      const title = `${ACCOUNT_TEAM.teamName}: this channel`;
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      assert.deepEqual(await viewTabs(page), [], 'a channel tab shows its channel only');
      await waitForRows(page, [...CONTOSO_ROWS, ...FABRIKAM_ROWS]);
      const general = await openTab({
        as: MEMBER,
        view: `channel:${ACCOUNT_TEAM.teamId}:${ACCOUNT_TEAM.teamId}`,
      });
      await waitForRows(general, []);
      await screenshot(page, 'channel-tab');
    });

    it('the channel tab is added from its configuration page, which needs Teams', async () => {
      const context = await browser.newContext({ viewport: { width: 720, height: 500 } });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(`${app.url}/tab/configure.html`);
      await page.getByRole('heading', { name: 'Add the No Intent tab' }).waitFor();
      // teams-js gives up on a page no Teams client hosts.
      await page.getByText('Open this page from Teams').waitFor();
      assert.equal(await page.getByLabel(/Show this channel/).isDisabled(), true);
      await screenshot(page, 'channel-configure');
    });

    it('someone of another organisation sees nothing of this one, even asking for its team', async () => {
      const page = await openTab({ as: OUTSIDER });
      await waitForRows(page, []);
      assert.deepEqual(await viewTabs(page), []);
      const asked = await openTab({ as: OUTSIDER, view: `team:${ACCOUNT_TEAM.teamId}` });
      await asked.getByText(/^You may not see this\./).waitFor();
      assert.deepEqual(await shownRows(asked), []);
      await screenshot(asked, 'outsider-refused');
    });

    it('a global manager sees the whole organisation, a page at a time', async () => {
      const page = await openTab({ as: GLOBAL_MANAGER });
      assert.deepEqual(await viewTabs(page), [
        'My entitlements',
        'Awaiting me',
        'All entitlements',
        ACCOUNT_TEAM.teamName,
      ]);
      await page.getByRole('tab', { name: 'All entitlements' }).click();
      await page.getByLabel('Rows per page').selectOption('10');
      await page.getByText('Page 1: 10 entitlements. More on the next page.').waitFor();
      await page.getByRole('button', { name: 'Customer', exact: true }).click();
      const everything = [...CONTOSO_ROWS, ...FABRIKAM_ROWS, ...NORTHWIND_ROWS];
      // A to Z by customer: Contoso, Fabrikam, then Northwind's first seven on page one.
      const firstThree = JSON.stringify([...CONTOSO_ROWS, ...FABRIKAM_ROWS].sort());
      await page.waitForFunction(
        `JSON.stringify(${ROW_LABELS_SCRIPT}.slice(0, 3).sort()) === ${JSON.stringify(firstThree)}`,
      );
      const first = await shownRows(page);
      assert.equal(first.length, 10);
      await page.getByRole('button', { name: 'Next page' }).click();
      await page.getByText('Page 2: 3 entitlements.').waitFor();
      const second = await shownRows(page);
      assert.deepEqual([...first, ...second].sort(), [...everything].sort());
      assert.equal(await page.getByRole('button', { name: 'Next page' }).isDisabled(), true);
      await page.getByRole('button', { name: 'Previous page' }).click();
      await page.getByText('Page 1: 10 entitlements. More on the next page.').waitFor();
      assert.deepEqual(await shownRows(page), first);

      await page.getByRole('button', { name: 'Show charts' }).click();
      const charts = page.getByRole('region', { name: 'Charts' });
      await charts.getByRole('heading', { name: 'No Intent entitlements by L2 reason' }).waitFor();
      const byL2 = await charts
        .getByRole('table', { name: 'No Intent entitlements by L2 reason' })
        .innerText();
      assert.match(byL2, /Using Competitive Solution\s+2/);
      assert.match(byL2, /Executive Sponsorship\s+1/);
      const pending = await charts
        .getByRole('table', { name: 'Entitlements awaiting a decision, by calendar days waited' })
        .innerText();
      assert.match(pending, /\b3\b/, 'three entitlements wait');
      await screenshot(page, 'global-manager-charts');
    });
  });

  describe('finding a customer', () => {
    it('two keystrokes: the search box has the focus, and the list follows as you type', async () => {
      const page = await openTab({ as: FM });
      await firstPageRead(page);
      const focused = await page.evaluate('document.activeElement?.getAttribute("type")');
      assert.equal(focused, 'search', 'the search box is focused when the tab opens');
      await page.keyboard.type('co');
      await waitForRows(page, CONTOSO_ROWS);
      await screenshot(page, 'search-two-keystrokes');
    });

    it('searches tenant ids and workloads too', async () => {
      const page = await openTab({ as: FM });
      const search = page.getByRole('searchbox');
      await search.fill(CUSTOMER_TENANT.slice(0, 8));
      await waitForRows(page, CONTOSO_ROWS);
      await search.fill('intune');
      await waitForRows(page, ['Northwind Traders, Microsoft Intune']);
      await search.fill('fabrikam');
      await waitForRows(page, []);
    });

    it('filters by L1, L2, where it stands, scenario, stage, FM, dates and FTOP, and clears them', async () => {
      const page = await openTab({ as: GLOBAL_MANAGER, view: 'org' });
      await page.getByLabel('Rows per page').selectOption('25');
      const everything = [...CONTOSO_ROWS, ...FABRIKAM_ROWS, ...NORTHWIND_ROWS];
      await waitForRows(page, everything);
      const cases: [string, string, string[]][] = [
        ['L1 value', 'In Progress', NORTHWIND_ROWS],
        ['L2 value', 'Executive Sponsorship', FABRIKAM_ROWS],
        ['Where it stands', 'Awaiting decision', [...CONTOSO_ROWS, ...FABRIKAM_ROWS]],
        ['Scenario', '4. ', FABRIKAM_ROWS],
        ['Stage', 'Delivery', FABRIKAM_ROWS],
        ['FM', BLAKE.name, FABRIKAM_ROWS],
        ['In FTOP', 'Entered in FTOP', NORTHWIND_ROWS],
        ['In FTOP', 'Not entered in FTOP', [...CONTOSO_ROWS, ...FABRIKAM_ROWS]],
      ];
      for (const [label, option, expected] of cases) {
        const select = page.getByLabel(label, { exact: true });
        const value = await optionStartingWith(select, option);
        assert.ok(value, `${label} offers ${option}`);
        await select.selectOption(value);
        await waitForRows(page, expected);
        await select.selectOption('');
        await waitForRows(page, everything);
      }
      await page.getByLabel('Declared from').fill('2099-01-01');
      await waitForRows(page, []);
      assert.match(await page.getByRole('button', { name: /^Filters/ }).innerText(), /1 on/);
      await page.getByRole('button', { name: 'Clear the filters' }).click();
      await waitForRows(page, everything);
      await page.getByLabel('Declared to').fill('2000-01-01');
      await waitForRows(page, []);
      await page.getByRole('button', { name: 'Clear filters' }).click();
      await waitForRows(page, everything);
    });
  });

  describe('exports for FTOP', () => {
    async function download(page: Page, button: string): Promise<string> {
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: button }).click(),
      ]);
      const path = await file.path();
      assert.ok(path, 'the file was saved');
      return path;
    }

    it('downloads the current view as CSV and Excel, with the FTOP columns in the playbook order', async () => {
      const page = await openTab({ as: FM });
      await chooseFilter(page, 'L1 value', 'No Intent');
      await waitForRows(page, CONTOSO_ROWS);

      const csv = parse(readFileSync(await download(page, 'Export CSV')), {
        bom: true,
      }) as string[][];
      assert.deepEqual(csv[0], EXPORT_COLUMNS);
      assert.deepEqual(
        csv
          .slice(1)
          .map((row) => `${row[0]}, ${row[2]}`)
          .sort(),
        CONTOSO_ROWS,
      );
      for (const row of csv.slice(1)) {
        assert.equal(row[1], CUSTOMER_TENANT);
        assert.equal(row[EXPORT_COLUMNS.indexOf('L1 Value')], 'No Intent');
        assert.equal(row[EXPORT_COLUMNS.indexOf('L2 Value')], 'Using Competitive Solution');
      }

      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(await download(page, 'Export Excel'));
      const sheet = workbook.worksheets[0]!;
      // Cell by cell: ExcelJS leaves an empty cell out of a row's values.
      const cells = (n: number) =>
        EXPORT_COLUMNS.map((_, i) => String(sheet.getRow(n).getCell(i + 1).value ?? ''));
      assert.deepEqual(cells(1), EXPORT_COLUMNS);
      assert.equal(sheet.actualRowCount, 3, 'the header and the two rows of the view');
      const rows = [cells(2), cells(3)];
      assert.deepEqual(rows.map((row) => `${row[0]}, ${row[2]}`).sort(), CONTOSO_ROWS);
      assert.deepEqual(
        rows[0]!.slice(3),
        csv
          .slice(1)
          .find((r) => r[2] === rows[0]![2])!
          .slice(3),
      );
      await page.getByText(/^Downloaded no-intent-.*\.xlsx\.$/).waitFor();
    });
  });

  describe('themes, phone width, keyboard and screen readers', () => {
    for (const theme of ['light', 'dark', 'contrast'] as const) {
      it(`${theme} theme: the list, the charts and the details pass axe-core`, async () => {
        const page = await openTab({ as: TEAM_MANAGER, theme, view: 'awaiting' });
        assert.equal(await page.evaluate('document.documentElement.dataset.theme'), theme);
        const background = (await page.evaluate(
          'getComputedStyle(document.querySelector("#root > div > div") ?? document.body).backgroundColor',
        )) as string;
        const dark = theme !== 'light';
        assert.equal(isDark(background), dark, `${theme}: background ${background}`);
        await waitForRows(page, [...CONTOSO_ROWS, ...FABRIKAM_ROWS]);
        await page.getByRole('button', { name: 'Show charts' }).click();
        await page
          .getByRole('region', { name: 'Charts' })
          .getByRole('heading', { name: 'No Intent entitlements by workload' })
          .waitFor();
        await screenshot(page, `theme-${theme}-list`);
        assert.deepEqual(await seriousViolations(page), [], 'the list and the charts');
        await openDetails(page, 'Fabrikam Inc, Microsoft Teams');
        await screenshot(page, `theme-${theme}-details`, false);
        assert.deepEqual(await seriousViolations(page), [], 'the details');
        assert.deepEqual(problemsOf(page), []);
      });
    }

    it('at a phone width the table becomes a list, and the details fill the screen', async () => {
      const page = await openTab({ as: FM, phone: true });
      await page.getByLabel('Rows per page').selectOption('25');
      await waitForRows(page, [...CONTOSO_ROWS, ...NORTHWIND_ROWS]);
      assert.equal(await page.getByRole('table').count(), 0, 'no table');
      assert.equal(await page.getByRole('list', { name: 'Entitlements' }).count(), 1);
      const overflow = (await page.evaluate(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      )) as number;
      assert.ok(overflow <= 0, `nothing wider than the screen (${overflow}px more)`);
      await screenshot(page, 'phone-list', false);
      assert.deepEqual(await seriousViolations(page), []);
      await openDetails(page, 'Contoso Ltd, OneDrive');
      await screenshot(page, 'phone-details', false);
    });

    it('at a phone width every view is on screen, the last one too', async () => {
      const page = await openTab({ as: GLOBAL_MANAGER, phone: true });
      const views = ['My entitlements', 'Awaiting me', 'All entitlements', ACCOUNT_TEAM.teamName];
      assert.deepEqual(await viewTabs(page), views);
      const nav = page.getByRole('navigation', { name: 'Views' });
      for (const view of views) {
        const box = await nav.getByRole('tab', { name: view }).boundingBox();
        assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `${view} is on screen`);
      }
      const hidden = await nav.evaluate((element) => element.scrollWidth - element.clientWidth);
      assert.ok(hidden <= 0, `no view scrolled out of sight (${hidden}px more)`);
      await screenshot(page, 'phone-views', false);
      await nav.getByRole('tab', { name: ACCOUNT_TEAM.teamName }).click();
      await page.getByRole('heading', { level: 1, name: ACCOUNT_TEAM.teamName }).waitFor();
    });

    it('works with the keyboard alone: search, open a row, read it, close it, back where you were', async () => {
      const page = await openTab({ as: TEAM_MANAGER, view: 'awaiting' });
      await page.keyboard.type('fab');
      await waitForRows(page, FABRIKAM_ROWS);
      const target = 'Fabrikam Inc, Microsoft Teams: details';
      let reached = false;
      for (let presses = 0; presses < 40 && !reached; presses++) {
        await page.keyboard.press('Tab');
        reached =
          (await page.evaluate('document.activeElement?.getAttribute("aria-label")')) === target;
      }
      assert.ok(reached, 'Tab reaches the row');
      await page.keyboard.press('Enter');
      const drawer = page.getByRole('dialog');
      await drawer.getByRole('heading', { name: 'History' }).waitFor();
      const inDrawer = await page.evaluate(
        'Boolean(document.activeElement?.closest("[role=dialog]"))',
      );
      assert.ok(inDrawer, 'the focus moves into the details');
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'hidden' });
      assert.equal(
        await page.evaluate('document.activeElement?.getAttribute("aria-label")'),
        target,
        'the focus returns to the row',
      );
    });

    it('has headings, landmarks and labels a screen reader can follow', async () => {
      const page = await openTab({ as: TEAM_MANAGER, view: 'awaiting' });
      await firstPageRead(page);
      const headings = (await page.evaluate(
        '[...document.querySelectorAll("h1, h2, h3")].map((h) => h.tagName + " " + h.textContent.trim())',
      )) as string[];
      assert.equal(headings.filter((h) => h.startsWith('H1')).length, 1, headings.join('; '));
      assert.ok(headings.includes('H1 Awaiting me'), headings.join('; '));
      assert.ok(headings.includes('H2 Filters'), headings.join('; '));
      await page.getByRole('main').waitFor();
      await page.getByRole('navigation', { name: 'Views' }).waitFor();
      await page.getByRole('navigation', { name: 'Pages' }).waitFor();
      await page.getByRole('table', { name: 'Entitlements' }).waitFor();
      await page
        .getByRole('searchbox', { name: 'Search customers, tenant ids and workloads' })
        .waitFor();
      const status = page.getByRole('status').filter({ hasText: /^Page 1:/ });
      await status.waitFor();
    });
  });

  // Last: it changes what the views hold.
  describe('a manager decides from the tab', () => {
    it('confirms with a comment: the drawer, the list and the channel card all show it', async () => {
      const page = await openTab({ as: TEAM_MANAGER });
      assert.deepEqual(await viewTabs(page), [
        'My entitlements',
        'Awaiting me',
        ACCOUNT_TEAM.teamName,
      ]);
      await page.getByText('Manager', { exact: true }).waitFor();
      await page.getByRole('tab', { name: 'Awaiting me' }).click();
      await page.getByRole('heading', { level: 1, name: 'Awaiting me' }).waitFor();
      await waitForRows(page, [...CONTOSO_ROWS, ...FABRIKAM_ROWS]);
      assert.equal(await page.getByText('Your decision').count(), 3);
      await screenshot(page, 'manager-awaiting');

      await openDetails(page, 'Contoso Ltd, Exchange Online');
      const drawer = page.getByRole('dialog');
      await drawer
        .getByLabel('Comment for the FM (optional)')
        .fill('Checked with the account team.');
      await screenshot(page, 'manager-decision-form', false);
      await drawer.getByRole('button', { name: 'Confirm' }).click();
      await drawer.getByText(/^You confirmed Contoso Ltd · Exchange Online, OneDrive\./).waitFor();
      await detailsUpToDate(page);
      const facts = await drawer.locator('dl').first().innerText();
      assert.match(facts, /Where it stands\s+Confirmed/);
      assert.match(facts, /Decided\s+\S/, 'the date decided, without reopening the details');
      assert.equal(await drawer.getByRole('button', { name: 'Confirm' }).count(), 0);
      const timeline = drawer.getByRole('list', { name: 'History, newest first' });
      assert.match(await timeline.innerText(), /^Confirmed( \(scenario 2\))?\s+by Morgan Lee/);
      assert.match(await timeline.innerText(), /Checked with the account team\./);
      await screenshot(page, 'manager-decided', false);

      await app.idle();
      const { declarations } = await partitionOf(db, CUSTOMER_TENANT);
      const snapshot = await db.ledger.readDeclaration(
        CUSTOMER_TENANT,
        declarations[0]!.declarationId,
      );
      assert.equal(snapshot?.declaration.state, 'confirmed');
      const notice = snapshot!.messages.notice;
      const update = connector.sent.find(
        (s) =>
          s.method === 'PUT' &&
          s.path.includes(encodeURIComponent(notice.conversationId!)) &&
          /Confirmed by Morgan Lee/.test(JSON.stringify(s.body)),
      );
      assert.ok(update, 'the card in the channel is updated for everyone');

      // Both of the declaration's entitlements leave "Awaiting me".
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'hidden' });
      await waitForRows(page, FABRIKAM_ROWS);
      assert.deepEqual(problemsOf(page), []);
    });

    it('rejects: the drawer shows the new state at once, as the list does', async () => {
      const page = await openTab({ as: TEAM_MANAGER, view: 'awaiting' });
      await waitForRows(page, FABRIKAM_ROWS);
      await openDetails(page, 'Fabrikam Inc, Microsoft Teams');
      const drawer = page.getByRole('dialog');
      const ftopValues = drawer.getByRole('region', { name: 'FTOP values' });
      assert.match(await ftopValues.innerText(), /L1 Value\s+No Intent/);
      await drawer.getByRole('button', { name: 'Reject' }).click();
      await drawer.getByText(/^You rejected Fabrikam Inc/).waitFor();
      await detailsUpToDate(page);
      // A new workload's rejection leaves no values and nothing to enter in FTOP.
      const facts = await drawer.locator('dl').first().innerText();
      assert.match(facts, /Where it stands\s+Rejected/);
      assert.match(facts, /Decided\s+\S/);
      assert.match(facts, /In FTOP\s+Nothing to do/);
      assert.doesNotMatch(await ftopValues.innerText(), /No Intent/);
      const timeline = drawer.getByRole('list', { name: 'History, newest first' });
      assert.match(await timeline.innerText(), /^Rejected( \(scenario 4\))?\s+by Morgan Lee/);
      await screenshot(page, 'manager-rejected', false);

      await page.keyboard.press('Escape');
      await waitForRows(page, []);
      assert.deepEqual(problemsOf(page), []);
    });
  });
});

/** Whether a CSS colour is dark (its average channel under half). */
function isDark(color: string): boolean {
  const channels = (color.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
  return channels.reduce((a, b) => a + b, 0) / 3 < 128;
}

// Plain JavaScript run in the page; kept as text so no TypeScript helper leaks into it.
const ROW_LABELS_SCRIPT = `[...document.querySelectorAll('button[aria-label$=": details"]')].map((b) => b.getAttribute('aria-label').slice(0, -': details'.length))`;

/**
 * axe's serious and critical WCAG A and AA violations on the whole page. Fluent UI's focus
 * manager (tabster) puts focusable, aria-hidden <i data-tabster-dummy> elements around lists and
 * dialogs to steer the focus; screen readers skip them and the focus never rests there, so
 * aria-hidden-focus on those alone is left out, as Accessibility Insights does (tabster#288).
 */
function axeScript(tags: readonly string[]): string {
  return `(async () => {
    const results = await axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(tags)} } });
    const focusSteering = (node) => node.html.includes('data-tabster-dummy');
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ ...v, nodes: v.id === 'aria-hidden-focus' ? v.nodes.filter((n) => !focusSteering(n)) : v.nodes }))
      .filter((v) => v.nodes.length > 0)
      .map((v) => v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.map((n) => n.target.join(' ') + ' ' + n.html.slice(0, 120)).join(', '));
  })()`;
}
