/** The kinds of follow-up a declaration can leave, and one scheduled for a moment. */
export type FollowUpKind =
  /** The team's managers: a declaration has waited N working days for a decision. */
  | 'decision-reminder'
  /** The organisation's global managers: it has waited M working days. */
  | 'decision-escalation'
  /** The FM, on scenario 1's kickoff date: "Delivery Assignment" is due. */
  | 'kickoff'
  /** The FM, a working day after saving: the values are not marked entered in FTOP. */
  | 'ftop-reminder'
  /** The FM, a working day after a rejection nobody acted on. */
  | 'rejection-reminder'
  /** The FM: a confirmed No Intent has stood long enough to ask whether it still holds. */
  | 'revalidation';

export interface ScheduledFollowUp {
  readonly kind: FollowUpKind;
  readonly dueAt: string;
}
