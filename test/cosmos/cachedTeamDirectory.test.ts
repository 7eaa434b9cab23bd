import assert from 'node:assert/strict';
import {
  CachedTeamDirectory,
  TEAM_CACHE_MAX_AGE_MS,
} from '../../src/application/cachedTeamDirectory';
import type { InstalledTeam } from '../../src/application/teamDirectory';
import { freshDatabase, type TestDatabase } from '../support/localCosmos';

const ORG = '6d3a4b2c-1e5f-4a7b-9c8d-0f1e2d3c4b5a';

function team(teamId: string, teamName: string): InstalledTeam {
  return {
    orgTenantId: ORG,
    teamId,
    teamName,
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    channels: [{ id: teamId, name: 'General' }],
  };
}

describe('the installed teams, kept for a minute per instance', () => {
  let db: TestDatabase;
  let now: number;
  let cached: CachedTeamDirectory;
  beforeEach(async () => {
    db = await freshDatabase();
    now = Date.parse('2026-11-24T09:00:00Z');
    cached = new CachedTeamDirectory(db.teams, () => new Date(now));
  });

  const names = (teams: InstalledTeam[]) => teams.map((t) => t.teamName);

  it('answers from its copy for a minute, then reads again; fresh reads at once', async () => {
    assert.deepEqual(await cached.teamsOf(ORG), []);
    // Another instance records a team.
    await db.teams.saveTeam(team('19:a@thread.tacv2', 'Contoso account team'));
    assert.deepEqual(await cached.teamsOf(ORG), [], 'still the copy');
    assert.deepEqual(names(await cached.teamsOf(ORG, { fresh: true })), ['Contoso account team']);
    await db.teams.removeTeam(ORG, '19:a@thread.tacv2');
    now += TEAM_CACHE_MAX_AGE_MS;
    assert.deepEqual(await cached.teamsOf(ORG), [], 'a minute later it reads again');
  });

  it("shows this instance's own changes at once", async () => {
    assert.deepEqual(await cached.teamsOf(ORG), []);
    await cached.saveTeam(team('19:a@thread.tacv2', 'Contoso account team'));
    assert.deepEqual(names(await cached.teamsOf(ORG)), ['Contoso account team']);
    await cached.removeTeam(ORG, '19:a@thread.tacv2');
    assert.deepEqual(await cached.teamsOf(ORG), []);
  });
});
