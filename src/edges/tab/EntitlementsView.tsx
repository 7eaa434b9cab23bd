/**
 * One view: search, filters, the rows of one page at a time, the detail drawer, exports and
 * charts. Paging follows the server's `next` tokens and never loads more than a page.
 */
import {
  Button,
  Field,
  Label,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  SearchBox,
  Select,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import {
  ArrowDownloadRegular,
  ChartMultipleRegular,
  ChevronLeftRegular,
  ChevronRightRegular,
  FilterRegular,
} from '@fluentui/react-icons';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import {
  PORTAL_SORTS,
  type PortalMe,
  type PortalPage,
  type PortalPerson,
  type PortalQuery,
  type PortalRow,
  type PortalSort,
  type PortalViewInfo,
} from '../../application/portal/portalContract';
import { DetailDrawer } from './DetailDrawer';
import { EntitlementCards, EntitlementTable, type Sorting } from './EntitlementList';
import {
  activeFilterCount,
  FiltersPanel,
  filtersToQuery,
  NO_FILTERS,
  type Filters,
} from './FiltersPanel';
import { PHONE_WIDTH_QUERY, useDebouncedValue, useMediaQuery } from './hooks';
import type { ExportFormat, PortalApi, PortalFilters } from './portalApi';
import { useSharedStyles } from './styles';
import { problemText } from './words';

const ChartsPanel = lazy(() => import('./ChartsPanel'));

const SEARCH_DELAY_MS = 300;
const PAGE_SIZES = [10, 25, 50, 100];
const DEFAULT_SORTING: Sorting = { sort: 'updatedAt', dir: 'desc' };
const SORT_LABELS: Record<PortalSort, string> = {
  updatedAt: 'Last change',
  customerName: 'Customer',
  workloadName: 'Workload',
  declaredAt: 'Declared',
};

const useStyles = makeStyles({
  view: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  title: { margin: `${tokens.spacingVerticalS} 0 0`, fontSize: tokens.fontSizeBase500 },
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    alignItems: 'end',
  },
  search: { flexGrow: 1, minWidth: '14rem', maxWidth: '32rem' },
  pager: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
  },
  status: { color: tokens.colorNeutralForeground2 },
  // Room kept for the loading line, so the rows do not jump while a search is typed.
  busyLine: { minHeight: '20px', display: 'flex', alignItems: 'center' },
});

/** The token of each page shown so far, for one query; the last is the page shown. */
interface Paging {
  readonly key: string;
  readonly tokens: readonly (string | null)[];
}

/** The page last read stays on screen while the next is read, so the focus stays where it is. */
interface Loaded {
  readonly page: PortalPage | null;
  readonly loading: boolean;
  readonly problem: string | null;
}

