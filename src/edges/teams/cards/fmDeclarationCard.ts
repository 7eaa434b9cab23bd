import { awaitsChannel, type NoticeTarget } from '../../../application/declaration';
import { declareAgainFrom } from '../../../application/declareAgain';
import type { DeclarationSnapshot } from '../../../application/ledgerRepository';
import type { FmCardView } from '../../../application/messenger';
import type { FmNews } from '../../../application/outbox';
import {
  ftopTask,
  ftopTaskOwner,
  type EntitlementState,
  type FtopTask,
} from '../../../playbook/entitlement';
import { cardMoment } from './cardDates';
import { expandCard, type AdaptiveCardJson, type LabelledValue } from './cardTemplate';
import { declarationStatus, scenarioLine, standingEntitlements } from './declarationView';
import { ftopFieldRows } from './ftopFieldRows';
import { noticeChannelKey } from './ftopSummaryCard';

/**
 * The FM's card for one declaration: where it stands, where the notice is, and exactly what to
 * enter in FTOP (or put back), with the next step's buttons. It is the one live card of the
 * declaration in the FM's chat and is updated in place whenever any of that changes.
 */
export function fmDeclarationCard(view: FmCardView): AdaptiveCardJson {
  const { snapshot } = view;
  const { declaration } = snapshot;
  const status = declarationStatus(snapshot);
  const ftop = ftopSection(snapshot);
  const waiting = awaitsChannel(declaration) && declaration.state !== 'withdrawn';
  const comment = declaration.decision?.comment;
  return expandCard('fm-declaration', {
    title: TITLES[declaration.state],
    headerStyle: status.style === 'warning' ? 'emphasis' : status.style,
    news: view.news ? newsText(view.news, snapshot, view.noticeTargets) : '',
    customerName: declaration.customerName,
    tenantId: declaration.tenantId,
    declarationId: declaration.declarationId,
    scenarioLine: `${scenarioLine(declaration.scenarioId)} · ${declaration.workloads.map((w) => w.workloadName).join(', ')}`,
    statusText: status.headline,
    statusAt: status.at,
    comment: comment ?? '',
    noticeLine: noticeLine(snapshot, view.noticeTargets),
    showChannelChoice: waiting && view.noticeTargets.length > 0,
    noticeChannels: view.noticeTargets.map((t) => ({
      id: noticeChannelKey(t),
      title: `${t.teamName} > ${t.channelName}`,
    })),
    noticeChannel: defaultChannel(snapshot, view.noticeTargets),
    ftopHeading: ftop.heading,
    ftopAt: ftop.at,
    ftopHint: ftop.hint,
    fields: ftop.fields,
    enterButton: ftop.enterButton,
    enterWorkloadIds: ftop.enterWorkloadIds.join(','),
    enterTask: ftop.enterTask,
    canWithdraw: declaration.state === 'awaiting-decision',
    canDeclareAgain: declareAgainFrom(snapshot, declaration.fm).kind === 'ready',
  });
}

const TITLES = {
  'awaiting-decision': "No Intent saved: awaiting a manager's decision",
  confirmed: 'No Intent confirmed',
  rejected: 'No Intent rejected',
  withdrawn: 'Declaration withdrawn',
  recorded: 'Intent recorded',
} as const;

function newsText(news: FmNews, snapshot: DeclarationSnapshot, targets: readonly NoticeTarget[]) {
  const { declaration } = snapshot;
  const decision = declaration.decision;
  switch (news) {
    case 'decided':
      if (!decision) return '';
      return decision.outcome === 'confirmed'
        ? `${decision.by.name} confirmed your No Intent declaration for ${declaration.customerName}.`
        : `${decision.by.name} rejected your No Intent declaration for ${declaration.customerName}. Below is what to do in FTOP now.`;
    case 'delivery-failed':
      return `The account team's notice for ${declaration.customerName} could not be posted.`;
    case 'team-added': {
      const teams = [...new Set(targets.map((t) => t.teamName))].join(', ');
      return `The app is now in ${teams || 'a team'}. Choose the account team's channel and the notice for ${declaration.customerName} goes out.`;
    }
    case 'escalated':
      return `No manager has decided your No Intent declaration for ${declaration.customerName} in several working days, so it was escalated to your organisation's global managers.`;
  }
}

function noticeLine(snapshot: DeclarationSnapshot, targets: readonly NoticeTarget[]): string {
  const { declaration, messages } = snapshot;
  if (!declaration.announces) {
    return 'Scenario 1 is not No Intent, so the account team is not told.';
  }
  const target = declaration.noticeTarget;
  if (!target) {
    if (declaration.state === 'withdrawn' || declaration.state === 'rejected') {
      return "The account team's notice was never posted, and no longer needs to be.";
    }
    return targets.length > 0
      ? "The account team's notice waits for a channel: choose it below."
      : `The account team's notice waits: the app is in no team yet. Ask an owner of the account team's team to add it (Apps, search "No Intent", Add to a team); I will then ask you here for the channel.`;
  }
  const where = `${target.teamName} > ${target.channelName}`;
  switch (messages.notice.status) {
    case 'posted':
      if (declaration.state === 'withdrawn' || declaration.state === 'rejected') {
        return `The account team's notice in ${where} now says the declaration was ${declaration.state} and does not stand.`;
      }
      return `The account team's notice is posted in ${where}.`;
    case 'pending':
      return `The account team's notice is on its way to ${where}; I keep trying until Teams takes it.`;
    case 'cancelled':
      return `The account team's notice was not posted in ${where}, as the declaration no longer stands.`;
    case 'failed':
      return deliveryFailedText(snapshot);
  }
}

