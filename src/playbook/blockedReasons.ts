/**
 * Reasons that read like No Intent but that the playbook files under L1 Blocked. Each entry
 * names the Blocked L2 and the words that usually give it away in an FM's note.
 */

export interface BlockedReason {
  /** The L1/L2 the playbook files this under. */
  readonly ftopValue: string;
  /** What such a note describes, in the playbook's words. */
  readonly describes: string;
  readonly signals: RegExp;
}

export const BLOCKED_REASONS: readonly BlockedReason[] = [
  {
    ftopValue: 'Blocked: Security/Privacy (Non-Product/Feature)',
    describes: 'worry about data leaving the premises, security or privacy compliance',
    signals:
      /\b(security|secure|privacy|private data|data (leaving|leave|outside)|leav\w* the premises|compliance|compliant|confidential)\b/,
  },
  {
    ftopValue: 'Blocked: Product Feature/Capability',
    describes: 'will not start until a product feature changes or exists',
    signals:
      /\b(missing (a )?features?|lacks? (a |the )?(feature|capabilit\w*|functionality)|feature (gap|request)|not supported|does not support|doesn't support|roadmap|until (microsoft|the product) (adds|supports|ships))\b/,
  },
  {
    ftopValue: 'Blocked: IT Change Management and Resourcing',
    describes: 'unexpected cost, no budget, no people to do it',
    signals:
      /\b(budget|unexpected costs?|too expensive|cost of|costs too|no (it )?(staff|people|resources?|headcount|bandwidth)|lack of (staff|resources?|people)|understaffed|change freeze)\b/,
  },
  {
    ftopValue: 'Blocked: Legal/Regulatory',
    describes: 'law or regulation forbids the cloud service (e.g. data residency)',
    signals:
      /\b(legal|law|laws|regulat\w*|data residency|data sovereignty|gdpr|hipaa|works council|government rules?)\b/,
  },
  {
    ftopValue: 'Blocked: Customer IT Infrastructure and Remediation',
    describes: 'IT infrastructure incompatible (network, firewall, hardware, AD)',
    signals:
      /\b(network|firewall|proxy|bandwidth|hardware|infrastructure|active directory|ad sync|directory sync|remediation)\b/,
  },
  {
    ftopValue: 'Blocked: Adoption Readiness',
    describes: 'users not ready, training, business process change',
    signals:
      /\b(training|not ready|readiness|adoption|business process(es)?|change management|users (are )?resist\w*)\b/,
  },
  {
    ftopValue: 'Blocked: Service Reliability',
    describes: 'outages, performance, lack of confidence in the service',
    signals:
      /\b(outages?|downtime|performance|reliab\w*|unreliable|latency|slow|lack of confidence|no confidence)\b/,
  },
  {
    ftopValue: 'Blocked: App Compatibility',
    describes: 'line-of-business apps not compatible',
    signals:
      /\b(line[- ]of[- ]business|lob apps?|app(lication)? compatibility|incompatible app\w*|apps? (are |is )?not compatible)\b/,
  },
  {
    ftopValue: 'Blocked: Billing, Licensing and Subscription',
    describes: 'licences, wrong SKU, subscription problems',
    signals: /\b(licen[cs]\w*|sku|billing|subscription (issue|problem)s?|wrong plan)\b/,
  },
  {
    ftopValue: 'Blocked: Partner Engagement',
    describes: 'partner not yet contracted or stuck',
    signals:
      /\b(partner (is )?(not (yet )?(contracted|engaged|signed)|stuck|delayed)|waiting (for|on) (the |a )?partner|no partner (contract|signed))\b/,
  },
];
