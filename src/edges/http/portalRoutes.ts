/**
 * The portal's HTTP routes (/api/portal/*, as portalContract.ts lists them) and the tab's files
 * (/tab/). Every API route first proves who is calling: a Teams single sign-on token, or, in local
 * mode only, the development sign-in. Each then reads only what that person's views allow.
 */
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import * as restify from 'restify';
import { z } from 'zod';
import { logger } from '../../log/logger';
import { cleanText, normaliseGuid } from '../../application/cleanText';
import { MAX_DECISION_COMMENT_LENGTH } from '../../application/decideDeclaration';
import { LedgerUnavailable } from '../../application/ledgerRepository';
import { decideInPortal, type PortalDecisionDeps } from '../../application/portal/decideInPortal';
import {
  PORTAL_SORTS,
  type PortalDevPeople,
  type PortalPerson,
} from '../../application/portal/portalContract';
import {
  exportedRows,
  portalMe,
  rowDetail,
  rowsPage,
  viewCharts,
  type PortalDeps,
  type RowQuery,
} from '../../application/portal/portalQueries';
import { isManagerAnywhere, type PortalCaller } from '../../application/portal/portalViews';
import type { RowFilters } from '../../application/portal/portalRepository';
import { EXPORT_CONTENT_TYPES, writeExport, type ExportFormat } from './portalExport';
import { readBody } from './requestBody';
import type { TabTokenCheck } from './tabToken';

/** Someone the development sign-in offers (local mode). */
export interface DevPerson extends PortalPerson {
  readonly orgTenantId: string;
}

export interface PortalRouteDeps {
  readonly queries: PortalDeps;
  readonly decisions: PortalDecisionDeps;
  /** Checks Teams SSO tokens; undefined when no tab app is configured. */
  readonly tabToken: TabTokenCheck | undefined;
  /** Local mode only: the people the development sign-in offers. Null refuses that sign-in. */
  readonly devPeople: readonly DevPerson[] | null;
  /** Where the built tab is (index.html, configure.html, its scripts). */
  readonly tabFolder: string;
}

/** Teams shows a tab in a frame of its own pages; no other site may frame it. */
const FRAME_ANCESTORS =
  "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://teams.cloud.microsoft https://*.cloud.microsoft https://*.office.com https://*.microsoft365.com https://*.skype.com";
const MAX_DECISION_BYTES = 8 * 1024;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function registerPortalRoutes(server: restify.Server, deps: PortalRouteDeps): void {
  const api = (
    path: string,
    method: 'get' | 'post',
    handle: (req: restify.Request, res: restify.Response, caller: PortalCaller) => Promise<void>,
  ) => {
    server[method](path, async (req: restify.Request, res: restify.Response) => {
      res.header('cache-control', 'no-store');
      res.header('x-content-type-options', 'nosniff');
      try {
        const caller = await signedIn(req, deps);
        await handle(req, res, caller);
      } catch (error) {
        answerProblem(req, res, error);
      }
    });
  };

  server.get('/api/portal/dev-people', (_req, res, next) => {
    res.header('cache-control', 'no-store');
    if (!deps.devPeople) res.send(404, { error: 'the development sign-in is off' });
    else res.send(200, devPeopleOf(deps));
    next();
  });

  api('/api/portal/me', 'get', async (_req, res, caller) => {
    res.send(200, await portalMe(deps.queries, caller));
  });

  api('/api/portal/entitlements', 'get', async (req, res, caller) => {
    const query = rowQuery(req, { paged: true });
    const page = await rowsPage(deps.queries, caller, query);
    if (page === 'no-such-view') throw noSuchView();
    res.send(200, page);
  });

  api('/api/portal/entitlement', 'get', async (req, res, caller) => {
    const params = parsed(
      detailSchema,
      Object.fromEntries(searchParams(req)),
      'view, tenantId and workloadId are needed',
    );
    const detail = await rowDetail(
      deps.queries,
      caller,
      params.view,
      normaliseGuid(params.tenantId),
      params.workloadId,
    );
    if (detail === 'no-such-view') throw noSuchView();
    if (detail === 'not-found') throw new HttpProblem(404, 'There is no such entitlement here.');
    res.send(200, detail);
  });

  api('/api/portal/charts', 'get', async (req, res, caller) => {
    const charts = await viewCharts(deps.queries, caller, rowQuery(req, { paged: false }).view);
    if (charts === 'no-such-view') throw noSuchView();
    res.send(200, charts);
  });

  for (const format of ['csv', 'xlsx'] as const) {
    api(`/api/portal/export.${format}`, 'get', (req, res, caller) =>
      sendExport(deps, format, rowQuery(req, { paged: false }), caller, res),
    );
  }

  api('/api/portal/decision', 'post', async (req, res, caller) => {
    if (!isManagerAnywhere(deps.queries.policy, caller.person.aadObjectId)) {
      throw new HttpProblem(403, 'Only managers can confirm or reject declarations.');
    }
    const request = await decisionRequest(req);
    const answer = await decideInPortal(deps.decisions, caller, request);
    if (answer === 'not-found') throw new HttpProblem(404, 'There is no such declaration here.');
    res.send(200, answer);
    // The notice card, the FM's news and the rows follow once the answer has gone.
    deps.decisions.effects.startQueued();
  });

  serveTab(server, deps.tabFolder);
}

