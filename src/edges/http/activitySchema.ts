/**
 * The shape an incoming activity must have before a turn runs: what botbuilder and the bot read
 * without checking (who sent it, to whom, where, over which service, the text, the members that
 * joined or left, the mentions, the Teams channel data). Anything else the activity carries is
 * passed on as it came; card submit values are checked by the Teams layer's own schema.
 */
import { ActivityTypes } from 'botbuilder';
import { z } from 'zod';

/** Deeper than any card submit or invoke value; only there to refuse a forged pile of arrays. */
const MAX_VALUE_DEPTH = 32;

/** What a channel sends a bot; invokeResponse and trace only ever go the other way. */
const INCOMING_TYPES = Object.values(ActivityTypes).filter(
  (type) => type !== ActivityTypes.InvokeResponse && type !== ActivityTypes.Trace,
) as [string, ...string[]];

const id = z.string().min(1);

const account = z
  .object({ id, name: z.string().optional(), aadObjectId: z.string().optional() })
  .passthrough();

const namedThing = z.object({ id, name: z.string().optional() }).passthrough();

const mention = z
  .object({
    type: z.literal('mention'),
    mentioned: z.object({ id }).passthrough(),
    text: z.string(),
  })
  .passthrough();

/** botbuilder strips the bot's @mention from the text, reading each mention's id and text. */
const entity = z
  .object({ type: z.string() })
  .passthrough()
  .superRefine((value, context) => {
    if (value.type !== 'mention') return;
    for (const issue of mention.safeParse(value).error?.issues ?? []) context.addIssue(issue);
  });

const teamsChannelData = z
  .object({
    eventType: z.string().optional(),
    team: namedThing.optional(),
    channel: namedThing.optional(),
    tenant: z.object({ id }).passthrough().optional(),
  })
  .passthrough();

const serviceUrl = z
  .string()
  .url()
  .refine((url) => /^https?:\/\//i.test(url), 'must be an http or https URL');

export const incomingActivity = z
  .object({
    type: z.enum(INCOMING_TYPES, {
      errorMap: () => ({ message: 'must be an activity type such as message or invoke' }),
    }),
    id: z.string().optional(),
    name: z.string().optional(),
    channelId: id,
    serviceUrl,
    from: account,
    recipient: account,
    conversation: z
      .object({
        id,
        conversationType: z.string().optional(),
        tenantId: z.string().optional(),
        isGroup: z.boolean().optional(),
      })
      .passthrough(),
    text: z.string().optional(),
    membersAdded: z.array(account).optional(),
    membersRemoved: z.array(account).optional(),
    entities: z.array(entity).optional(),
    channelData: teamsChannelData.optional(),
    value: z.unknown().refine((value) => nestingWithin(value, MAX_VALUE_DEPTH), {
      message: `must not be nested more than ${MAX_VALUE_DEPTH} levels deep`,
    }),
  })
  .passthrough()
  .refine((activity) => activity.text !== undefined || !activity.entities?.some(isMention), {
    message: 'mentions someone but has no text',
    path: ['text'],
  });

export type IncomingActivity = z.infer<typeof incomingActivity>;

export type ActivityCheck =
  | { readonly ok: true; readonly activity: IncomingActivity }
  | { readonly ok: false; readonly problem: string };

/** The parsed body as an activity, or the first problem with it in a few plain words. */
export function checkActivity(body: unknown): ActivityCheck {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false, problem: 'the body must be a JSON object (an activity)' };
  const parsed = incomingActivity.safeParse(body);
  if (parsed.success) return { ok: true, activity: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.join('.') || 'activity';
  return { ok: false, problem: `${where}: ${issue?.message ?? 'invalid'}` };
}

function isMention(entity: { type: string }): boolean {
  return entity.type === 'mention';
}

function nestingWithin(value: unknown, levels: number): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (levels === 0) return false;
  return Object.values(value).every((inner) => nestingWithin(inner, levels - 1));
}
