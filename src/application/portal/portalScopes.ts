/**
 * Who may see an entitlement in the portal. Every row of an organisation lives in that
 * organisation's logical partition, and names the people and teams that see it; each view reads
 * only its person's rows there, so what they open costs the same however many the organisation
 * holds. Each audience keeps a summary for its charts, in the same partition:
 *   fm:<aadObjectId>   what that FM declared;
 *   team:<teamId>      what was posted to that team's channels;
 *   org                everything of the organisation (its global managers).
 */
export type Audience =
  | { readonly kind: 'fm'; readonly aadObjectId: string }
  | { readonly kind: 'teams'; readonly teamIds: readonly string[] }
  | { readonly kind: 'org' };

export type SummaryKey = string;

export function fmKey(aadObjectId: string): SummaryKey {
  return `fm:${aadObjectId}`;
}

export function teamKey(teamId: string): SummaryKey {
  return `team:${teamId}`;
}

export const ORG_KEY: SummaryKey = 'org';

export function summaryKeysOf(audience: Audience): SummaryKey[] {
  switch (audience.kind) {
    case 'fm':
      return [fmKey(audience.aadObjectId)];
    case 'teams':
      return audience.teamIds.map(teamKey);
    case 'org':
      return [ORG_KEY];
  }
}