/** Who is calling, proved by their token (or, in local mode, the development sign-in). */
async function signedIn(req: IncomingMessage, deps: PortalRouteDeps): Promise<PortalCaller> {
  const authorization = req.headers.authorization;
  if (authorization && deps.tabToken) {
    const verdict = await deps.tabToken(authorization);
    if (verdict.ok) {
      return {
        person: { aadObjectId: verdict.user.aadObjectId, name: verdict.user.name },
        orgTenantId: verdict.user.tenantId,
        devSignIn: false,
      };
    }
    logger.warn(
      { event: 'refused', status: 401, reason: verdict.reason, path: pathOf(req) },
      'Refused a portal request.',
    );
    throw new HttpProblem(401, 'Your sign-in was not accepted. Reload the tab to sign in again.');
  }
  const devPerson = header(req, 'x-dev-person');
  if (devPerson !== undefined) {
    if (!deps.devPeople) {
      throw new HttpProblem(401, 'The development sign-in is off here: open the tab in Teams.');
    }
    return devCaller(deps.devPeople, devPerson, header(req, 'x-dev-tenant'));
  }
  throw new HttpProblem(
    401,
    deps.tabToken || !deps.devPeople
      ? 'Sign in through Teams: open the No Intent tab in Teams.'
      : 'Choose who you are with the development sign-in.',
  );
}

/** A development person: one the list offers, or any, given their organisation. */
function devCaller(
  people: readonly DevPerson[],
  aadObjectId: string,
  tenant: string | undefined,
): PortalCaller {
  const id = normaliseGuid(aadObjectId);
  const listed = people.find((person) => person.aadObjectId === id);
  if (listed) {
    return {
      person: { aadObjectId: listed.aadObjectId, name: listed.name },
      orgTenantId: listed.orgTenantId,
      devSignIn: true,
    };
  }
  const orgTenantId = normaliseGuid(tenant ?? '');
  if (!GUID.test(id) || !GUID.test(orgTenantId)) {
    throw new HttpProblem(
      401,
      'X-Dev-Person must be an Entra object id the development sign-in offers, or come with X-Dev-Tenant (both GUIDs).',
    );
  }
  return {
    person: { aadObjectId: id, name: 'Development person' },
    orgTenantId,
    devSignIn: true,
  };
}

function devPeopleOf(deps: PortalRouteDeps): PortalDevPeople {
  const { policy } = deps.queries;
  return {
    people: (deps.devPeople ?? []).map((person) => ({
      ...person,
      role: policy.everywhere.includes(person.aadObjectId)
        ? 'FM and global manager'
        : isManagerAnywhere(policy, person.aadObjectId)
          ? 'FM and team manager'
          : 'FM or account-team member',
    })),
  };
}

