/**
 * `npm run seed:portal [-- --entitlements N] [--organisations M] [--service-url URL]`: fills the
 * database the bot is configured with (COSMOS_ENDPOINT, or else the local server's data file, with
 * the bot stopped) with N entitlements (100,000 in Azure; 2,000 locally, the most the local server
 * takes) of many customers in many organisations, as the bot itself would have saved them: every
 * declaration, decision, withdrawal and FTOP entry goes through the bot's own use cases and the
 * portal's own projection, in memory, and what they produce is then written in bulk. Seeding
 * again to a larger N adds the entitlements still missing, as one seed of N would.
 *
 * The layout is a pure function of the customer's number, so the people of organisation 0 that
 * the benchmark signs in as (seededPeople) have all their rows among the first 1,000
 * entitlements: more entitlements make the database grow, not what those people see (but for the
 * global manager, who sees the whole organisation).
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Container, Database, ItemDefinition, OperationInput } from '@azure/cosmos';
import type { StoredCustomer } from '../src/application/customerLedger';
import { decideDeclaration } from '../src/application/decideDeclaration';
import type { Declaration, NoticeTarget } from '../src/application/declaration';
import type { StoredMessages } from '../src/application/declarationMessages';
import { declareEntitlements } from '../src/application/declareEntitlements';
import { enterInFtop } from '../src/application/enterInFtop';
import { EARLIER_FOLLOW_UPS_MARKER } from '../src/application/followUps/scheduleEarlierFollowUps';
import type { EntitlementRecord } from '../src/application/entitlementRecord';
import type {
  DeclarationSnapshot,
  LedgerChange,
  LedgerRepository,
  SavedChange,
} from '../src/application/ledgerRepository';
import type { ManagerPolicy } from '../src/application/managerPolicy';
import type { StoredOutboxEntry } from '../src/application/outbox';
import {
  summaryDocumentId,
  type PortalRowDocument,
  type PortalSummary,
  type StoredPortalRow,
  type StoredPortalSummary,
} from '../src/application/portal/portalProjection';
import type { PortalRepository } from '../src/application/portal/portalRepository';
import { projected, projectEntitlements } from '../src/application/portal/projectEntitlements';
import type { InstalledTeam } from '../src/application/teamDirectory';
import { withdrawDeclaration } from '../src/application/withdrawDeclaration';
import { loadConfig, type CosmosSettings } from '../src/config/botConfig';
import { createCosmosClient } from '../src/edges/cosmos/cosmosConnection';
import { CONTAINERS, ensureContainers } from '../src/edges/cosmos/cosmosContainers';
import { CosmosPortalRepository } from '../src/edges/cosmos/cosmosPortalRepository';
import { CosmosReminderRepository } from '../src/edges/cosmos/cosmosReminderRepository';
import { withEtag } from '../src/edges/cosmos/cosmosStatus';
import { CosmosTeamDirectory } from '../src/edges/cosmos/cosmosTeamDirectory';
import { LocalCosmosPersistence } from '../src/edges/cosmos/localCosmosPersistence';
import { startLocalCosmosServer } from '../src/edges/cosmos/localCosmosServer';
import { openCosmos } from '../src/edges/cosmos/openCosmos';
import type { DeclarationAnswers } from '../src/playbook/deriveFtopFields';
import type { EngagementScenarioId } from '../src/playbook/engagementScenarios';
import { ftopTask } from '../src/playbook/entitlement';
import { listOf } from '../src/playbook/listOf';
import type { L2ReasonId } from '../src/playbook/noIntentReasons';
import type { Person } from '../src/playbook/person';
import type { ScenarioId } from '../src/playbook/scenarios';
import { WORKLOADS, type Workload } from '../src/playbook/workloads';

export interface SeedOptions {
  /** How many entitlements the database holds once seeded; the seed adds those still missing. */
  readonly entitlements: number;
  /** 20 unless given; the first seed of a database fixes it. */
  readonly organisations?: number;
  /** The teams' Bot Framework service URL, where the bot asks Teams who is in a team. */
  readonly serviceUrl: string;
  /** The moment the seeded history leads up to; the first seed of a database fixes it. */
  readonly now?: Date;
  readonly log?: (line: string) => void;
}

export interface SeedOutcome {
  /** Entitlements in the database now, and those this run added. */
  readonly total: number;
  readonly added: number;
  readonly customers: number;
  readonly documents: number;
  readonly bulkRequests: number;
  readonly seconds: number;
}

/** What a database's seeding has reached, kept beside the portal's own marker. */
interface SeedMarker {
  readonly id: 'seed';
  readonly orgTenantId: '(portal)';
  readonly type: 'seed';
  readonly entitlements: number;
  readonly customers: number;
  readonly organisations: number;
  readonly now: string;
}

const DEFAULT_ORGANISATIONS = 20;
const CUSTOMERS_PER_FM = 6;
const CUSTOMERS_PER_TEAM = 12;
/**
 * Workloads per customer, by the customer's place in its organisation: every organisation gets
 * four on average, and with 20 organisations 200, 1,000 and 100,000 entitlements end on a customer.
 */
const WORKLOADS_PER_CUSTOMER = [3, 5, 2, 6, 4, 4, 3, 5, 2, 6];
const DAY_MS = 86_400_000;
/**
 * The seed writes no outbox entries: the notices and cards they stand for are taken as done, and
 * no follow-up reminder is scheduled, so the bot sends nothing about seeded declarations.
 */