export function EntitlementsView(props: {
  api: PortalApi;
  me: PortalMe;
  view: PortalViewInfo;
  /** Put the focus in the search box, so typing a name is all it takes to find a customer. */
  focusSearch: boolean;
}) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const { api, me, view } = props;
  const isPhone = useMediaQuery(PHONE_WIDTH_QUERY);

  const [searchText, setSearchText] = useState('');
  const search = useDebouncedValue(searchText.trim(), SEARCH_DELAY_MS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [sorting, setSorting] = useState<Sorting>(DEFAULT_SORTING);
  const [pageSize, setPageSize] = useState(25);
  const [paging, setPaging] = useState<Paging>({ key: '', tokens: [null] });
  const [loaded, setLoaded] = useState<Loaded>({ page: null, loading: true, problem: null });
  const [reloads, setReloads] = useState(0);
  const [openRow, setOpenRow] = useState<PortalRow | null>(null);
  const [filtersShown, setFiltersShown] = useState(!isPhone);
  const [chartsShown, setChartsShown] = useState(false);
  const [chartsVersion, setChartsVersion] = useState(0);
  const [announcement, setAnnouncement] = useState('');
  const [exporting, setExporting] = useState<ExportFormat | null>(null);
  const [knownFms, setKnownFms] = useState<ReadonlyMap<string, string>>(
    () => new Map([[me.person.aadObjectId, me.person.name]]),
  );

  const filterQuery: PortalFilters = useMemo(
    () => ({ view: view.id, ...(search ? { search } : {}), ...filtersToQuery(filters) }),
    [view.id, search, filters],
  );
  const baseQuery: PortalQuery = useMemo(
    () => ({ ...filterQuery, sort: sorting.sort, dir: sorting.dir, pageSize }),
    [filterQuery, sorting, pageSize],
  );
  // The pages' tokens belong to one query: a new search, filter, sort or page size starts again.
  const queryKey = JSON.stringify(baseQuery);
  const pageTokens = paging.key === queryKey ? paging.tokens : [null];
  const pageNumber = pageTokens.length;
  const pageToken = pageTokens[pageNumber - 1] ?? null;
  const showPages = (tokens: readonly (string | null)[]) => setPaging({ key: queryKey, tokens });

  useEffect(() => {
    let current = true;
    setLoaded((before) => ({ ...before, loading: true }));
    api.entitlements({ ...baseQuery, ...(pageToken ? { page: pageToken } : {}) }).then(
      (page) => {
        if (!current) return;
        setLoaded({ page, loading: false, problem: null });
        setKnownFms((known) => withFmsOf(known, page.rows));
        setAnnouncement(pageSummary(page, pageNumber));
      },
      (error: unknown) => {
        if (!current) return;
        // The error bar announces itself; the status line would say it twice.
        setLoaded({ page: null, loading: false, problem: problemText(error, api.signIn.kind) });
        setAnnouncement('');
      },
    );
    return () => {
      current = false;
    };
  }, [api, baseQuery, pageToken, pageNumber, reloads]);

  const sortBy = (sort: PortalSort) =>
    setSorting((before) =>
      before.sort === sort
        ? { sort, dir: before.dir === 'asc' ? 'desc' : 'asc' }
        : { sort, dir: isNameSort(sort) ? 'asc' : 'desc' },
    );

  // A decision changes every entitlement of its declaration, and may take rows out of the
  // view: the page is read again rather than patched.
  const rowChanged = (row: PortalRow | null) => {
    setOpenRow(row);
    setReloads((n) => n + 1);
    setChartsVersion((n) => n + 1);
  };

  const download = async (format: ExportFormat) => {
    setExporting(format);
    try {
      const file = await api.exportFile(format, baseQuery);
      saveFile(file.blob, file.fileName);
      setAnnouncement(`Downloaded ${file.fileName}.`);
    } catch (error) {
      setAnnouncement(problemText(error, api.signIn.kind));
    } finally {
      setExporting(null);
    }
  };

  const fms: PortalPerson[] = [...knownFms].map(([aadObjectId, name]) => ({ aadObjectId, name }));
  const filterCount = activeFilterCount(filters);
  const { page } = loaded;
  const rows = page?.rows ?? [];

  return (
    <div className={styles.view}>
      <h1 className={styles.title}>{view.title}</h1>
      <div className={styles.toolbar}>
        <Field label="Search customers, tenant ids and workloads" className={styles.search}>
          <SearchBox
            // Not on a phone, where a focused box opens the keyboard over the list.
            autoFocus={props.focusSearch && !isPhone}
            value={searchText}
            onChange={(_event, data) => setSearchText(data.value)}
            placeholder="For example Contoso"
          />
        </Field>
        <Button
          icon={<FilterRegular />}
          aria-expanded={filtersShown}
          aria-controls="filters"
          onClick={() => setFiltersShown((shown) => !shown)}
        >
          Filters{filterCount > 0 ? ` (${filterCount} on)` : ''}
        </Button>
        <Button
          icon={<ChartMultipleRegular />}
          aria-expanded={chartsShown}
          aria-controls="charts"
          onClick={() => setChartsShown((shown) => !shown)}
        >
          {chartsShown ? 'Hide charts' : 'Show charts'}
        </Button>
        <Button
          icon={<ArrowDownloadRegular />}
          disabled={exporting !== null}
          onClick={() => void download('csv')}
        >
          {exporting === 'csv' ? 'Exporting CSV…' : 'Export CSV'}
        </Button>
        <Button
          icon={<ArrowDownloadRegular />}
          disabled={exporting !== null}
          onClick={() => void download('xlsx')}
        >
          {exporting === 'xlsx' ? 'Exporting Excel…' : 'Export Excel'}
        </Button>
      </div>
      {filtersShown && (
        <FiltersPanel id="filters" filters={filters} onChange={setFilters} fms={fms} />
      )}
      {chartsShown && (
        <Suspense fallback={<Spinner size="small" label="Loading the charts…" />}>
          <ChartsPanel id="charts" api={api} view={view.id} version={chartsVersion} />
        </Suspense>
      )}
      <section aria-labelledby="rows-heading" aria-busy={loaded.loading} className={styles.view}>
        <h2 id="rows-heading" className={shared.visuallyHidden}>
          Entitlements
        </h2>
        {isPhone && (
          <div className={styles.toolbar}>
            <Field label="Sort by">
              <Select
                value={sorting.sort}
                onChange={(_e, data) => {
                  const sort = data.value as PortalSort;
                  setSorting({ sort, dir: isNameSort(sort) ? 'asc' : 'desc' });
                }}
              >
                {PORTAL_SORTS.map((sort) => (
                  <option key={sort} value={sort}>
                    {SORT_LABELS[sort]}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Order">
              <Select
                value={sorting.dir}
                onChange={(_e, data) =>
                  setSorting({ ...sorting, dir: data.value === 'asc' ? 'asc' : 'desc' })
                }
              >
                {isNameSort(sorting.sort) ? (
                  <>
                    <option value="asc">A to Z</option>
                    <option value="desc">Z to A</option>
                  </>
                ) : (
                  <>
                    <option value="desc">Newest first</option>
                    <option value="asc">Oldest first</option>
                  </>
                )}
              </Select>
            </Field>
          </div>
        )}
        {loaded.problem && (
          <MessageBar intent="error">
            <MessageBarBody>{loaded.problem}</MessageBarBody>
            <MessageBarActions>
              <Button onClick={() => setReloads((n) => n + 1)}>Try again</Button>
            </MessageBarActions>
          </MessageBar>
        )}
        <div className={styles.busyLine}>
          {loaded.loading && (
            <Spinner size="extra-tiny" labelPosition="after" label="Loading entitlements…" />
          )}
        </div>
        {page && rows.length === 0 && (
          <p>
            No entitlements match
            {search || filterCount > 0 ? ' this search and these filters.' : ' in this view.'}
            {filterCount > 0 && (
              <>
                {' '}
                <Button appearance="transparent" onClick={() => setFilters(NO_FILTERS)}>
                  Clear the filters
                </Button>
              </>
            )}
          </p>
        )}
        {page &&
          rows.length > 0 &&
          (isPhone ? (
            <EntitlementCards rows={rows} onOpen={setOpenRow} />
          ) : (
            <EntitlementTable rows={rows} sorting={sorting} onSort={sortBy} onOpen={setOpenRow} />
          ))}
        <nav aria-label="Pages" className={styles.pager}>
          <Button
            icon={<ChevronLeftRegular />}
            disabled={pageNumber <= 1 || loaded.loading}
            onClick={() => showPages(pageTokens.slice(0, -1))}
          >
            Previous page
          </Button>
          <Text>Page {pageNumber}</Text>
          <Button
            icon={<ChevronRightRegular />}
            iconPosition="after"
            disabled={!page?.next || loaded.loading}
            onClick={() => page?.next && showPages([...pageTokens, page.next])}
          >
            Next page
          </Button>
          <Label htmlFor="page-size">Rows per page</Label>
          <Select
            id="page-size"
            value={String(pageSize)}
            onChange={(_e, data) => setPageSize(Number(data.value))}
          >
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </Select>
        </nav>
        <p role="status" className={styles.status}>
          {announcement}
        </p>
      </section>
      <DetailDrawer
        api={api}
        view={view.id}
        row={openRow}
        onClose={() => setOpenRow(null)}
        onRowChanged={rowChanged}
        onMessage={setAnnouncement}
      />
    </div>
  );
}

/** Names read best A to Z; dates newest first. */
function isNameSort(sort: PortalSort): boolean {
  return sort === 'customerName' || sort === 'workloadName';
}

function pageSummary(page: PortalPage, pageNumber: number): string {
  const count = page.rows.length;
  const rowsText = count === 1 ? '1 entitlement' : `${count} entitlements`;
  const more = page.next ? ' More on the next page.' : '';
  return `Page ${pageNumber}: ${rowsText}.${more}`;
}

function withFmsOf(
  known: ReadonlyMap<string, string>,
  rows: readonly PortalRow[],
): ReadonlyMap<string, string> {
  const fresh = rows.filter((row) => row.fm && !known.has(row.fm.aadObjectId));
  if (fresh.length === 0) return known;
  const next = new Map(known);
  for (const row of fresh) if (row.fm) next.set(row.fm.aadObjectId, row.fm.name);
  return next;
}

function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