const text = (max: number) => z.string().max(max);
const filterFields = {
  view: text(300).min(1),
  search: text(200).optional(),
  l1: z.enum(['In Progress', 'No Intent']).optional(),
  l2: text(200).optional(),
  lifecycle: z
    .enum(['awaiting-decision', 'confirmed', 'rejected', 'withdrawn', 'recorded'])
    .optional(),
  scenario: z.coerce.number().int().min(1).max(5).optional(),
  stage: z.enum(['assignment', 'delivery']).optional(),
  fm: text(100).optional(),
  from: z.string().regex(DAY, 'a day as YYYY-MM-DD').optional(),
  to: z.string().regex(DAY, 'a day as YYYY-MM-DD').optional(),
  ftop: z.enum(['entered', 'not-entered']).optional(),
  sort: z.enum(PORTAL_SORTS).optional(),
  dir: z.enum(['asc', 'desc']).optional(),
};
const rowsSchema = z
  .object({
    ...filterFields,
    page: text(8000).optional(),
    pageSize: z.coerce.number().int().min(1).max(100).optional(),
  })
  .strict();
const exportSchema = z.object(filterFields).strict();
const detailSchema = z
  .object({ view: text(300).min(1), tenantId: text(100), workloadId: text(100).min(1) })
  .strict();
const decisionSchema = z
  .object({
    tenantId: text(100).min(1),
    declarationId: text(100).min(1),
    outcome: z.enum(['confirmed', 'rejected']),
    comment: text(MAX_DECISION_COMMENT_LENGTH * 4).optional(),
  })
  .strict();

function rowQuery(req: IncomingMessage, options: { paged: boolean }): RowQuery {
  const params = Object.fromEntries(searchParams(req));
  const query = options.paged
    ? parsed(rowsSchema, params, 'the query is not one the portal knows')
    : parsed(exportSchema, params, 'the query is not one the portal knows');
  const paging = options.paged ? (query as z.infer<typeof rowsSchema>) : undefined;
  const fm = query.fm ? normaliseGuid(query.fm) : undefined;
  if (fm !== undefined && !GUID.test(fm))
    throw new HttpProblem(400, 'fm must be an Entra object id.');
  const search = query.search ? cleanText(query.search).toLowerCase() : '';
  const filters: RowFilters = {
    ...(search ? { search } : {}),
    ...(query.l1 ? { l1: query.l1 } : {}),
    ...(query.l2 ? { l2: cleanText(query.l2) } : {}),
    ...(query.lifecycle ? { lifecycle: query.lifecycle } : {}),
    ...(query.scenario ? { scenario: query.scenario } : {}),
    ...(query.stage ? { stage: query.stage } : {}),
    ...(fm ? { fm } : {}),
    ...(query.from ? { from: query.from } : {}),
    ...(query.to ? { to: query.to } : {}),
    ...(query.ftop ? { ftopEntered: query.ftop === 'entered' } : {}),
  };
  return {
    view: query.view,
    filters,
    sort: query.sort ?? 'updatedAt',
    descending:
      (query.dir ?? (query.sort && query.sort !== 'updatedAt' ? 'asc' : 'desc')) === 'desc',
    pageSize: paging?.pageSize ?? 25,
    ...(paging?.page ? { continuation: paging.page } : {}),
  };
}

async function decisionRequest(req: IncomingMessage) {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw new HttpProblem(415, 'Send the decision as JSON.');
  const raw = await readBody(req, MAX_DECISION_BYTES);
  if (raw === 'too large') throw new HttpProblem(413, 'The decision is too large.');
  if (raw === 'cut short') throw new HttpProblem(400, 'The request ended early.');
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new HttpProblem(400, 'The decision is not valid JSON.');
  }
  const request = parsed(
    decisionSchema,
    body,
    'a decision names tenantId, declarationId and outcome',
  );
  return { ...request, tenantId: normaliseGuid(request.tenantId) };
}

