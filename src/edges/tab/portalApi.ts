/** The tab's calls to the bot's /api/portal routes, signed in on every call. */
import type {
  PortalCharts,
  PortalDecisionAnswer,
  PortalDecisionRequest,
  PortalDetail,
  PortalDevPeople,
  PortalMe,
  PortalPage,
  PortalPerson,
  PortalQuery,
  PortalViewId,
} from '../../application/portal/portalContract';

/** How the tab proves who is using it: a Teams SSO token, or the local development sign-in. */
export type SignIn =
  | { readonly kind: 'teams'; readonly getToken: () => Promise<string> }
  | { readonly kind: 'dev'; readonly person: PortalPerson };

/** An answer other than 2xx, or no answer at all (status 0). */
export class PortalApiError extends Error {
  constructor(
    readonly status: number,
    /** The server's own `{ error }` text, when it sent one. */
    readonly serverText: string,
  ) {
    super(serverText || `status ${status}`);
  }
}

export type ExportFormat = 'csv' | 'xlsx';

interface DownloadedFile {
  readonly blob: Blob;
  readonly fileName: string;
}

/** The query without the paging and sorting that charts and exports do not use. */
export type PortalFilters = Omit<PortalQuery, 'page' | 'pageSize' | 'sort' | 'dir'>;

export class PortalApi {
  constructor(readonly signIn: SignIn) {}

  me(): Promise<PortalMe> {
    return this.getJson('me');
  }

  entitlements(query: PortalQuery): Promise<PortalPage> {
    return this.getJson(`entitlements?${queryString(query)}`);
  }

  entitlement(view: PortalViewId, tenantId: string, workloadId: string): Promise<PortalDetail> {
    return this.getJson(`entitlement?${queryString({ view, tenantId, workloadId })}`);
  }

  charts(filters: PortalFilters): Promise<PortalCharts> {
    return this.getJson(`charts?${queryString(filters)}`);
  }

  async decide(request: PortalDecisionRequest): Promise<PortalDecisionAnswer> {
    const response = await this.send('decision', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
    return (await response.json()) as PortalDecisionAnswer;
  }

  /** Every row of the view under these filters, as the server writes the file. */
  async exportFile(format: ExportFormat, query: PortalQuery): Promise<DownloadedFile> {
    const rest: Record<string, unknown> = { ...query };
    delete rest.page;
    delete rest.pageSize;
    const response = await this.send(`export.${format}?${queryString(rest)}`, {});
    const fileName =
      fileNameFrom(response.headers.get('content-disposition')) ??
      `no-intent-${new Date().toISOString().slice(0, 10)}.${format}`;
    return { blob: await response.blob(), fileName };
  }

  private async getJson<T>(path: string): Promise<T> {
    const response = await this.send(path, { headers: { accept: 'application/json' } });
    return (await response.json()) as T;
  }

  private async send(path: string, init: RequestInit): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.signIn.kind === 'teams') {
      headers.set('authorization', `Bearer ${await this.signIn.getToken()}`);
    } else {
      headers.set('x-dev-person', this.signIn.person.aadObjectId);
    }
    return fetchPortal(path, { ...init, headers });
  }
}

/** The people the development sign-in offers; null when the server has none (not local mode). */
export async function fetchDevPeople(): Promise<PortalDevPeople | null> {
  try {
    const response = await fetchPortal('dev-people', { headers: { accept: 'application/json' } });
    return (await response.json()) as PortalDevPeople;
  } catch (error) {
    if (error instanceof PortalApiError && error.status === 404) return null;
    throw error;
  }
}

async function fetchPortal(path: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(`/api/portal/${path}`, init);
  } catch {
    throw new PortalApiError(0, '');
  }
  if (!response.ok) throw new PortalApiError(response.status, await errorTextOf(response));
  return response;
}

async function errorTextOf(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: unknown };
    return typeof body.error === 'string' ? body.error : '';
  } catch {
    return '';
  }
}

/** Query parameters of the same names; empty and absent values are left out. */
function queryString(fields: object): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(name, String(value));
  }
  return params.toString();
}

function fileNameFrom(disposition: string | null): string | null {
  if (!disposition) return null;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (encoded?.[1]) return decodeURIComponent(encoded[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? null;
}
