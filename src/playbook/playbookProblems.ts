/**
 * Every way the FM's answers can break the playbook, each with a message that says what to do.
 * Codes are stable so callers and tests can tell problems apart; messages are for people.
 */

export type PlaybookProblemCode =
  | 'unknown-scenario'
  /** The scenario does not fit what the bot knows of the entitlement (scenarioRules). */
  | 'scenario-not-applicable'
  | 'l2-missing'
  | 'l2-unknown'
  | 'l2-not-applicable'
  | 'l3-missing'
  | 'l3-unknown'
  | 'l3-not-applicable'
  | 'reason-missing'
  | 'reason-too-long'
  | 'reason-not-applicable'
  | 'kickoff-missing'
  | 'kickoff-malformed'
  | 'kickoff-not-a-real-date'
  | 'kickoff-not-applicable'
  | 'engagement-missing'
  | 'engagement-unknown'
  | 'engagement-not-allowed'
  | 'existing-record-missing';

export interface PlaybookProblem {
  readonly code: PlaybookProblemCode;
  /** The answer the problem is about, so a form can point at it. */
  readonly field: 'scenario' | 'l2' | 'l3' | 'reason' | 'kickoff' | 'engagement';
  readonly message: string;
}

/** The longest detailed reason accepted: FTOP notes are one or two sentences, so this is roomy. */
export const MAX_REASON_LENGTH = 1000;
