import assert from 'node:assert/strict';
import { coachReason, type CoachInput, type CoachSuggestion } from '../../src/playbook/reasonCoach';

type Case = {
  name: string;
  input: CoachInput;
  verdict: 'great' | 'marginal' | 'poor';
  codes: CoachSuggestion['code'][];
};

const cases: Case[] = [
  // Great: states the lack of intent and why, with one specific detail.
  {
    name: 'the playbook shape with an acquisition that froze IT projects',
    input: {
      reason:
        'Customer does not intend to use Microsoft Teams because the acquisition by Fabrikam froze every IT project; the new CIO will not fund collaboration tools.',
      l2ReasonId: 'executive-sponsorship',
    },
    verdict: 'great',
    codes: [],
  },
  {
    name: 'a competitor named under Using Competitive Solution',
    input: {
      reason:
        'Customer does not intend to use SharePoint Online because every team stores files in Google Drive under a five-year contract.',
      l2ReasonId: 'using-competitive-solution',
    },
    verdict: 'great',
    codes: [],
  },
  {
    name: 'a Microsoft on-premises product under its own L2',
    input: {
      reason:
        'Customer does not intend to use Exchange Online because they run Exchange Server 2019 on premises and see no value in moving.',
      l2ReasonId: 'using-microsoft-on-premises-solution',
    },
    verdict: 'great',
    codes: [],
  },
  {
    name: 'one note for several workloads when the customer is unresponsive',
    input: {
      reason:
        'Customer does not intend to deploy any workload because the sponsor left and the customer has been unresponsive for six months.',
      workloadNames: ['Exchange Online', 'OneDrive'],
    },
    verdict: 'great',
    codes: [],
  },
  // Marginal: usable, but hedged, mismatched or generic.
  {
    name: 'a hedge that hides intent',
    input: {
      reason:
        'Customer does not intend to use Exchange Online for now because they use Gmail across the company.',
      l2ReasonId: 'using-competitive-solution',
    },
    verdict: 'marginal',
    codes: ['hedge'],
  },
  {
    name: '"currently" and "yet"',
    input: {
      reason:
        'Customer currently sees no value in Viva Engage because nobody has asked for it yet in the business.',
    },
    verdict: 'marginal',
    codes: ['hedge'],
  },
  {
    name: 'scheduling logistics in the note',
    input: {
      reason:
        'Customer does not intend to use Intune because devices are managed by Jamf; kickoff meeting was cancelled.',
    },
    verdict: 'marginal',
    codes: ['logistics'],
  },
  {
    name: 'a competitor under the on-premises L2',
    input: {
      reason:
        'Customer does not intend to use Teams because all meetings and chat run on Zoom and Slack.',
      l2ReasonId: 'using-microsoft-on-premises-solution',
    },
    verdict: 'marginal',
    codes: ['l2-mismatch'],
  },
  {
    name: 'on-premises under the competitive L2',
    input: {
      reason:
        'Customer does not intend to use SharePoint Online because SharePoint Server 2019 on premises meets their needs.',
      l2ReasonId: 'using-competitive-solution',
    },
    verdict: 'marginal',
    codes: ['l2-mismatch'],
  },
  {
    name: 'Exchange hosted by a third party under the competitive L2 (the playbook: On-Premises)',
    input: {
      reason:
        'Customer does not intend to use Exchange Online because their hosted Exchange from a third-party hosting provider runs until 2029.',
      l2ReasonId: 'using-competitive-solution',
    },
    verdict: 'marginal',
    codes: ['l2-mismatch'],
  },
  {
    name: 'leaving a hosted Exchange for a competitor is still a competitor',
    input: {
      reason:
        'Customer does not intend to use Exchange Online because they are leaving their hosted Exchange provider and moving every mailbox to Google Workspace.',
      l2ReasonId: 'using-competitive-solution',
    },
    verdict: 'great',
    codes: [],
  },
  {
    name: 'Exchange hosted by a third party under the on-premises L2 fits',
    input: {
      reason:
        'Customer does not intend to use Exchange Online because their hosted Exchange from a third-party hosting provider runs until 2029.',
      l2ReasonId: 'using-microsoft-on-premises-solution',
    },
    verdict: 'great',
    codes: [],
  },
  {
    name: 'a better return on-premises under the on-premises L2 (the playbook: Executive Sponsorship)',
    input: {
      reason:
        'Customer does not intend to use SharePoint Online because the board sees a better return on investment keeping SharePoint Server on premises.',
      l2ReasonId: 'using-microsoft-on-premises-solution',
    },
    verdict: 'marginal',
    codes: ['l2-mismatch'],
  },
  {
    name: 'a better return on-premises under Executive Sponsorship fits',
    input: {
      reason:
        'Customer does not intend to use SharePoint Online because the board sees a better return on investment keeping SharePoint Server on premises.',
      l2ReasonId: 'executive-sponsorship',
    },
    verdict: 'great',
    codes: [],
  },
  {
    name: 'a reorganisation under the competitive L2 (the playbook: Executive Sponsorship)',
    input: {
      reason:
        'Customer does not intend to use Viva Engage because the reorganisation left no sponsor and the new board rejects that way of working.',
      l2ReasonId: 'using-competitive-solution',
    },
    verdict: 'marginal',
    codes: ['l2-mismatch', 'name-the-competitor'],
  },
  {
    name: 'a competitive L2 that names no product',
    input: {
      reason:
        'Customer does not intend to use the service because another vendor gives them everything they need.',
      l2ReasonId: 'using-competitive-solution',
    },
    verdict: 'marginal',
    codes: ['name-the-competitor'],
  },
  {
    name: 'a note copied across workloads',
    input: {
      reason:
        'Customer does not intend to use these workloads because the board sees no value in cloud services.',
      workloadNames: ['Exchange Online', 'Microsoft Teams', 'OneDrive'],
    },
    verdict: 'marginal',
    codes: ['same-note-for-many-workloads'],
  },
  {
    name: 'a note far longer than two sentences',
    input: {
      reason:
        'Customer does not intend to use Teams because leadership sees no value. They said so twice. The CIO agreed. The account team knows.',
    },
    verdict: 'marginal',
    codes: ['too-long'],
  },
  {
    name: 'a note that never states the lack of intent',
    input: {
      reason:
        'Leadership prefers email for every decision because the board likes written records of everything.',
    },
    verdict: 'marginal',
    codes: ['intent-not-stated'],
  },
  // Poor: says nothing actionable, or is not No Intent at all.
  {
    name: 'only "Customer has no intent."',
    input: { reason: 'Customer has no intent.' },
    verdict: 'poor',
    codes: ['only-no-intent'],
  },
  {
    name: 'only "No intent"',
    input: { reason: 'no intent' },
    verdict: 'poor',
    codes: ['only-no-intent'],
  },
  {
    name: 'usage figures alone',
    input: { reason: 'Only 3% usage, 12 active users out of 400.' },
    verdict: 'poor',
    codes: ['usage-figures-only'],
  },
  {
    name: 'no reason given',
    input: { reason: 'The customer does not intend to use Exchange Online in the future at all.' },
    verdict: 'poor',
    codes: ['no-reason-given'],
  },
  {
    name: 'too thin',
    input: { reason: 'Not interested because no value.' },
    verdict: 'poor',
    codes: ['too-thin'],
  },
  {
    name: 'a security worry (Blocked: Security/Privacy)',
    input: {
      reason:
        'Customer does not intend to use OneDrive because they worry about data leaving the premises.',
    },
    verdict: 'poor',
    codes: ['reads-like-blocked'],
  },
  {
    name: 'a missing feature (Blocked: Product Feature/Capability)',
    input: {
      reason:
        'Customer will not use Teams because it is missing a feature they need for shift work.',
    },
    verdict: 'poor',
    codes: ['reads-like-blocked'],
  },
  {
    name: 'no budget (Blocked: IT Change Management and Resourcing)',
    input: {
      reason:
        'Customer does not intend to deploy Intune because there is no budget and no IT staff this year.',
    },
    verdict: 'poor',
    codes: ['reads-like-blocked'],
  },
  {
    name: 'a regulatory ban (Blocked: Legal/Regulatory)',
    input: {
      reason:
        'Customer cannot use Exchange Online because data residency law forbids mail outside the country.',
    },
    verdict: 'poor',
    codes: ['reads-like-blocked'],
  },
  {
    name: 'incompatible infrastructure (Blocked: Customer IT Infrastructure)',
    input: {
      reason:
        'Customer does not intend to use Teams because the firewall and network cannot carry the traffic.',
    },
    verdict: 'poor',
    codes: ['reads-like-blocked'],
  },
  {
    name: 'licensing trouble (Blocked: Billing, Licensing and Subscription)',
    input: {
      reason:
        'Customer does not intend to use Intune because they bought the wrong SKU for their devices.',
    },
    verdict: 'poor',
    codes: ['reads-like-blocked'],
  },
  {
    name: 'outages (Blocked: Service Reliability)',
    input: {
      reason:
        "Customer does not intend to use Exchange Online because of last year's outages in their region.",
    },
    verdict: 'poor',
    codes: ['reads-like-blocked'],
  },
  {
    name: 'only declining the FastTrack Center (scenario 1)',
    input: {
      reason:
        'Customer declined FastTrack assistance because they will deploy it themselves with their partner.',
      scenarioId: 'no-intent-at-assignment',
    },
    verdict: 'poor',
    codes: ['reads-like-scenario-1'],
  },
];