async function sendExport(
  deps: PortalRouteDeps,
  format: ExportFormat,
  query: RowQuery,
  caller: PortalCaller,
  res: restify.Response,
): Promise<void> {
  const rows = await exportedRows(deps.queries, caller, query);
  if (rows === 'no-such-view') throw noSuchView();
  const day = deps.queries.now().toISOString().slice(0, 10);
  const name = `no-intent-${query.view.replace(/[^A-Za-z0-9-]+/g, '-').slice(0, 40)}-${day}.${format}`;
  res.writeHead(200, {
    'content-type': EXPORT_CONTENT_TYPES[format],
    'content-disposition': `attachment; filename="${name}"`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  try {
    const count = await writeExport(format, rows, res);
    res.end();
    logger.info({ event: 'portal-export', format, rows: count }, 'Wrote an export.');
  } catch (error) {
    // Half a file must not look whole: the connection is cut, and the browser says it failed.
    logger.error({ err: error }, 'An export failed part-way.');
    res.destroy();
  }
}

function serveTab(server: restify.Server, folder: string): void {
  const files = restify.plugins.serveStaticFiles(folder, {
    maxAge: 0,
    setHeaders: (res: ServerResponse, path: string) => {
      res.setHeader('content-security-policy', FRAME_ANCESTORS);
      res.setHeader('x-content-type-options', 'nosniff');
      // Scripts are named by their content's hash; the pages that name them are read afresh.
      res.setHeader(
        'cache-control',
        path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
      );
    },
  });
  server.get('/tab', (_req, res, next) => {
    res.redirect(301, '/tab/', next);
  });
  server.get('/tab/*', (req, res, next) => {
    if (!existsSync(join(folder, 'index.html'))) {
      res.send(503, {
        error: 'The tab is not built: run "npm run build:tab" (npm run dev and npm run build do).',
      });
      next();
      return;
    }
    files(req, res, next);
  });
}

function parsed<T extends z.ZodTypeAny>(schema: T, value: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue?.code === 'unrecognized_keys') {
    throw new HttpProblem(400, `The portal does not know ${issue.keys.join(', ')} (${what}).`);
  }
  const where = issue?.path.join('.') || 'the request';
  throw new HttpProblem(400, `${where}: ${issue?.message ?? 'not valid'} (${what}).`);
}

function searchParams(req: IncomingMessage): URLSearchParams {
  return new URL(req.url ?? '/', 'http://portal.local').searchParams;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function pathOf(req: IncomingMessage): string {
  return (req.url ?? '').split('?')[0]!;
}

function noSuchView(): HttpProblem {
  return new HttpProblem(403, 'You cannot open this view. Choose one of yours.');
}

function answerProblem(req: IncomingMessage, res: restify.Response, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (error instanceof HttpProblem) {
    if (error.status === 401) res.header('www-authenticate', 'Bearer');
    res.send(error.status, { error: error.message });
    return;
  }
  if (cosmosStatusOf(error) === 400 && searchParams(req).has('page')) {
    res.send(400, { error: 'That page is no longer valid: start again from the first page.' });
    return;
  }
  const unavailable = isUnavailable(error);
  logger.error({ err: error, path: pathOf(req) }, 'A portal request failed.');
  res.send(unavailable ? 503 : 500, {
    error: unavailable
      ? 'The database did not answer. Try again in a minute.'
      : 'Something went wrong on our side. Try again; if it keeps happening, tell the bot’s administrator.',
  });
}

function cosmosStatusOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'number' ? code : undefined;
}

/** The database timed out, was throttled, or could not be reached. */
function isUnavailable(error: unknown): boolean {
  if (error instanceof LedgerUnavailable) return true;
  const e = error as { code?: unknown; statusCode?: unknown; name?: unknown };
  return (
    e?.name === 'AbortError' ||
    e?.name === 'TimeoutError' ||
    [408, 429, 449, 503].includes(Number(e?.code ?? e?.statusCode)) ||
    e?.code === 'ECONNREFUSED' ||
    e?.code === 'ECONNRESET'
  );
}
