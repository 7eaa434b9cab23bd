/**
 * The server-side schema of every card submit. Teams delivers whatever the card (or a forger)
 * sent, so each action's values are checked for type and size before anything reads them.
 */
import { z } from 'zod';
import { cleanText, normaliseGuid } from '../../application/cleanText';
import { MAX_DECISION_COMMENT_LENGTH } from '../../application/decideDeclaration';
import { isGuid, MAX_CUSTOMER_NAME_LENGTH } from '../../application/declarationDraft';
import { MAX_FILTER_LENGTH } from '../../application/listMyEntitlements';
import { findWorkload, WORKLOADS } from '../../playbook/workloads';
import { FOLLOW_UP_KINDS, type FollowUpKind } from '../../application/followUps/followUpRules';
import { MAX_REASON_LENGTH } from '../../playbook/playbookProblems';

/** Longer than any real id; only there so a forged megabyte is refused before it is parsed. */
const MAX_ID_LENGTH = 100;
const MAX_TOKEN_LENGTH = 200;

const id = z.string().max(MAX_ID_LENGTH);
/** Text a person typed: refused when absurdly long, else cleaned of control characters. */
const typed = (maxLength: number, lines = false) =>
  z
    .string()
    .max(maxLength)
    .transform((text) => cleanText(text, { lines }));
const optionalId = id.optional();
const stepToken = z.string().min(1).max(MAX_TOKEN_LENGTH);

const submits = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('submitCustomer'),
    stepToken,
    customerName: typed(MAX_CUSTOMER_NAME_LENGTH * 2).optional(),
    tenantId: z.string().max(MAX_ID_LENGTH).transform(normaliseGuid).optional(),
    workloadIds: z.string().max(2000).optional(),
  }),
  z.object({ action: z.literal('chooseScenario'), stepToken, scenarioId: id }),
  z.object({
    action: z.literal('submitAnswers'),
    stepToken,
    l2ReasonId: optionalId,
    l3ReasonId: optionalId,
    // Twice the limit: the playbook's own check then says how long it is and what to cut.
    detailedReason: typed(MAX_REASON_LENGTH * 2, true).optional(),
    engagementScenarioId: optionalId,
    kickoffDate: optionalId,
  }),
  z.object({
    action: z.literal('reviseReason'),
    stepToken,
    detailedReason: typed(MAX_REASON_LENGTH * 2, true).optional(),
  }),
  z.object({ action: z.literal('keepReason'), stepToken }),
  z.object({ action: z.literal('backToScenarios'), stepToken }),
  z.object({
    action: z.literal('confirm'),
    stepToken,
    noticeChannel: z.string().max(400).optional(),
  }),
  z.object({
    action: z.literal('edit'),
    stepToken,
    target: z.enum(['customer', 'scenario', 'answers']),
  }),
  z.object({ action: z.literal('cancel'), stepToken }),
]);

export type DialogSubmit = z.infer<typeof submits>;

export type SubmitCheck =
  | { readonly ok: true; readonly submit: DialogSubmit }
  | { readonly ok: false; readonly reason: string };