describe('reason coach', () => {
  for (const c of cases) {
    it(`${c.verdict}: ${c.name}`, () => {
      const report = coachReason(c.input);
      assert.deepEqual(
        report.suggestions.map((s) => s.code),
        c.codes,
      );
      assert.equal(report.verdict, c.verdict);
    });
  }

  it('names the Blocked L2 the note reads like', () => {
    const report = coachReason({
      reason: 'Customer does not intend to use OneDrive because of privacy compliance worries.',
    });
    const blocked = report.suggestions.find((s) => s.code === 'reads-like-blocked');
    assert.match(blocked?.advice ?? '', /Blocked: Security\/Privacy/);
  });

  it('quotes the hedges it found so the FM knows what to remove', () => {
    const report = coachReason({
      reason: 'Customer does not intend to use Teams for now because they currently use Slack.',
    });
    assert.match(report.suggestions[0]!.advice, /"for now", "currently"/);
  });

  it('does not suggest scenario 1 when scenario 1 is chosen', () => {
    const report = coachReason({
      reason: 'Customer declined FastTrack help because their partner does it.',
      scenarioId: 'declines-fasttrack-center',
    });
    assert.ok(!report.suggestions.some((s) => s.code === 'reads-like-scenario-1'));
  });

  it('says what to change and why in every suggestion', () => {
    const all = cases.flatMap((c) => coachReason(c.input).suggestions);
    for (const s of all) assert.ok(s.advice.length > 40, `${s.code} advice too short`);
  });
});
