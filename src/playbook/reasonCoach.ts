/**
 * Coaches the FM toward a reason note the playbook would call great: one or two sentences that
 * state the lack of intent plainly and say why. It only advises; it never blocks a save.
 */
import { BLOCKED_REASONS } from './blockedReasons';
import type { L2ReasonId } from './noIntentReasons';
import type { ScenarioId } from './scenarios';

export type CoachVerdict = 'great' | 'marginal' | 'poor';

export interface CoachSuggestion {
  readonly code:
    | 'only-no-intent'
    | 'no-reason-given'
    | 'too-thin'
    | 'usage-figures-only'
    | 'intent-not-stated'
    | 'reads-like-blocked'
    | 'reads-like-scenario-1'
    | 'hedge'
    | 'logistics'
    | 'too-long'
    | 'l2-mismatch'
    | 'name-the-competitor'
    | 'same-note-for-many-workloads';
  /** Major suggestions mean the note would mislead or say nothing; minor ones polish it. */
  readonly weight: 'major' | 'minor';
  /** What to change and why, addressed to the FM. */
  readonly advice: string;
}

export interface CoachInput {
  readonly reason: string;
  readonly scenarioId?: ScenarioId;
  readonly l2ReasonId?: L2ReasonId;
  /** The workloads the declaration covers; one note for many is usually wrong. */
  readonly workloadNames?: readonly string[];
}

export interface CoachReport {
  readonly verdict: CoachVerdict;
  readonly suggestions: readonly CoachSuggestion[];
}

const MIN_USEFUL_WORDS = 8;
const MAX_CONCISE_SENTENCES = 2;
const MAX_CONCISE_LENGTH = 350;

const HEDGES =
  /\b(for now|currently|yet|at (the|this) (moment|time|point)|right now|at present|presently|for the time being)\b/g;
const REASON_WORDS =
  /\b(because|due to|since|owing to|as a result|given (that|the|their|its)|on account of|caused by|following|after|as (the|they|their|it|its|all|a|an|we|our|there))\b|[:;]\s*\w/;
