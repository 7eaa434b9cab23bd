import type { NoticeTarget } from '../../../application/declaration';
import type { WorkloadDerivation } from '../../../application/previewDeclaration';
import { expandCard, type AdaptiveCardJson } from './cardTemplate';
import { ftopFieldRows } from './ftopFieldRows';

export type EditTarget = 'customer' | 'scenario' | 'answers';

export interface FtopSummaryView {
  readonly stepToken: string;
  readonly customerName: string;
  readonly tenantId: string;
  readonly perWorkload: readonly WorkloadDerivation[];
  /** Channels of the teams where the app is installed (No Intent only). */
  readonly noticeTargets?: readonly NoticeTarget[];
  /** The channel chosen before, or last used for this customer. */
  readonly noticeChannel?: string;
  readonly problems?: readonly string[];
  /** What the FM may want to check before saving, without stopping them. */
  readonly questions?: readonly string[];
}

/** How a channel is named in a card's choice: both ids, as neither contains a bar. */
export function noticeChannelKey(target: { teamId: string; channelId: string }): string {
  return `${target.teamId}|${target.channelId}`;
}

export const EDIT_TARGETS: readonly { id: EditTarget; title: string }[] = [
  { id: 'customer', title: 'Customer and workloads' },
  { id: 'scenario', title: 'Scenario' },
  { id: 'answers', title: 'Reason and engagement' },
];

export function ftopSummaryCard(view: FtopSummaryView): AdaptiveCardJson {
  const first = view.perWorkload[0];
  if (!first) throw new Error('The FTOP summary needs at least one workload.');
  const { derivation } = first;
  return expandCard('ftop-summary', {
    stepToken: view.stepToken,
    title: derivation.declaresNoIntent
      ? 'FTOP fields for your No Intent declaration'
      : 'FTOP fields: intent declared, without the FastTrack Center',
    customerName: view.customerName,
    tenantId: view.tenantId,
    workloadNames: view.perWorkload.map((w) => w.workload.name).join(', '),
    scenarioNumber: derivation.scenario.number,
    scenarioTitle: derivation.scenario.title,
    declaresNoIntent: derivation.declaresNoIntent,
    fields: ftopFieldRows(
      view.perWorkload.map(({ workload, derivation }) => ({
        workloadName: workload.name,
        fields: derivation.fields,
      })),
    ),
    problems: view.problems ?? [],
    questions: view.questions ?? [],
    showNoticeChannel: derivation.declaresNoIntent,
    noticeChannels: (view.noticeTargets ?? []).map((t) => ({
      id: noticeChannelKey(t),
      title: `${t.teamName} > ${t.channelName}`,
    })),
    noticeChannel: view.noticeChannel ?? '',
    consequence: consequence(view, derivation.declaresNoIntent),
    editTargets: EDIT_TARGETS,
  });
}

function consequence(view: FtopSummaryView, declaresNoIntent: boolean): string {
  const records = view.perWorkload.length > 1 ? 'one entry per workload' : 'the entry';
  if (!declaresNoIntent) {
    return `Saving records ${records}. This is not a No Intent declaration, so nothing is announced.`;
  }
  return (view.noticeTargets ?? []).length > 0
    ? `Saving records ${records} and posts a No Intent notice to the channel chosen above.`
    : `Saving records ${records}; the No Intent notice is posted once the app is in a team and you have chosen the channel.`;
}