export function checkDialogSubmit(value: unknown): SubmitCheck {
  const parsed = submits.safeParse(value);
  if (parsed.success) return { ok: true, submit: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || 'the card';
  if (issue?.code === 'too_big') return { ok: false, reason: `${field} is too long.` };
  return { ok: false, reason: `${field} has a value this step does not accept.` };
}

/** A card button that runs a command, such as the welcome card's "Declare No Intent". */
const commandSubmit = z.object({ action: z.literal('command'), command: z.string().max(50) });

export function commandOfSubmit(value: unknown): string | undefined {
  const parsed = commandSubmit.safeParse(value);
  return parsed.success ? parsed.data.command : undefined;
}

/** The step token of a submit, if it carries a well-formed one. */
export function stepTokenOfSubmit(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const token = (value as { stepToken?: unknown }).stepToken;
  return typeof token === 'string' && token.length <= MAX_TOKEN_LENGTH ? token : undefined;
}

/** A customer's tenant id as cards carry it: checked before it names a Cosmos DB partition. */
const cardTenantId = z.string().max(MAX_ID_LENGTH).transform(normaliseGuid).refine(isGuid);
/** Declaration ids are UUIDs the bot chose; anything else cannot name a document. */
const declarationId = z.string().max(MAX_ID_LENGTH).refine(isGuid);
const workloadId = z
  .string()
  .max(MAX_ID_LENGTH)
  .refine((id) => findWorkload(id) !== undefined);
/** Where a button was tapped, so the card it sits on is redrawn in place. */
const source = z.enum(['card', 'list', 'details']).optional();

const declarationActions = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('withdraw'),
    tenantId: cardTenantId,
    declarationId,
    source,
    /** On the details card: the entitlement it shows. */
    workloadId: workloadId.optional(),
  }),
  z.object({
    action: z.literal('enterInFtop'),
    tenantId: cardTenantId,
    workloadIds: z
      .string()
      .max(2000)
      .transform((ids) => [...new Set(ids.split(',').filter((id) => id !== ''))])
      .refine(
        (ids) =>
          ids.length > 0 &&
          ids.length <= WORKLOADS.length &&
          ids.every((id) => findWorkload(id) !== undefined),
      ),
    source,
    /** The FTOP task the card offered, and the declaration it comes from ("" for none). */
    task: z.enum(['enter', 'put-back']),
    declarationId: z.union([z.literal(''), declarationId]).transform((id) => id || null),
  }),
  z.object({ action: z.literal('declareAgain'), tenantId: cardTenantId, declarationId }),
  z.object({ action: z.literal('showEntitlement'), tenantId: cardTenantId, workloadId }),
  z.object({
    action: z.literal('chooseNoticeChannel'),
    tenantId: cardTenantId,
    declarationId,
    noticeChannel: z.string().max(400).optional(),
  }),
  z.object({
    action: z.literal('filterDeclarations'),
    filter: typed(MAX_FILTER_LENGTH * 2).optional(),
  }),
]);

export type DeclarationAction = z.infer<typeof declarationActions>;
export const DECLARATION_ACTIONS = declarationActions.options.map((o) => o.shape.action.value);

/** Checks a submit that names one of the declaration actions. */
export function checkDeclarationAction(
  value: unknown,
):
  | { readonly ok: true; readonly action: DeclarationAction }
  | { readonly ok: false; readonly reason: string } {
  const parsed = declarationActions.safeParse(value);
  if (parsed.success) return { ok: true, action: parsed.data };
  const issue = parsed.error.issues[0];
  if (issue?.code === 'too_big')
    return { ok: false, reason: `${issue.path.join('.')} is too long.` };
  return { ok: false, reason: 'it does not name a declaration or workload I keep.' };
}

export const NOTICE_VERBS = ['refreshNotice', 'confirmDeclaration', 'rejectDeclaration'] as const;
export type NoticeVerb = (typeof NOTICE_VERBS)[number];

export function isNoticeVerb(value: unknown): value is NoticeVerb {
  return typeof value === 'string' && (NOTICE_VERBS as readonly string[]).includes(value);
}

const noticeData = z.object({
  tenantId: cardTenantId,
  declarationId,
  comment: typed(MAX_DECISION_COMMENT_LENGTH, true).optional(),
  source,
});

export type NoticeData = z.infer<typeof noticeData>;

export function checkNoticeData(
  value: unknown,
):
  | { readonly ok: true; readonly data: NoticeData }
  | { readonly ok: false; readonly reason: string } {
  const parsed = noticeData.safeParse(withListComment(value));
  if (parsed.success) return { ok: true, data: parsed.data };
  const tooLong = parsed.error.issues.some((i) => i.code === 'too_big' && i.path[0] === 'comment');
  return {
    ok: false,
    reason: tooLong
      ? `The comment is too long: keep it under ${MAX_DECISION_COMMENT_LENGTH} characters. Nothing changed.`
      : 'That card does not name a declaration I keep (it may be from an earlier version of the app). Nothing changed; type "awaiting my decision" for the current list.',
  };
}