const CLAIM = { by: 'seed', forMs: 0 };

export async function seedPortal(database: Database, options: SeedOptions): Promise<SeedOutcome> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const portalContainer = database.container(CONTAINERS.portal.id);
  const ledgerContainer = database.container(CONTAINERS.ledger.id);
  const portalRepository = new CosmosPortalRepository(portalContainer);
  const marker = await readMarker(portalContainer);
  const organisations = marker?.organisations ?? options.organisations ?? DEFAULT_ORGANISATIONS;
  const now = marker ? new Date(marker.now) : (options.now ?? new Date());
  const from = marker?.entitlements ?? 0;
  const firstCustomer = marker?.customers ?? 0;
  if (from >= options.entitlements) {
    log(`The database holds ${from} seeded entitlements already: nothing to add.`);
    return outcome(from, 0, 0, 0, 0, started);
  }
  if (from !== entitlementsBefore(firstCustomer, organisations)) {
    throw new Error(
      `The last seed of this database ended inside a customer (${from} entitlements): seed a fresh database instead.`,
    );
  }
  // The bot builds portal rows from the ledger once; with nothing else in the ledger, the rows
  // seeded here are all there is to build.
  const markBuilt =
    !marker && !(await portalRepository.isBuilt()) && (await ledgerIsEmpty(ledgerContainer));

  const portal = new SeedPortal();
  if (marker) await portal.load(portalContainer, organisations);
  const writer = new BulkWriter();
  const policy = managerPolicyOf(organisations);
  const teams = new Map<string, InstalledTeam>();
  let count = from;
  let customer = firstCustomer;
  let reported = Date.now();
  while (count < options.entitlements) {
    const plan = customerPlan(customer, organisations, options.entitlements - count);
    const ledger = new SeedLedger();
    policy.perTeam[plan.team.teamId] = [plan.teamManager.aadObjectId];
    await playStories(plan, ledger, portal, policy, now, options.serviceUrl);
    for (const document of ledger.documents()) {
      await writer.upsert(ledgerContainer, plan.tenantId, document);
    }
    for (const row of portal.takeRows()) {
      await writer.upsert(portalContainer, plan.orgTenantId, row);
    }
    teams.set(plan.team.teamId, installedTeam(plan, options.serviceUrl));
    count += plan.workloads.length;
    customer += 1;
    if (Date.now() - reported > 5_000) {
      reported = Date.now();
      log(`  ${count - from} of ${options.entitlements - from} entitlements written...`);
    }
  }
  for (const summary of portal.summaries()) {
    await writer.upsert(portalContainer, summary.orgTenantId, summary);
  }
  await writer.close();
  const directory = new CosmosTeamDirectory(database.container(CONTAINERS.teams.id));
  await inParallel([...teams.values()], 8, (team) => directory.saveTeam(team));
  const next: SeedMarker = {
    id: 'seed',
    orgTenantId: '(portal)',
    type: 'seed',
    entitlements: count,
    customers: customer,
    organisations,
    now: now.toISOString(),
  };
  await portalContainer.items.upsert(next);
  if (markBuilt) {
    await portalRepository.markBuilt(new Date().toISOString());
    // The seeded declarations carry no follow-ups, and the bot is not to schedule any for them.
    await new CosmosReminderRepository(database.container(CONTAINERS.people.id)).mark(
      EARLIER_FOLLOW_UPS_MARKER,
      new Date().toISOString(),
    );
  }
  return outcome(
    count,
    count - from,
    customer - firstCustomer,
    writer.written + teams.size,
    writer.requests,
    started,
  );
}

function outcome(
  total: number,
  added: number,
  customers: number,
  documents: number,
  bulkRequests: number,
  started: number,
): SeedOutcome {
  return {
    total,
    added,
    customers,
    documents,
    bulkRequests,
    seconds: (Date.now() - started) / 1000,
  };
}

// --- Who is who: every id follows from the organisation's, team's or customer's number. ---

