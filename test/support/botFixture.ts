/**
 * The usual set-up of a bot test, as mocha hooks: one loopback connector for the file, and for
 * each test a fresh database with the account team's team installed and the bot wired to both.
 */
import type { ManagerPolicy } from '../../src/application/managerPolicy';
import { startConnectorSink, type ConnectorSink } from './connectorSink';
import {
  botUnderTest,
  FmConversation,
  installInAccountTeam,
  type BotUnderTest,
} from './fmConversation';
import { freshDatabase, type TestDatabase } from './localCosmos';

export interface BotFixture {
  connector: ConnectorSink;
  db: TestDatabase;
  target: BotUnderTest;
  /** Avery Fox, the FM, in their personal chat. */
  fm: FmConversation;
}

export function useBotFixture(options: { managers?: ManagerPolicy } = {}): BotFixture {
  const fixture = {} as BotFixture;
  before(async () => {
    fixture.connector = await startConnectorSink();
  });
  after(() => fixture.connector.close());
  beforeEach(async () => {
    fixture.connector.sent.splice(0);
    fixture.db = await freshDatabase();
    await installInAccountTeam(fixture.db, fixture.connector);
    fixture.target = botUnderTest(fixture.db, {
      connector: fixture.connector,
      managers: options.managers,
    });
    fixture.fm = new FmConversation(fixture.target);
  });
  return fixture;
}