/** Why the notice could not be posted, and what the FM can do. */
export function deliveryFailedText(snapshot: DeclarationSnapshot): string {
  const { declaration, messages } = snapshot;
  const target = declaration.noticeTarget;
  const where = target ? `${target.teamName} > ${target.channelName}` : 'the channel';
  const error = messages.notice.lastError ?? '';
  if (error.startsWith('404')) {
    return `I could not post the account team's notice to ${where}: that channel no longer exists. The declaration is saved; tell the account team yourself.`;
  }
  if (error.startsWith('403')) {
    return `I could not post the account team's notice to ${where}: the app is not installed in that team. Ask a team owner to add the app (Apps, search "No Intent", Add to a team), then tell the account team yourself; the declaration is saved.`;
  }
  if (error.startsWith('gave up')) {
    return `Teams did not take the account team's notice for ${where} for two days, so I stopped trying. The declaration is saved; tell the account team yourself.`;
  }
  return `Teams refused the account team's notice for ${where} (${error.slice(0, 3) || 'no answer'}). The declaration is saved; tell the account team yourself, and tell the bot's administrator.`;
}

interface FtopSection {
  readonly heading: string;
  /** When the heading's step was done, for the card's DATE and TIME, or ''. */
  readonly at: string;
  readonly hint: string;
  readonly fields: LabelledValue[];
  readonly enterButton: string;
  readonly enterWorkloadIds: string[];
  /** The kind of FTOP task the button records; the card's declaration is the one it is about. */
  readonly enterTask: FtopTask['kind'] | '';
}

function ftopSection(snapshot: DeclarationSnapshot): FtopSection {
  const { declaration, customer } = snapshot;
  const id = declaration.declarationId;
  const fm = declaration.fm.aadObjectId;
  const declared = ftopFieldRows(
    declaration.workloads.map((w) => ({ workloadName: w.workloadName, fields: w.status.fields })),
  );
  const entries = declaration.workloads.flatMap((w) => {
    const entry = customer.entitlements[w.workloadId];
    return entry ? [entry] : [];
  });
  const owes = (entry: EntitlementState) => ftopTaskOwner(entry)?.aadObjectId === fm;

  if (declaration.state === 'rejected' || declaration.state === 'withdrawn') {
    const closedHere = entries.filter((e) => e.closed?.declarationId === id);
    if (closedHere.length === 0) return superseded(declared);
    const putBack = closedHere.filter((e) => ftopTask(e)?.kind === 'put-back');
    if (putBack.length === 0) {
      const restored = closedHere.some((e) => e.closed?.wasEntered);
      return {
        heading: restored ? 'FTOP is back to its earlier values' : 'Nothing to change in FTOP',
        at: '',
        hint: restored
          ? ''
          : 'These values were never marked as entered, so FTOP keeps what it showed. What was declared:',
        fields: restored ? [] : declared,
        enterButton: '',
        enterWorkloadIds: [],
        enterTask: '',
      };
    }
    const known = putBack.filter((e) => e.status);
    const unknown = putBack.filter((e) => !e.status).map((e) => e.workloadName);
    return {
      heading: 'Put these values back in FTOP',
      at: '',
      hint: unknown.length
        ? `The bot holds no earlier values for ${unknown.join(', ')}: set ${unknown.length > 1 ? 'them' : 'it'} back to what FTOP showed before this declaration (for a workload never declared before, usually Status Unknown).`
        : 'The declaration no longer stands, and these values were entered. FTOP must show the earlier values again:',
      fields: ftopFieldRows(
        known.map((e) => ({ workloadName: e.workloadName, fields: e.status!.fields })),
      ),
      enterButton: putBack.some(owes) ? 'I have put FTOP back' : '',
      enterWorkloadIds: putBack.filter(owes).map((e) => e.workloadId),
      enterTask: 'put-back',
    };
  }

  const standing = standingEntitlements(snapshot);
  if (standing.length === 0) return superseded(declared);
  const toEnter = standing.filter((e) => ftopTask(e)?.kind === 'enter');
  if (toEnter.length === 0) {
    const latest = standing
      .flatMap((e) => (e.ftopEntry ? [e.ftopEntry] : []))
      .sort((a, b) => b.at.localeCompare(a.at))[0];
    return {
      heading: latest ? `Entered in FTOP by ${latest.by.name}` : 'Entered in FTOP',
      at: latest ? cardMoment(latest.at) : '',
      hint: '',
      fields: declared,
      enterButton: '',
      enterWorkloadIds: [],
      enterTask: '',
    };
  }
  return {
    heading: 'Enter these values in FTOP',
    at: '',
    hint:
      declaration.state === 'awaiting-decision'
        ? "Set these fields on each workload's entitlement in FTOP. If a manager rejects the declaration, I will tell you exactly what to put back."
        : "Set these fields on each workload's entitlement in FTOP.",
    fields: declared,
    enterButton: toEnter.some(owes) ? 'I have entered these in FTOP' : '',
    enterWorkloadIds: toEnter.filter(owes).map((e) => e.workloadId),
    enterTask: 'enter',
  };
}

function superseded(declared: LabelledValue[]): FtopSection {
  return {
    heading: 'A later declaration replaced this one',
    at: '',
    hint: 'Type "my declarations" to see where these workloads stand now. What this one declared:',
    fields: declared,
    enterButton: '',
    enterWorkloadIds: [],
    enterTask: '',
  };
}

/** The channel the customer's last notice went to; otherwise none, so nobody posts by accident. */
function defaultChannel(snapshot: DeclarationSnapshot, targets: readonly NoticeTarget[]): string {
  const last = snapshot.customer.lastNoticeChannel;
  const lastKey = last ? noticeChannelKey(last) : '';
  return targets.some((t) => noticeChannelKey(t) === lastKey) ? lastKey : '';
}
