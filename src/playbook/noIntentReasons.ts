/** The three No Intent L2 reasons of the playbook, with their definitions. */

export type L2ReasonId =
  'executive-sponsorship' | 'using-competitive-solution' | 'using-microsoft-on-premises-solution';

export interface L2Reason {
  readonly id: L2ReasonId;
  /** The value as it is entered in FTOP. */
  readonly name: string;
  readonly definition: string;
  /** What the account team is asked to do, in the playbook's words. */
  readonly accountTeamAsk: string;
}

export const L2_REASONS: readonly L2Reason[] = [
  {
    id: 'executive-sponsorship',
    name: 'Executive Sponsorship',
    definition:
      'There is lack of awareness, conviction or sponsorship at the decision-making levels in the company to move to the cloud, or to prioritize implementation and usage. Selling of business value is needed.',
    accountTeamAsk: 'Selling of business value is needed.',
  },
  {
    id: 'using-competitive-solution',
    name: 'Using Competitive Solution',
    definition:
      'The customer has no intent to use the service because they are using a competitive solution. The case to use the Microsoft service is not compelling or has not been made to the customer. Selling of economic or business value, or a better value proposition is needed.',
    accountTeamAsk:
      'Selling of economic or business value, or a better value proposition is needed.',
  },
  {
    id: 'using-microsoft-on-premises-solution',
    name: 'Using Microsoft On-Premises Solution',
    definition:
      'The customer has no intent to use the service because they are using a Microsoft on-premises solution. The case to use the Microsoft cloud service is not compelling or has not been made to the customer. Selling of economic or business value, or a better value proposition is needed.',
    accountTeamAsk:
      'Selling of economic or business value, or a better value proposition is needed.',
  },
];

export function findL2Reason(id: string): L2Reason | undefined {
  return L2_REASONS.find((reason) => reason.id === id);
}
