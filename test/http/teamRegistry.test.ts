import assert from 'node:assert/strict';
import type { RunningApp } from '../../src/app';
import { CosmosTeamDirectory } from '../../src/edges/cosmos/cosmosTeamDirectory';
import { startTestApp } from '../support/startTestApp';
import { startConnectorSink, type ConnectorSink } from '../support/connectorSink';

const ORG = '6d3a4b2c-1e5f-4a7b-9c8d-0f1e2d3c4b5a';
const TEAM = '19:contoso-account-team@thread.tacv2';

describe('the teams where the app is installed (HTTP, CloudAdapter, loopback connector)', () => {
  let app: RunningApp;
  let connector: ConnectorSink;
  let directory: CosmosTeamDirectory;

  before(async () => {
    connector = await startConnectorSink();
    app = await startTestApp();
    directory = new CosmosTeamDirectory(app.cosmos.database.container('teams'));
  });
  after(async () => {
    await app.close();
    await connector.close();
  });

  async function send(activity: Record<string, unknown>): Promise<void> {
    const response = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id: `a-${Math.random()}`,
        channelId: 'msteams',
        serviceUrl: connector.serviceUrl,
        from: { id: '29:owner', aadObjectId: '00000000-0000-0000-0000-0000000000f1' },
        recipient: { id: '28:bot', name: 'No Intent' },
        conversation: { id: TEAM, conversationType: 'channel', tenantId: ORG, isGroup: true },
        ...activity,
      }),
    });
    assert.ok(response.status < 300, String(response.status));
  }

  it('records the team and its channels when the app is installed, and follows changes', async () => {
    connector.team.channels = [
      { id: TEAM },
      { id: '19:notices@thread.tacv2', name: 'No Intent notices' },
    ];
    connector.team.members = ['00000000-0000-0000-0000-0000000000f1'];
    await send({
      type: 'installationUpdate',
      action: 'add',
      channelData: { team: { id: TEAM }, tenant: { id: ORG } },
    });
    let [team] = await directory.teamsOf(ORG);
    assert.equal(team?.teamName, 'Contoso account team');
    assert.deepEqual(team?.channels, [
      { id: TEAM, name: 'General' },
      { id: '19:notices@thread.tacv2', name: 'No Intent notices' },
    ]);
    assert.equal(team?.serviceUrl, connector.serviceUrl);
    // Its roster too: the portal's team views need not ask Teams about each person.
    assert.deepEqual(team?.members, [
      { aadObjectId: '00000000-0000-0000-0000-0000000000f1', name: 'Team member' },
    ]);

    connector.team.members.push('00000000-0000-0000-0000-0000000000f2');
    await send({
      type: 'conversationUpdate',
      membersAdded: [{ id: '29:new', aadObjectId: '00000000-0000-0000-0000-0000000000f2' }],
      channelData: { eventType: 'teamMemberAdded', team: { id: TEAM }, tenant: { id: ORG } },
    });
    [team] = await directory.teamsOf(ORG);
    assert.deepEqual(
      team?.members?.map((m) => m.aadObjectId),
      ['00000000-0000-0000-0000-0000000000f1', '00000000-0000-0000-0000-0000000000f2'],
    );

    connector.team.channels = [
      { id: TEAM },
      { id: '19:notices@thread.tacv2', name: 'Account team notices' },
    ];
    await send({
      type: 'conversationUpdate',
      channelData: {
        eventType: 'channelRenamed',
        channel: { id: '19:notices@thread.tacv2', name: 'Account team notices' },
        team: { id: TEAM },
        tenant: { id: ORG },
      },
    });
    [team] = await directory.teamsOf(ORG);
    assert.equal(team?.channels[1]?.name, 'Account team notices');

    await send({
      type: 'installationUpdate',
      action: 'remove',
      channelData: { team: { id: TEAM }, tenant: { id: ORG } },
    });
    assert.deepEqual(await directory.teamsOf(ORG), []);
  });
});