/** A GUID that is always the same for the same text. */
function guidOf(text: string): string {
  const hex = createHash('sha1').update(text).digest('hex');
  const variant = '89ab'[parseInt(hex[16]!, 16) % 4];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function words(text: string): string[] {
  return text.split(' ');
}

const GIVEN_NAMES = words(
  'Alex Blair Casey Dana Eli Frankie Gray Harper Indra Jules Kai Lane Maren Noor Oakley Parker Quinn Reese Sasha Toni',
);
const FAMILY_NAMES = words(
  'Abbott Bauer Castillo Dubois Eriksen Fischer Garcia Haddad Ito Jansen Kowalski Larsen Moreau Novak Okafor Petrov Rossi Silva Tanaka Varga Weber Yilmaz Zhang',
);
const CUSTOMER_WORDS = words(
  'Alpine Bluewater Cedar Delta Evergreen Falcon Granite Harbor Iris Juniper Keystone Lakeside Meridian Northwind Orchid Pinnacle Quarry Redwood Summit Tidewater Union Vertex Willow Zenith',
);
const CUSTOMER_TRADES = words(
  'Logistics Foods Health Insurance Motors Energy Retail Bank Pharma Airlines Media Textiles Engineering Hotels Telecom Chemicals',
);

function personNamed(key: string, index: number): Person {
  return {
    aadObjectId: guidOf(key),
    name: `${GIVEN_NAMES[index % GIVEN_NAMES.length]} ${FAMILY_NAMES[Math.floor(index / GIVEN_NAMES.length) % FAMILY_NAMES.length]}`,
  };
}

function organisationTenant(org: number): string {
  return guidOf(`seed organisation ${org}`);
}

function fm(org: number, index: number): Person {
  return personNamed(`seed organisation ${org} fm ${index}`, index * 7 + org);
}

function teamOf(org: number, index: number): { teamId: string; teamName: string } {
  return {
    teamId: `19:seed-${org}-account-team-${index}@thread.tacv2`,
    teamName: `${CUSTOMER_WORDS[(index + org) % CUSTOMER_WORDS.length]} account team ${index + 1}`,
  };
}

function teamManager(org: number, team: number): Person {
  return personNamed(`seed organisation ${org} team ${team} manager`, team * 11 + org + 3);
}

function teamMember(org: number, team: number): Person {
  return personNamed(`seed organisation ${org} team ${team} member`, team * 13 + org + 5);
}

function globalManager(org: number): Person {
  return personNamed(`seed organisation ${org} global manager`, org + 9);
}

/**
 * The people of an organisation whose views the benchmark opens. FM 0 declares for the
 * organisation's customers 0 to 11 (as assignment FM of the first six, delivery FM of the next
 * six), team 0 gets the notices of the same twelve: all among the first 1,000 entitlements.
 */
export function seededPeople(org = 0) {
  const team = teamOf(org, 0);
  return {
    orgTenantId: organisationTenant(org),
    fm: fm(org, 0),
    teamId: team.teamId,
    teamManager: teamManager(org, 0),
    teamMember: teamMember(org, 0),
    globalManager: globalManager(org),
  };
}

/**
 * Who decides: each organisation's global manager everywhere, and each team's manager there (the
 * seed adds a team as it reaches its first customer).
 */
function managerPolicyOf(organisations: number): ManagerPolicy & {
  perTeam: Record<string, readonly string[]>;
} {
  const everywhere = Array.from(
    { length: organisations },
    (_, org) => globalManager(org).aadObjectId,
  );
  return { everywhere, perTeam: {} };
}

// --- Customers and their stories. ---

interface CustomerPlan {
  readonly index: number;
  readonly org: number;
  readonly orgTenantId: string;
  readonly tenantId: string;
  readonly name: string;
  readonly workloads: readonly Workload[];
  readonly assignmentFm: Person;
  readonly deliveryFm: Person;
  readonly team: { readonly teamId: string; readonly teamName: string };
  readonly teamManager: Person;
  /** The account team's member the benchmark opens the portal as. */
  readonly teamMember: Person;
  readonly globalManager: Person;
  readonly random: () => number;
}

function workloadCountOf(customer: number, organisations: number): number {
  const place = Math.floor(customer / organisations);
  return WORKLOADS_PER_CUSTOMER[place % WORKLOADS_PER_CUSTOMER.length]!;
}

function entitlementsBefore(customer: number, organisations: number): number {
  let total = 0;
  for (let i = 0; i < customer; i += 1) total += workloadCountOf(i, organisations);
  return total;
}

function customerPlan(index: number, organisations: number, room: number): CustomerPlan {
  const random = randomFrom(index);
  const org = index % organisations;
  // The customer's place among its organisation's customers decides its FMs and team.
  const place = Math.floor(index / organisations);
  const block = Math.floor(place / CUSTOMERS_PER_FM);
  const teamIndex = Math.floor(place / CUSTOMERS_PER_TEAM);
  const count = Math.min(workloadCountOf(index, organisations), room);
  const first = Math.floor(random() * WORKLOADS.length);
  const workloads = Array.from(
    { length: count },
    (_, i) => WORKLOADS[(first + i * 3) % WORKLOADS.length]!,
  );
  const word = CUSTOMER_WORDS[index % CUSTOMER_WORDS.length]!;
  const trade =
    CUSTOMER_TRADES[Math.floor(index / CUSTOMER_WORDS.length) % CUSTOMER_TRADES.length]!;
  const round = Math.floor(index / (CUSTOMER_WORDS.length * CUSTOMER_TRADES.length));
  return {
    index,
    org,
    orgTenantId: organisationTenant(org),
    tenantId: guidOf(`seed customer ${index}`),
    name: `${word} ${trade}${round > 0 ? ` ${round + 1}` : ''}`,
    workloads,
    // Pairs of FMs share their customers: one assigns, the other delivers.
    assignmentFm: fm(org, block),
    deliveryFm: fm(org, block ^ 1),
    team: teamOf(org, teamIndex),
    teamManager: teamManager(org, teamIndex),
    teamMember: teamMember(org, teamIndex),
    globalManager: globalManager(org),
    random,
  };
}

/** A small deterministic generator (mulberry32), one per customer. */
function randomFrom(seed: number): () => number {
  let state = (seed * 2654435761) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

type Step =
  | {
      readonly kind: 'declare';
      readonly scenarioId: ScenarioId;
      readonly by: Person;
      readonly answers: Omit<DeclarationAnswers, 'scenarioId'>;
    }
  | { readonly kind: 'confirm' | 'reject'; readonly by: Person; readonly comment: string }
  | { readonly kind: 'withdraw'; readonly by: Person }
  | { readonly kind: 'enter'; readonly by: Person };

interface TimedStep {
  readonly at: number;
  readonly group: number;
  readonly step: Step;
}

/**
 * What happens to a group of the customer's workloads, in the shares FMs see: most No Intent
 * declarations confirmed, some awaiting a decision, some rejected or withdrawn, scenario 1 and
 * the later scenarios 3 and 5 built on earlier declarations.
 */
const STORIES = [
  { weight: 10, name: 'in-progress' },
  { weight: 12, name: 'awaiting' },
  { weight: 30, name: 'confirmed' },
  { weight: 8, name: 'rejected' },
  { weight: 5, name: 'withdrawn' },
  { weight: 15, name: 'no-intent-after-intent' },
  { weight: 12, name: 'new-subscriptions' },
  { weight: 8, name: 'declared-again' },
] as const;

type StoryName = (typeof STORIES)[number]['name'];

function pickStory(random: () => number): StoryName {
  const total = STORIES.reduce((sum, story) => sum + story.weight, 0);
  let draw = random() * total;
  for (const story of STORIES) {
    draw -= story.weight;
    if (draw < 0) return story.name;
  }
  return 'confirmed';
}

const L2_IDS: readonly L2ReasonId[] = [
  'using-competitive-solution',
  'executive-sponsorship',
  'using-microsoft-on-premises-solution',
];
const REASONS: Readonly<Record<L2ReasonId, readonly string[]>> = {
  'using-competitive-solution': [
    'Customer does not intend to use {w} because every team works in Google Workspace under a contract that runs until 2028.',
    'Customer does not intend to use {w}: they standardised on Zoom and Slack last year and have no budget to move.',
    'Customer does not intend to use {w} because their parent company mandates Box for all file storage.',
  ],
  'executive-sponsorship': [
    'Customer does not intend to use {w}: the new CIO has paused every cloud project until the 2027 budget review.',
    'Customer does not intend to use {w} because no executive sponsors the change and the IT lead left in March.',
  ],
  'using-microsoft-on-premises-solution': [
    'Customer does not intend to use {w}: they renewed Exchange Server and SharePoint Server on premises for five years.',
    'Customer does not intend to use {w} because their regulator requires data to stay in their own data centre.',
  ],
};
const ENGAGEMENTS: readonly EngagementScenarioId[] = [
  'partner-led',
  'customer-led',
  'fasttrack-center-led',
  'not-applicable',
];
const REJECTIONS = [
  'Name the competing product and the contract end date.',
  'The account team is still talking to the customer; hold this for now.',
  'The reason does not say why the customer has no intent.',
];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function noIntentAnswers(
  random: () => number,
  workloads: readonly Workload[],
): Omit<DeclarationAnswers, 'scenarioId'> {
  const l2ReasonId = pick(random, L2_IDS);
  return {
    l2ReasonId,
    detailedReason: pick(random, REASONS[l2ReasonId]).replace(
      '{w}',
      listOf(workloads.map((w) => w.name)),
    ),
    engagementScenarioId: pick(random, ENGAGEMENTS),
  };
}

/** The steps of one group's story, each at a time before `now`. */
function storyOf(plan: CustomerPlan, workloads: readonly Workload[], now: number): Step[][] {
  const { random, assignmentFm, deliveryFm } = plan;
  const decider = random() < 0.8 ? plan.teamManager : plan.globalManager;
  const noIntent = (by: Person, scenarioId: ScenarioId = 'no-intent-at-assignment'): Step => ({
    kind: 'declare',
    scenarioId,
    by,
    answers: noIntentAnswers(random, workloads),
  });
  const inProgress = (at: number): Step => ({
    kind: 'declare',
    scenarioId: 'declines-fasttrack-center',
    by: assignmentFm,
    answers: {
      engagementScenarioId: random() < 0.5 ? 'partner-led' : 'customer-led',
      kickoffDate: new Date(at + (7 + random() * 40) * DAY_MS).toISOString().slice(0, 10),
    },
  });
  const confirm: Step = { kind: 'confirm', by: decider, comment: '' };
  const reject: Step = { kind: 'reject', by: decider, comment: pick(random, REJECTIONS) };
  const enter = (by: Person): Step => ({ kind: 'enter', by });
  const sometimes = (share: number, step: Step): Step[] => (random() < share ? [step] : []);
  // Each inner list happens within days; the lists follow each other weeks apart.
  switch (pickStory(random)) {
    case 'in-progress':
      return [[inProgress(now), ...sometimes(0.6, enter(assignmentFm))]];
    case 'awaiting':
      return random() < 0.7
        ? [[noIntent(assignmentFm)]]
        : [[noIntent(deliveryFm, 'no-intent-new-workload')]];
    case 'confirmed': {
      const by = random() < 0.7 ? assignmentFm : deliveryFm;
      const scenario = by === assignmentFm ? 'no-intent-at-assignment' : 'no-intent-new-workload';
      return [[noIntent(by, scenario), confirm, ...sometimes(0.7, enter(by))]];
    }
    case 'rejected':
      return random() < 0.5
        ? [[noIntent(assignmentFm), reject]]
        : [
            [
              noIntent(assignmentFm),
              enter(assignmentFm),
              reject,
              ...sometimes(0.5, enter(assignmentFm)),
            ],
          ];
    case 'withdrawn':
      return [[noIntent(assignmentFm), { kind: 'withdraw', by: assignmentFm }]];
    case 'no-intent-after-intent':
      return [
        [inProgress(now), enter(assignmentFm)],
        [
          noIntent(deliveryFm, 'no-intent-after-intent'),
          ...(random() < 0.6 ? [confirm, ...sometimes(0.6, enter(deliveryFm))] : []),
        ],
      ];
    case 'new-subscriptions':
      return [
        [noIntent(assignmentFm), confirm, enter(assignmentFm)],
        [
          {
            kind: 'declare',
            scenarioId: 'new-subscriptions-under-no-intent',
            by: deliveryFm,
            answers: { engagementScenarioId: pick(random, ENGAGEMENTS) },
          },
          ...(random() < 0.6 ? [confirm, ...sometimes(0.5, enter(deliveryFm))] : []),
        ],
      ];
    case 'declared-again':
      return [
        [noIntent(assignmentFm), reject],
        [noIntent(assignmentFm), confirm, ...sometimes(0.5, enter(assignmentFm))],
      ];
  }
}

/**
 * Places a story in time. Stories that end awaiting a decision end in the last two weeks (a few
 * linger longer); the others are spread over the last six months.
 */
function timed(story: Step[][], group: number, random: () => number, now: number): TimedStep[] {
  // Days from the story's first step: within days inside a phase, weeks between phases.
  const offsets: number[] = [];
  let day = 0;
  story.forEach((phase, i) => {
    if (i > 0) day += 10 + random() * 20;
    phase.forEach((_, j) => {
      if (j > 0) day += 0.1 + random() * 4;
      offsets.push(day);
    });
  });
  const last = story.at(-1)!.at(-1)!;
  const awaiting = last.kind === 'declare' && last.scenarioId !== 'declines-fasttrack-center';
  const endDaysAgo = awaiting
    ? random() < 0.85
      ? random() * 14
      : 14 + random() * 30
    : 0.5 + random() * Math.max(1, 180 - day);
  const end = now - endDaysAgo * DAY_MS - 60_000;
  return story.flat().map((step, i) => ({ at: end - (day - offsets[i]!) * DAY_MS, group, step }));
}

/** Splits the customer's workloads into groups of one to three, each with its own story. */
function groupsOf(plan: CustomerPlan): Workload[][] {
  const groups: Workload[][] = [];
  let rest = [...plan.workloads];
  while (rest.length > 0) {
    const size = 1 + Math.floor(plan.random() * Math.min(3, rest.length));
    groups.push(rest.slice(0, size));
    rest = rest.slice(size);
  }
  return groups;
}

function noticeTargetOf(plan: CustomerPlan, serviceUrl: string): NoticeTarget {
  return {
    orgTenantId: plan.orgTenantId,
    teamId: plan.team.teamId,
    teamName: plan.team.teamName,
    channelId: noticesChannelOf(plan.team.teamId),
    channelName: 'No Intent notices',
    serviceUrl,
  };
}

function noticesChannelOf(teamId: string): string {
  return teamId.replace('account-team', 'no-intent-notices');
}

function installedTeam(plan: CustomerPlan, serviceUrl: string): InstalledTeam {
  return {
    orgTenantId: plan.orgTenantId,
    teamId: plan.team.teamId,
    teamName: plan.team.teamName,
    serviceUrl,
    channels: [
      { id: plan.team.teamId, name: 'General' },
      { id: noticesChannelOf(plan.team.teamId), name: 'No Intent notices' },
    ],
    // As the bot records a team's roster when it is added: its manager and its member.
    members: [plan.teamManager, plan.teamMember],
    membersReadAt: new Date().toISOString(),
  };
}

/**
 * Plays every story of the customer through the bot's use cases, in time order. Each group's rows
 * are projected once, right after its last step: the bot projects after every step too, and the
 * rows and summaries come out the same (every group's declarations go to one team, and the
 * record keeps every FM who declared), for a third of the work.
 */
async function playStories(
  plan: CustomerPlan,
  ledger: SeedLedger,
  portal: SeedPortal,
  policy: ManagerPolicy,
  now: Date,
  serviceUrl: string,
): Promise<void> {
  const groups = groupsOf(plan);
  const steps = groups
    .flatMap((workloads, group) =>
      timed(storyOf(plan, workloads, now.getTime()), group, plan.random, now.getTime()),
    )
    .sort((a, b) => a.at - b.at);
  const lastStepOf = new Map(steps.map(({ group }, i) => [group, i]));
  const declarationOf = new Map<number, string>();
  let clock = new Date(0);
  const deps = { ledger: ledger.asRepository(), policy, now: () => clock };
  const project = (workloads: readonly Workload[]) =>
    projectEntitlements(
      { ledger: deps.ledger, portal: portal.asRepository() },
      workloads.map((w) => {
        const customer = ledger.customer!;
        return projected(customer, customer.entitlements[w.id]!, ledger.fmIdsOf(w.id));
      }),
    );
  for (const [i, { at, group, step }] of steps.entries()) {
    clock = new Date(at);
    const workloadIds = groups[group]!.map((w) => w.id);
    const current = declarationOf.get(group);
    switch (step.kind) {
      case 'declare': {
        const declarationId = guidOf(`seed declaration ${plan.index} ${group} ${at}`);
        const customer = ledger.customer ?? null;
        const result = await declareEntitlements(deps, {
          declarationId,
          draft: {
            customer: { name: plan.name, tenantId: plan.tenantId, workloadIds },
            scenarioId: step.scenarioId,
            answers: step.answers,
          },
          context: { tenantId: plan.tenantId, readAt: clock.toISOString(), customer },
          fm: step.by,
          fmAddress: null,
          orgTenantId: plan.orgTenantId,
          noticeTarget: noticeTargetOf(plan, serviceUrl),
          fmCard: null,
          claim: CLAIM,
        });
        if (result.kind !== 'saved') {
          throw new Error(`Seeding ${plan.name} failed: ${JSON.stringify(result)}`);
        }
        declarationOf.set(group, declarationId);
        ledger.notePosted(declarationId, clock);
        break;
      }
      case 'confirm':
      case 'reject': {
        const result = await decideDeclaration(deps, {
          tenantId: plan.tenantId,
          declarationId: current!,
          decider: step.by,
          orgTenantId: plan.orgTenantId,
          outcome: step.kind === 'confirm' ? 'confirmed' : 'rejected',
          comment: step.comment,
          claim: CLAIM,
        });
        if (result.kind !== 'decided') throw new Error(`Deciding failed: ${result.kind}`);
        break;
      }
      case 'withdraw': {
        const result = await withdrawDeclaration(deps, {
          tenantId: plan.tenantId,
          declarationId: current!,
          by: step.by,
          claim: CLAIM,
        });
        if (result.kind !== 'withdrawn') throw new Error(`Withdrawing failed: ${result.kind}`);
        break;
      }
      case 'enter': {
        // The task the FM's card offers now: the values to enter, or those to put back.
        const task = ftopTask(ledger.customer!.entitlements[workloadIds[0]!]!);
        if (!task) break;
        const result = await enterInFtop(deps, {
          tenantId: plan.tenantId,
          workloadIds,
          task: { kind: task.kind, declarationId: task.declarationId },
          by: step.by,
          claim: CLAIM,
        });
        if (result.kind !== 'entered') throw new Error(`Entering in FTOP failed: ${result.kind}`);
        break;
      }
    }
    if (lastStepOf.get(group) === i) await project(groups[group]!);
  }
}

// --- The bot's storage, in memory, for one customer at a time. ---

/**
 * The ledger of the customer being seeded, as the use cases read and change it. Nothing is
 * written to the database until the customer's stories are over. The use cases the seed runs call
 * only the methods below.
 */
class SeedLedger {
  customer: StoredCustomer | undefined;
  private readonly records = new Map<string, EntitlementRecord>();
  private readonly declarations = new Map<string, Declaration>();
  private readonly messages = new Map<string, StoredMessages>();

  asRepository(): LedgerRepository {
    return this as unknown as LedgerRepository;
  }

  async readCustomer(): Promise<StoredCustomer | undefined> {
    return this.customer;
  }

  async readEntitlements(
    _tenantId: string,
    workloadIds: readonly string[],
  ): Promise<{ customer: StoredCustomer; entitlements: EntitlementRecord[] }> {
    return {
      customer: this.customer!,
      entitlements: workloadIds.map((id) => this.records.get(id)!),
    };
  }

  fmIdsOf(workloadId: string): readonly string[] {
    return this.records.get(workloadId)?.fmIds ?? [];
  }

  async readEntitlement(
    _tenantId: string,
    workloadId: string,
  ): Promise<EntitlementRecord | undefined> {
    return this.records.get(workloadId);
  }

  async readDeclaration(
    _tenantId: string,
    declarationId: string,
  ): Promise<DeclarationSnapshot | undefined> {
    const declaration = this.declarations.get(declarationId);
    const messages = this.messages.get(declarationId);
    if (!this.customer || !declaration || !messages) return undefined;
    return { customer: this.customer, declaration, messages };
  }

  async commit(change: LedgerChange): Promise<SavedChange> {
    const customer = { ...change.customer, etag: `${change.customer.version}` };
    this.customer = customer;
    for (const record of change.entitlements) this.records.set(record.workloadId, record);
    if (change.declaration) {
      this.declarations.set(change.declaration.declarationId, change.declaration);
    }
    const messages = change.messages && { ...change.messages, etag: '1' };
    if (messages) this.messages.set(messages.declarationId, messages);
    const effects: StoredOutboxEntry[] = change.effects.map((e) => ({ ...e, etag: '1' }));
    return { customer, ...(messages ? { messages } : {}), effects };
  }

  /** The notice as the post-notice effect records it once Teams has taken it. */
  notePosted(declarationId: string, at: Date): void {
    const declaration = this.declarations.get(declarationId);
    const messages = this.messages.get(declarationId);
    if (!declaration?.noticeTarget || !messages) return;
    const activityId = `${at.getTime()}`;
    this.messages.set(declarationId, {
      ...messages,
      notice: {
        status: 'posted',
        conversationId: `${declaration.noticeTarget.channelId};messageid=${activityId}`,
        activityId,
        postedAt: at.toISOString(),
        lastError: null,
      },
      updatedAt: at.toISOString(),
    });
  }

  /** Every document of the customer, as the ledger container holds them. */
  documents(): ItemDefinition[] {
    if (!this.customer) return [];
    const { etag: _etag, ...customer } = this.customer;
    void _etag;
    return [
      customer,
      ...this.records.values(),
      ...this.declarations.values(),
      ...[...this.messages.values()].map(({ etag: _e, ...messages }) => messages),
    ] as ItemDefinition[];
  }
}

/**
 * The portal's rows of the customer being seeded and every organisation's summaries, as the
 * projection reads and saves them. The projection calls only the methods below.
 */
class SeedPortal {
  private rows = new Map<string, StoredPortalRow>();
  private readonly stored = new Map<string, StoredPortalSummary>();
  private version = 0;

  asRepository(): PortalRepository {
    return this as unknown as PortalRepository;
  }

  /** A seed that adds to an earlier one moves the summaries as they are stored. */
  async load(portal: Container, organisations: number): Promise<void> {
    for (let org = 0; org < organisations; org += 1) {
      const { resources } = await portal.items
        .query<ItemDefinition>(
          {
            query: "SELECT * FROM c WHERE c.orgTenantId = @org AND c.type = 'summary'",
            parameters: [{ name: '@org', value: organisationTenant(org) }],
          },
          { partitionKey: organisationTenant(org) },
        )
        .fetchAll();
      for (const document of resources) {
        const summary = withEtag<PortalSummary>(document);
        this.stored.set(summaryKey(summary.orgTenantId, summary.id), summary);
      }
    }
  }

  async readForProjection(
    orgTenantId: string,
    rowIds: readonly string[],
    summaryKeys: readonly string[],
  ): Promise<{ rows: StoredPortalRow[]; summaries: StoredPortalSummary[] }> {
    return {
      rows: rowIds.flatMap((id) => this.rows.get(id) ?? []),
      summaries: summaryKeys.flatMap(
        (key) => this.stored.get(summaryKey(orgTenantId, summaryDocumentId(key))) ?? [],
      ),
    };
  }

  async saveProjection(
    orgTenantId: string,
    documents: readonly { document: PortalRowDocument | PortalSummary }[],
  ): Promise<void> {
    for (const { document } of documents) {
      const etag = `${(this.version += 1)}`;
      if (document.type === 'row') this.rows.set(document.id, { ...document, etag });
      else this.stored.set(summaryKey(orgTenantId, document.id), { ...document, etag });
    }
  }

  /** The customer's rows, to write; the next customer starts with none. */
  takeRows(): PortalRowDocument[] {
    const rows = [...this.rows.values()].map(({ etag: _etag, ...row }) => row);
    this.rows = new Map();
    return rows;
  }

  summaries(): PortalSummary[] {
    return [...this.stored.values()].map(({ etag: _etag, ...summary }) => summary);
  }
}

function summaryKey(orgTenantId: string, id: string): string {
  return `${orgTenantId}|${id}`;
}

// --- Writing. ---

/** Statuses after which an operation is tried again: throttled, timed out, unavailable. */
const RETRIED = new Set([408, 429, 449, 503]);
const OPERATIONS_PER_REQUEST = 100;
const REQUESTS_AT_ONCE = 4;
/** A throttled account gets about two minutes to take a request's documents. */
const MOST_ATTEMPTS = 30;

/**
 * Upserts documents in bulk, a hundred at a time and a few requests at once. The SDK's `bulk`
 * is used rather than `executeBulkOperations`, which wrote about 900 documents a second to the
 * local server against 12,000 for `bulk`.
 */
class BulkWriter {
  written = 0;
  requests = 0;
  private readonly waiting = new Map<Container, OperationInput[]>();
  private readonly sending = new Set<Promise<void>>();
  private failure: unknown;

  async upsert(
    container: Container,
    partitionKey: string,
    document: ItemDefinition,
  ): Promise<void> {
    const operations = this.waiting.get(container) ?? [];
    this.waiting.set(container, operations);
    operations.push({ operationType: 'Upsert', partitionKey, resourceBody: document as never });
    if (operations.length >= OPERATIONS_PER_REQUEST) {
      this.waiting.delete(container);
      await this.send(container, operations);
    }
  }

  async close(): Promise<void> {
    for (const [container, operations] of this.waiting) await this.send(container, operations);
    this.waiting.clear();
    await Promise.all(this.sending);
    if (this.failure) throw this.failure;
  }

  private async send(container: Container, operations: OperationInput[]): Promise<void> {
    while (this.sending.size >= REQUESTS_AT_ONCE) await Promise.race(this.sending);
    if (this.failure) throw this.failure;
    const sent: Promise<void> = this.write(container, operations)
      .catch((error: unknown) => {
        this.failure ??= error;
      })
      .finally(() => this.sending.delete(sent));
    this.sending.add(sent);
  }

  private async write(container: Container, operations: OperationInput[]): Promise<void> {
    let left = operations;
    for (let attempt = 1; left.length > 0; attempt += 1) {
      this.requests += 1;
      const results = await container.items.bulk(left, { continueOnError: true });
      const failed = results.find((r) => r.statusCode >= 300 && !RETRIED.has(r.statusCode));
      if (failed) {
        throw new Error(`Writing seed documents failed with status ${failed.statusCode}.`);
      }
      const retried = left.filter((_, i) => RETRIED.has(results[i]!.statusCode));
      this.written += left.length - retried.length;
      if (retried.length > 0 && attempt >= MOST_ATTEMPTS) {
        throw new Error('Cosmos DB kept refusing seed documents (throttled or unavailable).');
      }
      if (retried.length > 0) await sleep(Math.min(5_000, 50 * 2 ** attempt));
      left = retried;
    }
  }
}

async function inParallel<T>(
  items: readonly T[],
  atOnce: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(atOnce, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

async function readMarker(portal: Container): Promise<SeedMarker | undefined> {
  try {
    const { resource } = await portal.item('seed', '(portal)').read<SeedMarker>();
    return resource ?? undefined;
  } catch (error) {
    if ((error as { code?: number }).code === 404) return undefined;
    throw error;
  }
}

async function ledgerIsEmpty(ledger: Container): Promise<boolean> {
  const { resources } = await ledger.items
    .query("SELECT TOP 1 c.id FROM c WHERE c.type = 'customer'")
    .fetchAll();
  return resources.length === 0;
}

// --- The command. ---

/**
 * The local server reads every document of a container for each query, at a cost that grows with
 * the square of their number, and the bot saves all of them to its data file after every change.
 * Measured with 2,000 seeded entitlements: the bot starts 5 s later, a query across customers
 * (the sweep, "my declarations") takes 0.1 s, a save 1.2 s; with 3,000, 8 s, 0.2 s and 3.8 s; with
 * 5,000 the saves fail under the bot's 3 s request timeout. Beyond, use Azure Cosmos DB.
 */
const LOCAL_MOST = 2_000;
const AZURE_DEFAULT = 100_000;

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
  const config = loadConfig(process.env, join(__dirname, '..'));
  const local = config.cosmos.mode === 'local';
  const entitlements = Number(argument('entitlements') ?? (local ? LOCAL_MOST : AZURE_DEFAULT));
  const organisations = Number(argument('organisations') ?? DEFAULT_ORGANISATIONS);
  if (!Number.isInteger(entitlements) || entitlements < 1) {
    throw new Error('--entitlements takes a whole number of 1 or more.');
  }
  if (!Number.isInteger(organisations) || organisations < 1) {
    throw new Error('--organisations takes a whole number of 1 or more.');
  }
  if (local && entitlements > LOCAL_MOST) {
    throw new Error(
      `The local server holds at most ${LOCAL_MOST.toLocaleString('en')} seeded entitlements: it reads every document of a container for each query, at a cost that grows with the square of their number, and the bot saves them all to its data file after every change, which fails beyond about 3,000. Set COSMOS_ENDPOINT to seed Azure Cosmos DB; npm run bench measures 100,000 on a local server of its own.`,
    );
  }
  const serviceUrl =
    argument('service-url') ??
    (local
      ? `http://localhost:${process.env.PLAYGROUND_PORT || 56150}/`
      : 'https://smba.trafficmanager.net/amer/');
  console.log(
    `Seeding up to ${entitlements.toLocaleString('en')} entitlements in ${organisations} organisations into ${
      config.cosmos.mode === 'local'
        ? `the local data file ${config.cosmos.dataFile}`
        : config.cosmos.endpoint
    }, database ${config.cosmos.databaseId}...`,
  );
  const cosmos =
    config.cosmos.mode === 'local'
      ? await openLocalForSeeding(config.cosmos)
      : await openCosmos(config.cosmos);
  try {
    const done = await seedPortal(cosmos.database, {
      entitlements,
      organisations,
      serviceUrl,
      log: (line) => console.log(line),
    });
    console.log(
      `Added ${done.added.toLocaleString('en')} entitlements of ${done.customers.toLocaleString('en')} customers (${done.total.toLocaleString('en')} in all): ${done.documents.toLocaleString('en')} documents in ${done.bulkRequests.toLocaleString('en')} bulk requests, ${done.seconds.toFixed(1)} s.`,
    );
    const people = seededPeople(0);
    console.log(
      [
        '',
        `Sign in to the tab as one of organisation 0's people (X-Dev-Tenant: ${people.orgTenantId}):`,
        `  FM                 ${people.fm.name}: X-Dev-Person: ${people.fm.aadObjectId}`,
        `  team manager       ${people.teamManager.name}: X-Dev-Person: ${people.teamManager.aadObjectId}`,
        `  global manager     ${people.globalManager.name}: X-Dev-Person: ${people.globalManager.aadObjectId}`,
        `  account team       ${people.teamMember.name}: X-Dev-Person: ${people.teamMember.aadObjectId}`,
        'The managers decide once the bot is configured with:',
        `  MANAGER_AAD_OBJECT_IDS=${people.globalManager.aadObjectId}`,
        `  TEAM_MANAGERS={"${people.teamId}":["${people.teamManager.aadObjectId}"]}`,
      ].join('\n'),
    );
  } finally {
    const closing = Date.now();
    await cosmos.close();
    if (local) {
      console.log(`Saved the local data file in ${((Date.now() - closing) / 1000).toFixed(1)} s.`);
    }
  }
}

/**
 * The local server with its data file, as openLocalCosmos opens it for the bot, but saved once,
 * at the end, by a client that waits for the server to read everything back: the bot's saves
 * after every write, each under its 3 s request timeout, fail beyond about 3,000 entitlements.
 * Stop the bot first: it would overwrite the file with what it holds.
 */
async function openLocalForSeeding(
  settings: Extract<CosmosSettings, { mode: 'local' }>,
): Promise<{ database: Database; close(): Promise<void> }> {
  if (!settings.dataFile) {
    throw new Error('LOCAL_COSMOS_DATA_FILE is "none": the seed would be gone when it ends.');
  }
  const server = await startLocalCosmosServer(0);
  const client = createCosmosClient({
    endpoint: server.endpoint,
    key: server.key,
    databaseId: settings.databaseId,
    certificatePem: server.certificatePem,
    requestTimeoutMs: 10 * 60_000,
  });
  const persistence = new LocalCosmosPersistence(client, settings.dataFile);
  await persistence.restore();
  const database = await ensureContainers(client, settings.databaseId);
  return {
    database,
    close: async () => {
      persistence.changed();
      await persistence.close();
      client.dispose();
      await server.close();
    },
  };
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
