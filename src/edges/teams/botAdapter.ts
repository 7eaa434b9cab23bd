/** The Bot Framework adapter: authenticated with an app id and secret, open in local mode. */
import {
  ActivityTypes,
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  INVOKE_RESPONSE_KEY,
  StatusCodes,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import {
  AuthenticationConstants,
  ClaimsIdentity,
  type AuthenticateRequestResult,
  type BotFrameworkAuthentication,
} from 'botframework-connector';
import { LedgerUnavailable } from '../../application/ledgerRepository';
import type { BotIdentity } from '../../config/botConfig';
import { logger } from '../../log/logger';

export function createBotAdapter(
  identity: BotIdentity,
  authentication = botAuthentication(identity),
): TeamsAdapter {
  const adapter = new TeamsAdapter(identity.appId, authentication);
  adapter.onTurnError = answerTurnError;
  adapter.use(answerUnsupportedInvokes);
  return adapter;
}

/** CloudAdapter, fed by the HTTP edge, which reads, checks and authenticates each request. */
export class TeamsAdapter extends CloudAdapter {
  constructor(
    /** Empty in local mode, where requests are not authenticated. */
    readonly appId: string,
    private readonly authentication: BotFrameworkAuthentication,
  ) {
    super(authentication);
  }

  /**
   * One turn for an activity whose token the HTTP edge verified: `claims` are its claims.
   * Without claims botbuilder's own check runs, which lets a request in only in local mode.
   */
  runActivity(
    activity: Record<string, unknown>,
    claims: Readonly<Record<string, unknown>> | undefined,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    const turnActivity = withDates(activity);
    return claims
      ? this.processActivity(this.verifiedRequest(claims), turnActivity, logic)
      : this.processActivity('', turnActivity, logic);
  }

  /** What botbuilder's own check returns for a Bot Connector token of the public cloud. */
  private verifiedRequest(claims: Readonly<Record<string, unknown>>): AuthenticateRequestResult {
    const claimsIdentity = new ClaimsIdentity(
      Object.entries(claims).map(([type, value]) => ({
        type,
        value: typeof value === 'string' ? value : JSON.stringify(value),
      })),
      true,
    );
    return {
      claimsIdentity,
      audience: AuthenticationConstants.ToChannelFromBotOAuthScope,
      callerId: CallerIdConstants.PublicAzureChannel,
      connectorFactory: this.authentication.createConnectorFactory(claimsIdentity),
    };
  }
}

/** The activity's time stamps as Dates, as CloudAdapter.process would give them. */
function withDates(activity: Record<string, unknown>): Activity {
  const fixed = { ...activity };
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const) {
    const value = fixed[field];
    if (typeof value === 'string') {
      fixed[raw] = value;
      fixed[field] = new Date(value);
    }
  }
  return fixed as unknown as Activity;
}

/** The app implements card actions only; other invokes get a plain answer, not 501. */
const NOTHING_HERE =
  'The No Intent bot has nothing to show here. Type "help" in a chat with it to see what it does.';

async function answerUnsupportedInvokes(
  context: TurnContext,
  next: () => Promise<void>,
): Promise<void> {
  await next();
  if (context.activity.type !== ActivityTypes.Invoke) return;
  const answered = context.turnState.get(INVOKE_RESPONSE_KEY) as Partial<Activity> | undefined;
  const status = (answered?.value as InvokeResponse | undefined)?.status;
  if (answered !== undefined && status !== StatusCodes.NOT_IMPLEMENTED) return;
  await context.sendActivity({
    type: ActivityTypes.InvokeResponse,
    value: unsupportedInvokeAnswer(context.activity.name ?? ''),
  });
}

/** What Teams expects of each kind of invoke, saying there is nothing here. */
function unsupportedInvokeAnswer(name: string): InvokeResponse {
  if (name.startsWith('task/') || name === 'composeExtension/fetchTask')
    return { status: StatusCodes.OK, body: { task: { type: 'message', value: NOTHING_HERE } } };
  if (name.startsWith('composeExtension/'))
    return {
      status: StatusCodes.OK,
      body: { composeExtension: { type: 'message', text: NOTHING_HERE } },
    };
  return { status: StatusCodes.OK };
}

/** How the bot proves who it is to the connector, and checks who calls it. */
export function botAuthentication(identity: BotIdentity): BotFrameworkAuthentication {
  const settings: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: identity.appId,
    MicrosoftAppPassword: identity.appPassword,
    MicrosoftAppType: identity.appType,
    MicrosoftAppTenantId: identity.appTenantId,
  };
  return new ConfigurationBotFrameworkAuthentication(settings);
}

/** What a person hears when their turn failed; every adapter of the bot answers the same. */
export const TURN_FAILED_TEXT =
  'Something went wrong on my side before I could finish. Your answers so far are kept: try the same card again in a moment. Anything already saved is shown, not saved twice.';

export async function answerTurnError(context: TurnContext, error: Error): Promise<void> {
  logger.error(
    { err: error, activityId: context.activity.id, activityType: context.activity.type },
    'A turn failed.',
  );
  // The dialog state of a failed turn is not saved, so the FM's last card still works. What the
  // turn may have saved before it failed is not known here, so the words promise nothing.
  await context
    .sendActivity(databaseAway(error) ? DATABASE_AWAY_TEXT : TURN_FAILED_TEXT)
    .catch((sendError: unknown) => logger.warn({ err: sendError }, 'Could not tell the user.'));
}

/** What a person hears when the database did not answer in time. */
export const DATABASE_AWAY_TEXT =
  'The database is not answering right now, so I could not finish. Your answers on the card are kept: try the same card again in a minute. Anything already saved is shown, not saved twice.';

/** The ledger said so, or a call gave up waiting: the storage behind every turn is away. */
function databaseAway(error: unknown): boolean {
  if (error instanceof LedgerUnavailable) return true;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return name === 'AbortError' || name === 'TimeoutError' || code === 'TimeoutError';
}
