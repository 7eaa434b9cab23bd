/**
 * The portal's routes on a loopback server, over a bot fixture's database and effects: what the
 * bot's own server serves under /api/portal, with the people a test signs in as.
 */
import type { AddressInfo } from 'node:net';
import * as restify from 'restify';
import type { ManagerPolicy } from '../../src/application/managerPolicy';
import { registerPortalRoutes, type DevPerson } from '../../src/edges/http/portalRoutes';
import type { TabTokenCheck } from '../../src/edges/http/tabToken';
import { TeamRoster } from '../../src/edges/teams/teamRoster';
import { ProactiveConnector } from '../../src/edges/teams/proactiveConnector';
import { botAuthentication } from '../../src/edges/teams/botAdapter';
import type { BotFixture } from './botFixture';

export interface PortalServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function startPortalServer(
  fixture: BotFixture,
  options: {
    readonly policy: ManagerPolicy;
    readonly devPeople: readonly DevPerson[] | null;
    readonly tabToken?: TabTokenCheck;
    readonly now?: () => Date;
  },
): Promise<PortalServer> {
  const { db, target } = fixture;
  const now = options.now ?? (() => new Date());
  const connector = new ProactiveConnector(
    botAuthentication({ appId: '', appPassword: '', appType: 'MultiTenant', appTenantId: '' }),
    'test-bot',
  );
  const server = restify.createServer({ handleUncaughtExceptions: false });
  registerPortalRoutes(server, {
    queries: {
      portal: db.portal,
      ledger: db.ledger,
      policy: options.policy,
      teams: target.effectDeps.teams,
      membership: new TeamRoster(connector),
      now,
    },
    decisions: { ledger: db.ledger, policy: options.policy, effects: target.effects, now },
    tabToken: options.tabToken,
    devPeople: options.devPeople,
    tabFolder: '/nonexistent-tab-folder',
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