/**
 * On the managers' list each entry's comment box has its own id (a card's input ids must be
 * unique), "comment-<declaration id>"; it is read as the comment of that entry.
 */
function withListComment(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const { declarationId } = value as { declarationId?: unknown };
  if (typeof declarationId !== 'string') return value;
  const own = (value as Record<string, unknown>)[`comment-${declarationId}`];
  return own === undefined ? value : { ...value, comment: own };
}

/** The lists whose cards Teams refreshes through an Action.Execute with this verb. */
const listRefresh = z.object({
  list: z.enum(['my-declarations', 'awaiting-decision']),
  filter: z
    .string()
    .max(MAX_FILTER_LENGTH * 2)
    .optional(),
});

export function listOfRefresh(value: unknown): z.infer<typeof listRefresh> | undefined {
  const parsed = listRefresh.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

const followUpKind = z.enum(FOLLOW_UP_KINDS as [FollowUpKind, ...FollowUpKind[]]);
/** A comma-separated list of at most ten short values, each checked by `item`. */
const shortList = <T extends z.ZodTypeAny>(item: T) =>
  z
    .string()
    .max(1_000)
    .transform((text) => [...new Set(text.split(',').map((part) => part.trim()))].filter(Boolean))
    .pipe(z.array(item).min(1).max(10));
/** A reminder's key ("<kind>:<declaration id>") or a kind's ("kind:<kind>"). */
const reminderKey = z
  .string()
  .max(MAX_ID_LENGTH * 2)
  .refine((key) => {
    const [kind, rest] = key.split(/:(.*)/s);
    if (kind === 'kind') return followUpKind.safeParse(rest).success;
    const [id, cycle] = (rest ?? '').split('@');
    const cycleOk = cycle === undefined || /^\d{4}-\d{2}-\d{2}$/.test(cycle);
    return followUpKind.safeParse(kind).success && isGuid(id ?? '') && cycleOk;
  });
const reminderSource = z.enum(['list', 'reminder', 'settings']).optional();

const reminderActions = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('snoozeReminder'),
    keys: shortList(reminderKey),
    source: reminderSource,
  }),
  z.object({
    action: z.literal('switchReminders'),
    kinds: shortList(followUpKind),
    on: z.enum(['true', 'false']).transform((on) => on === 'true'),
    source: reminderSource,
  }),
  z.object({
    action: z.literal('delegateDecision'),
    tenantId: cardTenantId,
    declarationId,
    delegateTo: z.string().max(MAX_ID_LENGTH).transform(normaliseGuid).refine(isGuid),
    source: reminderSource,
  }),
  z.object({ action: z.literal('stillNoIntent'), tenantId: cardTenantId, declarationId }),
  z.object({ action: z.literal('nowIntends'), tenantId: cardTenantId, declarationId }),
]);

export type ReminderAction = z.infer<typeof reminderActions>;
export const REMINDER_ACTIONS = reminderActions.options.map((o) => o.shape.action.value);

/** Checks a submit of a reminder's or a digest's buttons. */
export function checkReminderAction(
  value: unknown,
):
  | { readonly ok: true; readonly action: ReminderAction }
  | { readonly ok: false; readonly reason: string } {
  const parsed = reminderActions.safeParse(withDelegate(value));
  if (parsed.success) return { ok: true, action: parsed.data };
  const issue = parsed.error.issues[0];
  if (issue?.path[0] === 'delegateTo') {
    return { ok: false, reason: 'choose the manager to hand the decision to.' };
  }
  return { ok: false, reason: 'it does not name a reminder or declaration I keep.' };
}

/** The delegation's choice box is "delegateTo-<declaration id>", unique on a list of several. */
function withDelegate(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const { declarationId } = value as { declarationId?: unknown };
  if (typeof declarationId !== 'string') return value;
  const chosen = (value as Record<string, unknown>)[`delegateTo-${declarationId}`];
  return chosen === undefined ? value : { ...value, delegateTo: chosen };
}
