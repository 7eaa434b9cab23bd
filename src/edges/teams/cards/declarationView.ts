/**
 * What a declaration's cards say about it, read from the ledger as saved: where it stands, and
 * whether its values are in FTOP. The notice and the FM's card both say it in these words.
 */
import type { DeclarationSnapshot } from '../../../application/ledgerRepository';
import type { EntitlementEntry } from '../../../application/customerLedger';
import { findScenario } from '../../../playbook/scenarios';
import { cardMoment, utcDateTime } from './cardDates';

export interface StatusLine {
  /** Where it stands, with its time in UTC: for chat messages. */
  readonly text: string;
  /** The same without its time: for cards, which show `at` in the reader's time zone. */
  readonly headline: string;
  /** When it was decided or withdrawn, for the card's DATE and TIME (see cardMoment), or ''. */
  readonly at: string;
  readonly style: 'good' | 'attention' | 'warning' | 'default';
}

export function declarationStatus(snapshot: DeclarationSnapshot): StatusLine {
  const { declaration } = snapshot;
  const decision = declaration.decision;
  switch (declaration.state) {
    case 'awaiting-decision':
      return statusLine("Awaiting a manager's decision", undefined, 'warning');
    case 'confirmed':
      return statusLine(`Confirmed by ${decision?.by.name ?? 'a manager'}`, decision?.at, 'good');
    case 'rejected':
      return statusLine(
        `Rejected by ${decision?.by.name ?? 'a manager'}`,
        decision?.at,
        'attention',
      );
    case 'withdrawn':
      return statusLine(
        `Withdrawn by ${declaration.withdrawal?.by.name ?? declaration.fm.name}`,
        declaration.withdrawal?.at,
        'default',
      );
    case 'recorded':
      return statusLine('Recorded (intent declared; nothing to decide)', undefined, 'good');
  }
}

function statusLine(
  headline: string,
  at: string | undefined,
  style: StatusLine['style'],
): StatusLine {
  return {
    text: at ? `${headline} on ${utcDateTime(at)}` : headline,
    headline,
    at: at ? cardMoment(at) : '',
    style,
  };
}

/** The entitlements this declaration set and still stands for (not replaced since). */
export function standingEntitlements(snapshot: DeclarationSnapshot): EntitlementEntry[] {
  const id = snapshot.declaration.declarationId;
  return snapshot.declaration.workloads.flatMap((w) => {
    const entry = snapshot.customer.entitlements[w.workloadId];
    return entry?.declaration?.declarationId === id ? [entry] : [];
  });
}

/** Whether its values are in FTOP, in words for the account team; `at` is when, if it says. */
export function ftopEntry(snapshot: DeclarationSnapshot): { text: string; at: string } {
  const { declaration } = snapshot;
  const said = (text: string, at = '') => ({ text, at: at && cardMoment(at) });
  if (declaration.state === 'withdrawn' || declaration.state === 'rejected') {
    const entered = declaration.workloads.flatMap((w) => {
      const entry = snapshot.customer.entitlements[w.workloadId];
      const closedHere = entry?.closed?.declarationId === declaration.declarationId;
      return closedHere && entry.closed?.wasEntered ? [entry] : [];
    });
    if (entered.length === 0) {
      return said(
        'These values do not stand and were never entered in FTOP, so FTOP keeps what it showed before.',
      );
    }
    const putBack = entered.flatMap((e) => (e.ftopEntry ? [e.ftopEntry] : []));
    if (putBack.length < entered.length) {
      return said(
        `These values do not stand. They were entered in FTOP, and ${declaration.fm.name} is to put back what FTOP showed before.`,
      );
    }
    const latest = putBack.sort((a, b) => b.at.localeCompare(a.at))[0]!;
    return said(
      `These values do not stand. ${latest.by.name} put FTOP back to its earlier values`,
      latest.at,
    );
  }
  const standing = standingEntitlements(snapshot);
  const entered = standing.filter((e) => e.ftopEntry);
  if (standing.length > 0 && entered.length === standing.length) {
    const latest = entered.map((e) => e.ftopEntry!).sort((a, b) => b.at.localeCompare(a.at))[0]!;
    return said(`Entered in FTOP by ${latest.by.name}`, latest.at);
  }
  if (entered.length > 0) {
    const names = (list: EntitlementEntry[]) => list.map((e) => e.workloadName).join(', ');
    return said(
      `Entered in FTOP for ${names(entered)}; still to be entered for ${names(standing.filter((e) => !e.ftopEntry))}.`,
    );
  }
  return said(`To be entered in FTOP by ${declaration.fm.name} (${declaration.fmRole}).`);
}

/** "Contoso Ltd · Exchange Online, OneDrive": which declaration a message is about. */
export function declarationTitle(snapshot: DeclarationSnapshot): string {
  const { declaration } = snapshot;
  return `${declaration.customerName} · ${declaration.workloads.map((w) => w.workloadName).join(', ')}`;
}

export function scenarioLine(scenarioId: string): string {
  const scenario = findScenario(scenarioId);
  return scenario ? `Scenario ${scenario.number}: ${scenario.title}` : `Scenario ${scenarioId}`;
}
