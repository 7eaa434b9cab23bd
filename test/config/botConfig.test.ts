import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../src/config/botConfig';

const ROOT = '/srv/bot';
const APP_ID = '5f0c3e4a-1b2c-4d3e-8f9a-0b1c2d3e4f5a';

function problems(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    loadConfig(env, ROOT);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
  assert.fail('expected a ConfigError');
}

describe('configuration', () => {
  it('runs locally with no variables at all', () => {
    const config = loadConfig({}, ROOT);
    assert.equal(config.port, 3978);
    assert.equal(config.bot.appId, '');
    assert.deepEqual(config.cosmos, {
      mode: 'local',
      databaseId: 'no-intent-bot',
      dataFile: '/srv/bot/data/local-cosmos.json',
      port: 0,
    });
  });

  it('uses Azure Cosmos DB with a key, or with Entra ID when no key is given', () => {
    const withKey = loadConfig(
      { COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/', COSMOS_KEY: 'k' },
      ROOT,
    );
    assert.deepEqual(withKey.cosmos, {
      mode: 'azure',
      databaseId: 'no-intent-bot',
      endpoint: 'https://acct.documents.azure.com:443/',
      key: 'k',
    });
    const withIdentity = loadConfig(
      { COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/' },
      ROOT,
    );
    assert.equal(withIdentity.cosmos.mode === 'azure' && withIdentity.cosmos.key, null);
  });

  it('refuses production without an endpoint and names the variables', () => {
    const found = problems({ NODE_ENV: 'production' });
    assert.ok(found.some((p) => p.startsWith('COSMOS_ENDPOINT is required in production')));
    assert.ok(found.some((p) => p.startsWith('MICROSOFT_APP_ID is required in production')));
  });

  it('starts in production with an app identity and Azure Cosmos DB', () => {
    const config = loadConfig(
      {
        NODE_ENV: 'production',
        MICROSOFT_APP_ID: APP_ID,
        MICROSOFT_APP_TYPE: 'UserAssignedMSI',
        MICROSOFT_APP_TENANT_ID: APP_ID,
        COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/',
      },
      ROOT,
    );
    assert.equal(config.production, true);
    assert.equal(config.bot.appType, 'UserAssignedMSI');
  });

  it('reports every malformed variable at once', () => {
    const found = problems({
      PORT: 'eighty',
      MICROSOFT_APP_ID: 'my-bot',
      MICROSOFT_APP_TYPE: 'Personal',
      COSMOS_ENDPOINT: 'http://insecure',
      COSMOS_DATABASE: 'no intent!',
    });
    for (const name of [
      'PORT',
      'MICROSOFT_APP_ID',
      'MICROSOFT_APP_TYPE',
      'COSMOS_ENDPOINT',
      'COSMOS_DATABASE',
    ]) {
      assert.ok(
        found.some((p) => p.startsWith(name)),
        `${name} missing from ${found.join(' | ')}`,
      );
    }
  });

  it('needs the secret with the app id, and the tenant for a single-tenant bot', () => {
    assert.ok(
      problems({ MICROSOFT_APP_ID: APP_ID }).some((p) =>
        p.startsWith('MICROSOFT_APP_PASSWORD is required'),
      ),
    );
    assert.ok(
      problems({
        MICROSOFT_APP_ID: APP_ID,
        MICROSOFT_APP_PASSWORD: 's',
        MICROSOFT_APP_TYPE: 'SingleTenant',
      }).some((p) => p.startsWith('MICROSOFT_APP_TENANT_ID')),
    );
  });

  it('keeps the local data in memory when asked', () => {
    const config = loadConfig({ LOCAL_COSMOS_DATA_FILE: 'none' }, ROOT);
    assert.equal(config.cosmos.mode === 'local' && config.cosmos.dataFile, null);
  });

  it('reads managers, globally and per team, and refuses malformed ones', () => {
    const config = loadConfig(
      {
        MANAGER_AAD_OBJECT_IDS: `${APP_ID}, ${APP_ID.replace('5f', '6f')}`,
        TEAM_MANAGERS: JSON.stringify({ '19:team@thread.tacv2': [APP_ID] }),
        SWEEP_SECONDS: '10',
      },
      ROOT,
    );
    assert.equal(config.managers.everywhere.length, 2);
    assert.deepEqual(config.managers.perTeam, { '19:team@thread.tacv2': [APP_ID] });
    assert.equal(config.sweepSeconds, 10);
    const found = problems({
      MANAGER_AAD_OBJECT_IDS: 'morgan',
      TEAM_MANAGERS: '{"t": "x"}',
      SWEEP_SECONDS: '0',
    });
    for (const name of ['MANAGER_AAD_OBJECT_IDS', 'TEAM_MANAGERS', 'SWEEP_SECONDS']) {
      assert.ok(
        found.some((p) => p.startsWith(name)),
        name,
      );
    }
  });

  it("reads the portal tab's app for Teams single sign-on, and refuses half of it", () => {
    assert.equal(loadConfig({}, ROOT).tabSignIn, null, 'no tab app: no single sign-on');
    const config = loadConfig(
      { TAB_APP_ID: APP_ID, TAB_APP_ID_URI: `api://bot.example.com/${APP_ID}` },
      ROOT,
    );
    assert.deepEqual(config.tabSignIn, {
      appId: APP_ID,
      appIdUri: `api://bot.example.com/${APP_ID}`,
      appPassword: '',
    });
    const found = problems({ TAB_APP_ID: 'portal', TAB_APP_ID_URI: 'https://bot.example.com' });
    assert.ok(found.some((p) => p.startsWith('TAB_APP_ID must')));
    assert.ok(found.some((p) => p.startsWith('TAB_APP_ID_URI must')));
    assert.ok(problems({ TAB_APP_ID: APP_ID }).some((p) => p.startsWith('TAB_APP_ID_URI')));
    assert.ok(problems({ TAB_APP_PASSWORD: 'x' }).some((p) => p.startsWith('TAB_APP_PASSWORD')));
  });

  it('reads when follow-ups come, and refuses a schedule that makes no sense', () => {
    const defaults = loadConfig({}, ROOT).followUps;
    assert.deepEqual(
      [defaults.decisionReminderDays, defaults.escalationDays, defaults.revalidationDays],
      [2, 5, 180],
    );
    assert.deepEqual([defaults.hours.startHour, defaults.hours.endHour], [9, 17]);
    assert.equal(defaults.shortDayMs, null);
    const short = loadConfig(
      { FOLLOW_UP_DAY_MINUTES: '1', WORKING_HOURS: '08-18', REVALIDATION_DAYS: '3' },
      ROOT,
    ).followUps;
    assert.equal(short.shortDayMs, 60_000);
    assert.deepEqual([short.hours.startHour, short.hours.endHour], [8, 18]);
    assert.equal(short.revalidationDays, 3);
    const found = problems({
      DECISION_REMINDER_DAYS: '5',
      ESCALATION_DAYS: '3',
      WORKING_HOURS: '17-09',
      FOLLOW_UP_DAY_MINUTES: 'soon',
    });
    for (const name of ['ESCALATION_DAYS', 'WORKING_HOURS', 'FOLLOW_UP_DAY_MINUTES']) {
      assert.ok(
        found.some((p) => p.startsWith(name)),
        name,
      );
    }
  });
});
