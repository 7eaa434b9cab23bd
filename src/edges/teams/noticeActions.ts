/**
 * What happens when someone taps a notice card: a manager's view, a decision, or a refusal.
 * Used by the Universal Actions invoke and by the Action.Submit fallback alike.
 */
import { z } from 'zod';
import type { DeclarationRepository } from '../../application/declarationRepository';
import type { Person } from '../../application/declarationRecord';
import { decideDeclaration } from '../../application/decideDeclaration';
import { isManager, managersOf, type ManagerPolicy } from '../../application/managerPolicy';
import { MAX_DECISION_COMMENT_LENGTH, type Notice } from '../../application/notice';
import type { NoticePublisher } from '../../application/noticePublisher';
import type { NoticeRepository } from '../../application/noticeRepository';
import type { AdaptiveCardJson } from './cards/cardTemplate';
import { channelNoticeCard } from './cards/channelNoticeCard';
import { decisionResultCard } from './cards/decisionResultCard';

export const NOTICE_VERBS = ['refreshNotice', 'confirmDeclaration', 'rejectDeclaration'] as const;
export type NoticeVerb = (typeof NOTICE_VERBS)[number];

export function isNoticeVerb(value: unknown): value is NoticeVerb {
  return typeof value === 'string' && (NOTICE_VERBS as readonly string[]).includes(value);
}

const noticeData = z.object({
  declarationId: z.string().min(1).max(100),
  comment: z.string().max(MAX_DECISION_COMMENT_LENGTH).optional(),
});

export type NoticeReply = { readonly card: AdaptiveCardJson } | { readonly text: string };

export interface NoticeActionDeps {
  readonly notices: NoticeRepository;
  readonly records: DeclarationRepository;
  readonly policy: ManagerPolicy;
  readonly publisher: NoticePublisher;
  readonly now: () => Date;
  /** Updating the posted card and telling the FM must not hold the invoke answer for long. */
  readonly followUpTimeoutMs: number;
}

export class NoticeActions {
  constructor(private readonly deps: NoticeActionDeps) {}

  async handle(
    verb: NoticeVerb,
    data: unknown,
    person: Person,
    /** False for Teams' automatic refresh, true when the person tapped. */
    tapped: boolean,
  ): Promise<NoticeReply> {
    const parsed = noticeData.safeParse(data);
    if (!parsed.success) {
      const tooLong = parsed.error.issues.some(
        (i) => i.code === 'too_big' && i.path[0] === 'comment',
      );
      return {
        text: tooLong
          ? `The comment is too long: keep it under ${MAX_DECISION_COMMENT_LENGTH} characters. Nothing changed.`
          : 'That card sent something I cannot use. Nothing changed.',
      };
    }
    const { declarationId, comment } = parsed.data;
    if (verb === 'refreshNotice') return this.view(declarationId, person, tapped);

    const result = await decideDeclaration(this.deps, {
      declarationId,
      decider: person,
      outcome: verb === 'confirmDeclaration' ? 'confirmed' : 'rejected',
      comment: comment ?? '',
    });
    switch (result.kind) {
      case 'not-found':
        return { text: 'I cannot find that declaration. Nothing changed.' };
      case 'not-allowed':
        return { card: refusal(result.notice) };
      case 'already-decided':
        return { card: this.card(result.notice, 'everyone') };
      case 'decided':
        await this.followUp(result.notice);
        return { card: this.card(result.notice, 'manager') };
    }
  }

  private async view(declarationId: string, person: Person, tapped: boolean): Promise<NoticeReply> {
    const notice = await this.deps.notices.readNotice(declarationId);
    if (!notice) return { text: 'I cannot find that declaration.' };
    if (isManager(this.deps.policy, person.aadObjectId, notice.target.teamId)) {
      return { card: this.card(notice, notice.decision ? 'everyone' : 'manager') };
    }
    return { card: tapped && !notice.decision ? refusal(notice) : this.card(notice, 'everyone') };
  }

  /** Everyone's copy of the card shows the decision; the FM hears it in their own chat. */
  private async followUp(notice: Notice): Promise<void> {
    const work = Promise.allSettled([
      this.deps.publisher.update(notice),
      notice.fmAddress
        ? this.deps.publisher.tellFm(notice.fmAddress, notice, 'decision')
        : undefined,
    ]).then((results) => {
      for (const r of results)
        if (r.status === 'rejected') console.error('A decision follow-up failed:', r.reason);
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.deps.followUpTimeoutMs);
    });
    await Promise.race([work, timeout]);
    clearTimeout(timer);
  }

  private card(notice: Notice, audience: 'everyone' | 'manager'): AdaptiveCardJson {
    return channelNoticeCard(notice, audience, managersOf(this.deps.policy, notice.target.teamId));
  }
}

function refusal(notice: Notice): AdaptiveCardJson {
  return decisionResultCard({
    outcome: 'not-allowed',
    customerName: notice.customerName,
    workloadNames: notice.workloadNames,
    refusal: `Only the managers of ${notice.target.teamName} can confirm or reject No Intent declarations. Nothing was changed. If you should be one, ask the bot's administrator to add you.`,
  });
}
