import { IdentitySchema, LegSchema } from '@switchboard/events';
import * as v from 'valibot';
import type { WriteQueue } from '../db/write-queue';
import type { Database } from '../db/open-database';
import { CoreError, CoreErrorCodes } from '../errors';
import type { ChannelCatalog } from '../host/channel-catalog';
import { listReplyOptions, openLeg } from '../store/conversation-legs';
import type { createApiRouter } from './api-route';
import { IdParamSchema } from './api-schemas';
import { eventContextOf } from './request-actor';

const channelId = v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]*$/, 'channel must be a plugin id'));

export const OpenLegBodySchema = v.object({
  channel: channelId,
  account: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
  /** Which of the contact's identities to write to; the oldest of the account's identity type when left out. */
  identity: v.optional(IdentitySchema),
});
export const OpenLegResponseSchema = v.object({ leg: LegSchema, created: v.boolean() });
export const ReplyOptionsSchema = v.object({
  items: v.array(
    v.object({
      kind: v.picklist(['leg', 'new']),
      legId: v.nullable(v.string()),
      channel: v.string(),
      account: v.string(),
      accountLabel: v.nullable(v.string()),
      thread: v.string(),
      identity: v.nullable(IdentitySchema),
      lastInboundAt: v.nullable(v.string()),
      replyWindowClosesAt: v.nullable(v.string()),
    }),
  ),
});

/**
 * Where a reply can go: the conversation's legs and the legs that could be opened on other
 * channels for its contact; opening one.
 *
 * @example
 * registerLegRoutes(api, { db, queue, catalog });
 */
export function registerLegRoutes(api: ReturnType<typeof createApiRouter>, deps: { db: Database; queue: WriteQueue; catalog: ChannelCatalog }): void {
  const { db, queue, catalog } = deps;
  const tags = ['conversations'];
  api.route(
    {
      method: 'get',
      path: '/conversations/:id/reply-options',
      summary:
        "Where a reply can go: the conversation's legs (kind leg), then a possible new leg (kind new, legId null) for each account of an enabled channel whose identityType the contact has an identity of — each with replyWindowClosesAt (null: no window)",
      tags,
      auth: 'any',
      params: IdParamSchema,
      responses: { 200: { description: 'reply options, legs first', schema: ReplyOptionsSchema } },
    },
    async (c, { params }) => c.json(await listReplyOptions(db, params.id, catalog)),
  );
  api.route(
    {
      method: 'post',
      path: '/conversations/:id/legs',
      summary:
        "Open a leg on another channel account for the conversation's contact (thread = their identity's value); replies with that legId go there. Idempotent: the same leg again answers 200. 422 SWB_ERR_LEG_UNAVAILABLE when the channel does not offer the account or the contact has no identity it writes to",
      tags,
      auth: 'any',
      params: IdParamSchema,
      body: OpenLegBodySchema,
      responses: { 201: { description: 'opened', schema: OpenLegResponseSchema }, 200: { description: 'the conversation already had this leg', schema: OpenLegResponseSchema } },
    },
    async (c, { params, body }) => {
      const account = catalog.channels().includes(body.channel) ? (await catalog.accounts(body.channel)).find((a) => a.id === body.account) : undefined;
      if (!account) {
        throw new CoreError({
          code: CoreErrorCodes.LEG_UNAVAILABLE,
          message: `channel ${body.channel} offers no account ${body.account}: it is not enabled, not running, or has no such account (GET /conversations/${params.id}/reply-options lists what is possible)`,
          status: 422,
        });
      }
      const result = await queue.write((tx) => openLeg(tx, { conversationId: params.id, channel: body.channel, account, identity: body.identity }, eventContextOf(c)));
      return c.json(result, result.created ? 201 : 200);
    },
  );
}