const INTENT_WORDS =
  /\b(no intent\w*|not|never|no|unable|cannot|can't|won't|doesn't|don't|isn't|declines?d?|refuses?d?|rejects?e?d?|nothing|none)\b/;
const ONLY_NO_INTENT =
  /^(the )?(customer|cx|client)?\s*(has|have|had|declared|declares)?\s*(no|zero) intent(ion)?( to (use|deploy|adopt)( (the|this) (service|workload|product))?)?$/;
const USAGE_FIGURES = /\b(\d[\d,.]*\s*%?|percent|usage|active users?|mau|seats?|users?)\b/;
const LOGISTICS =
  /\b(kick-?off|schedul\w*|reschedul\w*|meeting|calendar|follow[- ]up call|next week|invite)\b/;
const UNRESPONSIVE =
  /\b(unresponsive|no response|not respond\w*|did not reply|didn't reply|could not (be )?reach\w*|cannot (be )?reach\w*|no contact|unreachable)\b/;
const DECLINES_FASTTRACK =
  /\b((declin\w*|refus\w*|turn\w* down|does not want|doesn't want|do not want|don't want|no need for)\s+(the\s+)?(fast ?track|ftc|our help|help|assistance))|\b((deploy|roll\w* out|migrat\w*|implement\w*)\s+(it\s+)?(themselves|on their own|in-house|with (a|their) partner))/;
const COMPETITORS =
  /\b(google( workspace)?|g suite|gmail|slack|zoom|webex|box|dropbox|okta|ping identity|workspace one|jamf|mobileiron|lotus notes|hcl notes|domino|zimbra|salesforce|competitor|competing|competitive|third[- ]party)\b/;
/** Exchange run for the customer by a hosting company: the playbook files it under On-Premises. */
const HOSTED_MICROSOFT =
  /\b(hosted exchange|exchange (is |was )?hosted|(third[- ]party|partner)[- ]hosted|hosting (provider|partner|company)|hoster)\b/;
/** "The return is better on-premises": a business decision, so Executive Sponsorship. */
const BETTER_RETURN_ON_PREMISES =
  /\b(roi|return on investment|better return|cheaper|costs? less|lower cost)\b[^.;]*\bon[- ]?prem/;
/** What the playbook lists under Executive Sponsorship besides a lack of conviction. */
const EXECUTIVE_SIGNALS =
  /\b(no (executive |business )?sponsor\w*|no (business )?decision[- ]?maker|reorgani[sz]\w*|restructur\w*|way of working|bought (a|the) suite|(only )?licensed (it )?for (the )?other)\b/;
const MICROSOFT_ON_PREMISES =
  /\b(on[- ]?prem\w*|exchange server|exchange 20\d\d|sharepoint server|sharepoint 20\d\d|skype for business server|lync|configuration manager|sccm|mecm|file servers?|adfs)\b/;

export function coachReason(input: CoachInput): CoachReport {
  const text = input.reason.trim().toLowerCase().replace(/\s+/g, ' ');
  const bare = text.replace(/[.!]+$/, '');
  const words = text.split(' ').filter((w) => /\w/.test(w));
  const givesReason = REASON_WORDS.test(text);
  const suggestions: CoachSuggestion[] = [];
  const add = (code: CoachSuggestion['code'], weight: CoachSuggestion['weight'], advice: string) =>
    suggestions.push({ code, weight, advice });

  if (ONLY_NO_INTENT.test(bare)) {
    add(
      'only-no-intent',
      'major',
      'The note only repeats the status. Say why the customer does not intend to use the service, for example "Customer does not intend to use Teams because <primary reason>; <one specific detail>." The account team needs the cause to act on it.',
    );
  } else if (words.length > 0 && isUsageOnly(text, givesReason)) {
    add(
      'usage-figures-only',
      'major',
      'Usage figures alone do not say whether the customer intends to deploy. State the lack of intent and its cause, and keep a figure only if it supports that cause.',
    );
  } else {
    if (!givesReason) {
      add(
        'no-reason-given',
        'major',
        'The note does not say why. Add the cause after "because" or "due to", so the account team knows what value to sell.',
      );
    }
    if (words.length < MIN_USEFUL_WORDS) {
      add(
        'too-thin',
        'major',
        `At ${words.length} word${words.length === 1 ? '' : 's'} the note is too thin to act on. Name the primary reason and one specific detail (who decided, what they use instead, what changed).`,
      );
    }
    if (!INTENT_WORDS.test(text)) {
      add(
        'intent-not-stated',
        'minor',
        'State the lack of intent in unambiguous words such as "does not intend", "sees no value" or "is unable", so nobody reads the note as a delay.',
      );
    }
  }

  for (const blocked of BLOCKED_REASONS) {
    if (blocked.signals.test(text)) {
      add(
        'reads-like-blocked',
        'major',
        `This reads like ${blocked.ftopValue} (${blocked.describes}), not No Intent. If the customer would deploy once that is solved, record Blocked in FTOP instead; if they will not deploy either way, say so and why.`,
      );
    }
  }

  if (input.scenarioId !== 'declines-fasttrack-center' && DECLINES_FASTTRACK.test(text)) {
    add(
      'reads-like-scenario-1',
      'major',
      'This reads like the customer only declines help from the FastTrack Center while intending to use the service. That is scenario 1 (L1 In Progress, service status Initiate), not No Intent: choose scenario 1 if so.',
    );
  }

  const hedges = [...new Set(text.match(HEDGES) ?? [])];
  if (hedges.length > 0) {
    add(
      'hedge',
      'minor',
      `Remove ${hedges.map((h) => `"${h}"`).join(', ')}: such words suggest the customer may deploy later, which hides the lack of intent. If they may, the status is not No Intent.`,
    );
  }

  if (LOGISTICS.test(text)) {
    add(
      'logistics',
      'minor',
      'Engagement logistics such as scheduling a kickoff or a meeting do not belong in the status note. Keep the note to the lack of intent and its cause.',
    );
  }

  const sentences = text.split(/[.!?]+(\s|$)/).filter((s) => /\w/.test(s)).length;
  if (sentences > MAX_CONCISE_SENTENCES || text.length > MAX_CONCISE_LENGTH) {
    add(
      'too-long',
      'minor',
      'The playbook asks for one or two concise sentences. Keep the cause and one specific detail; move the rest to the account team conversation.',
    );
  }

  coachL2(input.l2ReasonId, text, add);

  const workloads = input.workloadNames ?? [];
  if (workloads.length > 1 && !UNRESPONSIVE.test(text)) {
    add(
      'same-note-for-many-workloads',
      'minor',
      `This note will be copied to ${workloads.length} workloads (${workloads.join(', ')}). Each workload's reason usually differs: check it is true for every one, or declare them separately.`,
    );
  }

  return { verdict: verdictOf(suggestions), suggestions };
}

function coachL2(
  l2: L2ReasonId | undefined,
  text: string,
  add: (code: CoachSuggestion['code'], weight: 'major' | 'minor', advice: string) => void,
): void {
  const hosted = HOSTED_MICROSOFT.test(text);
  // A hosting company is a third party, but what it runs is Microsoft's own product.
  const withoutHosting = hosted
    ? text.replace(new RegExp(HOSTED_MICROSOFT, 'g'), ' ').replace(/third[- ]party/g, ' ')
    : text;
  const namesCompetitor = COMPETITORS.test(withoutHosting);
  const namesOnPremises = MICROSOFT_ON_PREMISES.test(text) || hosted;
  const betterOnPremises = BETTER_RETURN_ON_PREMISES.test(text);
  if (l2 === 'using-competitive-solution' && hosted && !namesCompetitor) {
    add(
      'l2-mismatch',
      'minor',
      'The note describes Exchange hosted by a third party. The playbook files that under Using Microsoft On-Premises Solution, not Using Competitive Solution: the customer still runs a Microsoft product.',
    );
  } else if (l2 === 'using-competitive-solution' && namesOnPremises && !namesCompetitor) {
    add(
      'l2-mismatch',
      'minor',
      'The note describes a Microsoft on-premises product, but the L2 is Using Competitive Solution. If the customer stays on Microsoft on-premises, choose Using Microsoft On-Premises Solution.',
    );
  } else if (l2 === 'using-microsoft-on-premises-solution' && betterOnPremises) {
    add(
      'l2-mismatch',
      'minor',
      'The note says the return is better on-premises. The playbook files that business decision under Executive Sponsorship (sell the business value), not Using Microsoft On-Premises Solution.',
    );
  } else if (l2 === 'using-microsoft-on-premises-solution' && namesCompetitor && !namesOnPremises) {
    add(
      'l2-mismatch',
      'minor',
      "The note describes a competitor's product, but the L2 is Using Microsoft On-Premises Solution. If the customer uses a competitor, choose Using Competitive Solution.",
    );
  } else if (
    l2 === 'executive-sponsorship' &&
    (namesCompetitor || namesOnPremises) &&
    !betterOnPremises
  ) {
    const better = namesCompetitor
      ? 'Using Competitive Solution'
      : 'Using Microsoft On-Premises Solution';
    add(
      'l2-mismatch',
      'minor',
      `The note names another product the customer uses, which points to ${better} rather than Executive Sponsorship. Keep Executive Sponsorship only if the decision makers' lack of conviction is the cause.`,
    );
  } else if (
    l2 !== undefined &&
    l2 !== 'executive-sponsorship' &&
    EXECUTIVE_SIGNALS.test(text) &&
    !namesCompetitor &&
    !namesOnPremises
  ) {
    add(
      'l2-mismatch',
      'minor',
      'The note describes a missing sponsor, a reorganisation or a business decision, which the playbook files under Executive Sponsorship: choose it unless another product the customer uses is the cause.',
    );
  }
  if (l2 === 'using-competitive-solution' && !namesCompetitor && !namesOnPremises) {
    add(
      'name-the-competitor',
      'minor',
      'Name the competing product the customer uses (for example Google Workspace or Slack): it is the one specific detail the account team needs to make the case.',
    );
  }
}

function isUsageOnly(text: string, givesReason: boolean): boolean {
  return /\d/.test(text) && USAGE_FIGURES.test(text) && !givesReason && !/\bintend\w*\b/.test(text);
}

function verdictOf(suggestions: readonly CoachSuggestion[]): CoachVerdict {
  if (suggestions.some((s) => s.weight === 'major')) return 'poor';
  return suggestions.length > 0 ? 'marginal' : 'great';
}
