/** The portal section of the benchmark's report: each call of the tab, small database against large. */
import type { PortalCallFigures, PortalResults, PortalSizeResults } from './portalBench';

/** Calls whose Cosmos DB requests may grow with what the person sees: every row is read. */
const READS_EVERY_ROW = 'export (CSV, filtered)';

export function renderPortalReport(portal: PortalResults): string[] {
  const [small, large] = portal.sizes;
  if (!small || !large) return [];
  const azure = portal.cosmos === 'azure';
  const lines: string[] = [];
  const row = (...cells: (string | number)[]) => lines.push(`| ${cells.join(' | ')} |`);
  const header = (...cells: string[]) => {
    row(...cells);
    row(...cells.map(() => '---'));
  };
  const [a, b] = [sizeLabel(small.entitlements), sizeLabel(large.entitlements)];
  const repetitions = small.calls[0]?.repetitions ?? 0;
  lines.push(
    `Portal: each call of the tab for four people of one organisation, on a database of ${count(small.entitlements)} entitlements and of ${count(large.entitlements)} (20 organisations; this one holds ${count(small.organisationRows)}, then ${count(large.organisationRows)}). ` +
      `Cosmos DB requests as the bot's meter counts them, median of ${repetitions} repetitions (exports fewer), "first" when a person's first call differed; milliseconds as the tab waits; page size ${portal.pageSize}.`,
    '',
  );
  header(
    'Person',
    'Call',
    `Rows ${a}`,
    `Rows ${b}`,
    `Requests ${a}`,
    `Requests ${b}`,
    ...(azure ? [`RU ${a}`, `RU ${b}`] : []),
    `p50 ms ${a}`,
    `p50 ms ${b}`,
    `p95 ms ${a}`,
    `p95 ms ${b}`,
  );
  for (const call of small.calls) {
    const other = matching(large, call);
    row(
      call.person,
      call.call,
      call.rows ?? '',
      other?.rows ?? '',
      requests(call),
      other ? requests(other) : '',
      ...(azure ? [call.requestCharge.toFixed(1), other?.requestCharge.toFixed(1) ?? ''] : []),
      call.p50Ms.toFixed(1),
      other?.p50Ms.toFixed(1) ?? '',
      call.p95Ms.toFixed(1),
      other?.p95Ms.toFixed(1) ?? '',
    );
  }
  lines.push('');
  header('Person', `Teams member lookups, first visit, ${a}`, b, `First visit ms ${a}`, b);
  for (const call of small.calls.filter((c) => c.call === 'open the tab')) {
    const other = matching(large, call);
    row(
      call.person,
      call.teamsLookupsFirst,
      other?.teamsLookupsFirst ?? '',
      call.firstMs.toFixed(0),
      other?.firstMs.toFixed(0) ?? '',
    );
  }
  const grown = growingCalls(portal);
  lines.push(
    '',
    `Cosmos DB requests per call grow with the database: ${grown.length === 0 ? 'no' : `yes, ${grown.join('; ')}`} (an export reads every matching row, 100 a page, so it grows with what the person sees).`,
    `Seeding took ${small.seedSeconds.toFixed(1)} s for ${count(small.entitlements)} entitlements and ${large.seedSeconds.toFixed(1)} s for the next ${count(large.entitlements - small.entitlements)}.`,
    "A query is two requests, its query plan and its page; the charts are one point read of the view's summary; a detail two point reads (the row, and the entitlement with its history). " +
      "The first visit also reads the organisation's teams (kept a minute) and asks Teams, one team after another, whether the person is in each team they do not manage (kept 10 minutes, 1 for a no).",
  );
  if (azure) {
    lines.push('RU: the x-ms-request-charge of every response, summed per call.');
  } else {
    lines.push(
      "Local server: the portal's own, which answers a query from the partition it names, as Azure Cosmos DB does; its milliseconds grow with the organisation's partition (every document of it is read for each query), not with the person's rows. " +
        "@vercel/cosmosdb-server itself reads every document of the container for every query, with a step that grows with the square of their number (45 ms among 5,000 documents, 1.7 s among 20,000, 33 s among 80,000): at 100,000 entitlements each query would outlast the bot's 3 s timeout. " +
        'RU are reported against Azure Cosmos DB only.',
    );
  }
  return lines;
}

/** The calls, other than exports, whose median requests differ between the two sizes. */
export function growingCalls(portal: PortalResults): string[] {
  const [small, large] = portal.sizes;
  if (!small || !large) return [];
  return small.calls.flatMap((call) => {
    const other = matching(large, call);
    if (!other || call.call === READS_EVERY_ROW || other.requests === call.requests) return [];
    return [`${call.person} ${call.call}: ${call.requests} → ${other.requests}`];
  });
}

function matching(size: PortalSizeResults, call: PortalCallFigures): PortalCallFigures | undefined {
  return size.calls.find((c) => c.person === call.person && c.call === call.call);
}

function requests(call: PortalCallFigures): string {
  const notes = [
    ...(call.requestsFirst !== call.requests ? [`first ${call.requestsFirst}`] : []),
    ...(call.requestsMax !== call.requests ? [`at most ${call.requestsMax}`] : []),
  ];
  return `${call.requests}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
}

function sizeLabel(entitlements: number): string {
  return entitlements >= 1000 && entitlements % 1000 === 0
    ? `${entitlements / 1000}k`
    : `${entitlements}`;
}

function count(value: number): string {
  return value.toLocaleString('en');
}
