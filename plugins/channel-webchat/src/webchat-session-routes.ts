import { Hono } from 'hono';
import type { WidgetConfig } from './webchat-config';
import { WebchatError, WebchatErrorCodes, errorToProblem } from './webchat-errors';
import { admitToWidget, authenticate, presentedToken, requireVisitor, type WebchatEnv } from './webchat-guard';
import { enforceLimit, parseJson } from './webchat-http';
import { normalizeEmail, verifyUserHash } from './webchat-identity';
import { addVisitorNote } from './webchat-notes';
import { applyPendingAttributes, keepPendingAttributes } from './webchat-attributes';
import type { WebchatRuntime } from './webchat-runtime';
import { AttributesSchema, ProfileSchema, SessionCreateSchema, type Profile, type SessionCreate } from './webchat-schemas';
import type { Visitor, VisitorPatch } from './webchat-visitor-store';
import { widgetView } from './webchat-widget-view';

/** A visitor who was created less than this long ago is not "returning". */
const RETURNING_AFTER_MS = 30 * 60 * 1000;

/** What the site asserted about its user, once checked. */
type Claimed = { verified: boolean; externalId: string | null; name: string | null; email: string | null; emailVerified: boolean };

/**
 * The session routes of the visitor API: the public widget config, session create/resume (with
 * HMAC-verified identity and the page's contact attributes), logout, the pre-chat /
 * leave-your-email form and later contact attributes (PROTOCOL.md §3.1–3.4a).
 *
 * @example
 * ctx.http.route('/', createSessionRoutes(runtime));
 */
export function createSessionRoutes(runtime: WebchatRuntime): Hono<WebchatEnv> {
  const { widgets, visitors, limiter, logger } = runtime;
  const routes = new Hono<WebchatEnv>();
  routes.onError((err, c) => errorToProblem(err, c, logger));
  const authed = requireVisitor({ visitors, widgets, limiter });

  routes.get('/v1/widgets/:siteKey', (c) => {
    const widget = widgetBySiteKey(runtime, c.req.param('siteKey'));
    admitToWidget(c, widget, limiter);
    c.header('Cache-Control', 'no-cache');
    return c.json(widgetView(widget, new Date(runtime.now())));
  });

  routes.post('/v1/sessions', async (c) => {
    const body = await parseJson(c, SessionCreateSchema);
    const widget = widgetBySiteKey(runtime, body.site_key);
    admitToWidget(c, widget, limiter);
    enforceLimit(limiter, `sessions:${widget.id}:${c.get('ip')}`, widget.rateLimits.sessionsPerIp, widget.rateLimits.windowSeconds, 'sessions from this address');
    const token = presentedToken(c, false);
    const current = token === undefined ? null : await authenticate(token, visitors, widgets);
    if (current && current.widgetId !== widget.id) {
      throw new WebchatError({ code: WebchatErrorCodes.TOKEN_INVALID, status: 401, message: `channel-webchat: the session token belongs to another widget than ${body.site_key}; start a new session` });
    }
    const claimed = checkUser(runtime, widget, body.user);
    if (widget.identity.required && !claimed.verified && !current?.externalId) {
      throw new WebchatError({
        code: WebchatErrorCodes.IDENTITY_REQUIRED,
        status: 403,
        message: `channel-webchat: widget ${widget.id} only serves signed-in users; send user { external_id, user_hash } computed by the site's backend`,
      });
    }
    const picked = await pickVisitor(runtime, widget, current, claimed, body);
    const { created } = picked;
    let visitor = picked.visitor;
    if (body.attributes) {
      visitor = await keepPendingAttributes(runtime, visitor, body.attributes);
      // The session matters more than the attributes: if the core cannot take them now, they wait for the next message.
      visitor = await applyPendingAttributes(runtime, visitor).then(
        (applied) => applied.visitor,
        (err: unknown) => {
          logger.warn({ err, visitorId: visitor.id }, 'web chat attributes wait for the next message: the core did not take them');
          return visitor;
        },
      );
    }
    const sessionToken = current && current.id === visitor.id && token !== undefined ? token : await visitors.issueToken(visitor, widget.sessionTtlSeconds);
    if (created || current?.id !== visitor.id) logger.info({ visitorId: visitor.id, widget: widget.id, verified: visitor.externalId !== null, created }, 'web chat session started');
    return c.json(await sessionAnswer(runtime, widget, visitor, sessionToken, created), created ? 201 : 200);
  });

  routes.delete('/v1/sessions/current', authed, async (c) => {
    await visitors.revokeToken(c.get('token'));
    return c.body(null, 204);
  });

  routes.post('/v1/profile', authed, async (c) => {
    const profile = await parseJson(c, ProfileSchema);
    const widget = c.get('widget');
    const before = c.get('visitor');
    assertPreChatComplete(widget, before, profile);
    const patch: VisitorPatch = { prechatDone: true };
    if (profile.name !== undefined) patch.name = profile.name;
    if (profile.consent !== undefined) patch.consent = profile.consent;
    // A verified email is better evidence than a typed one; the typed one would only be a hint.
    const newEmail = profile.email !== undefined && !before.emailVerified && profile.email !== before.email ? profile.email : undefined;
    if (newEmail !== undefined) patch.email = newEmail;
    const visitor = await visitors.update(before.id, patch);
    if (newEmail !== undefined && visitor.conversationId) {
      await addVisitorNote(runtime, visitor.conversationId, `email:${visitor.id}:${normalizeEmail(newEmail)}`, `The visitor left an email for a reply: ${newEmail} (typed into the web chat, not verified).`);
    }
    return c.json({ pre_chat: { mode: widget.preChat.mode, completed: true }, user: userView(visitor, widget) });
  });

  routes.post('/v1/attributes', authed, async (c) => {
    const body = await parseJson(c, AttributesSchema);
    const kept = await keepPendingAttributes(runtime, c.get('visitor'), body.attributes);
    const { applied } = await applyPendingAttributes(runtime, kept);
    return c.json({ applied });
  });

  return routes;
}

function widgetBySiteKey(runtime: WebchatRuntime, siteKey: string): WidgetConfig {
  const widget = runtime.widgets.bySiteKey(siteKey);
  if (!widget) throw new WebchatError({ code: WebchatErrorCodes.WIDGET_UNKNOWN, status: 404, message: `channel-webchat: no widget has the site key ${siteKey}; check data-site-key in the embed snippet` });
  return widget;
}

/** Checks the user the page asserted: a valid `user_hash` verifies it, a wrong one is refused. */
function checkUser(runtime: WebchatRuntime, widget: WidgetConfig, user: SessionCreate['user']): Claimed {
  if (!user) return { verified: false, externalId: null, name: null, email: null, emailVerified: false };
  const name = user.name ?? null;
  const email = user.email ?? null;
  if (!user.user_hash) return { verified: false, externalId: null, name, email, emailVerified: false };
  const secrets = runtime.identitySecrets.get(widget.id) ?? [];
  const refuse = (what: string) =>
    new WebchatError({
      code: WebchatErrorCodes.USER_HASH_INVALID,
      status: 401,
      message: `channel-webchat: ${what} does not match; compute it on the site's backend as hex HMAC-SHA256(identity secret of widget ${widget.id}, ${what === 'user.user_hash' ? 'external_id' : 'lower-cased email'})`,
    });
  if (!verifyUserHash(secrets, user.external_id, user.user_hash)) throw refuse('user.user_hash');
  const emailVerified = email !== null && Boolean(user.email_hash);
  if (emailVerified && !verifyUserHash(secrets, normalizeEmail(email), user.email_hash!)) throw refuse('user.email_hash');
  const externalId = widget.identity.namespace ? `${widget.identity.namespace}:${user.external_id}` : user.external_id;
  return { verified: true, externalId, name, email: emailVerified ? normalizeEmail(email) : email, emailVerified };
}

/** Which visitor a session request gets (PROTOCOL.md §3.2, "Which visitor you get"). */
async function pickVisitor(runtime: WebchatRuntime, widget: WidgetConfig, current: Visitor | null, claimed: Claimed, body: SessionCreate): Promise<{ visitor: Visitor; created: boolean }> {
  const { visitors } = runtime;
  const page: VisitorPatch = {
    ...(body.locale !== undefined ? { locale: body.locale } : {}),
    ...(body.page_url !== undefined ? { pageUrl: body.page_url } : {}),
  };
  const details = (visitor: Visitor | null): VisitorPatch => ({
    ...(claimed.name !== null ? { name: claimed.name } : {}),
    // A verified email always wins; a claimed one only fills a gap.
    ...(claimed.email !== null && (claimed.emailVerified || !visitor?.emailVerified) ? { email: claimed.email, emailVerified: claimed.emailVerified } : {}),
  });

  if (claimed.verified && claimed.externalId !== null) {
    const known = await visitors.byExternalId(widget.id, claimed.externalId);
    if (known) return { visitor: await visitors.update(known.id, { ...details(known), ...page }), created: false };
    if (current && current.externalId === null) {
      try {
        return { visitor: await visitors.update(current.id, { externalId: claimed.externalId, ...details(current), ...page }), created: false };
      } catch (err) {
        // Another request claimed this external id for a visitor a moment ago: use that one.
        const raced = await visitors.byExternalId(widget.id, claimed.externalId);
        if (!raced) throw err;
        return { visitor: raced, created: false };
      }
    }
    return visitors.create({ widgetId: widget.id, externalId: claimed.externalId, ...details(null), ...page });
  }
  if (current) return { visitor: await visitors.update(current.id, { ...details(current), ...page }), created: false };
  return visitors.create({ widgetId: widget.id, ...details(null), ...page });
}

/** Refuses a first pre-chat submission that lacks a field the widget requires. */
function assertPreChatComplete(widget: WidgetConfig, visitor: Visitor, profile: Profile): void {
  const form = widget.preChat;
  if (form.mode === 'off' || visitor.prechatDone) return;
  const errors: Array<{ path: string; message: string }> = [];
  if (form.name === 'required' && profile.name === undefined && visitor.name === null) errors.push({ path: 'name', message: 'name is required by the pre-chat form' });
  if (form.email === 'required' && profile.email === undefined && visitor.email === null) errors.push({ path: 'email', message: 'email is required by the pre-chat form' });
  if (form.consent === 'required' && profile.consent !== true) errors.push({ path: 'consent', message: 'consent must be true: the pre-chat form requires it' });
  if (errors.length === 0) return;
  throw new WebchatError({
    code: WebchatErrorCodes.INVALID_BODY,
    status: 422,
    message: `channel-webchat: the pre-chat form is incomplete: ${errors.map((e) => e.message).join('; ')}`,
    details: errors,
  });
}

/**
 * The visitor's identity as the widget shows it; `external_id` without the widget's namespace.
 *
 * @example
 * userView(visitor, widget); // { external_id: 'cust_000042', name: 'Dana', email: null, email_verified: false }
 */
export function userView(visitor: Visitor, widget: WidgetConfig) {
  if (visitor.externalId === null && visitor.name === null && visitor.email === null) return null;
  const prefix = widget.identity.namespace ? `${widget.identity.namespace}:` : '';
  const externalId = visitor.externalId !== null && visitor.externalId.startsWith(prefix) ? visitor.externalId.slice(prefix.length) : visitor.externalId;
  return { external_id: externalId, name: visitor.name, email: visitor.email, email_verified: visitor.emailVerified };
}

async function sessionAnswer(runtime: WebchatRuntime, widget: WidgetConfig, visitor: Visitor, sessionToken: string, created: boolean) {
  const [lastSeq, unread] = await Promise.all([runtime.messages.lastSeq(visitor.id), runtime.messages.unread(visitor.id, visitor.readSeq)]);
  const verified = visitor.externalId !== null;
  return {
    session_token: sessionToken,
    visitor_id: visitor.id,
    resumed: !created,
    returning: !created && Date.parse(visitor.createdAt) < runtime.now() - RETURNING_AFTER_MS,
    verified,
    user: userView(visitor, widget),
    conversation: conversationView(visitor),
    last_seq: lastSeq,
    read_up_to_seq: visitor.readSeq,
    agent_read_up_to_seq: visitor.agentReadSeq,
    unread,
    pre_chat: { mode: widget.preChat.mode, completed: visitor.prechatDone || verified || widget.preChat.mode === 'off' },
    csat: csatView(visitor, widget),
    stream_url: '/plugins/channel-webchat/v1/stream',
    ...widgetView(widget, new Date(runtime.now())),
  };
}

/**
 * The visitor's current conversation, or null before their first message.
 *
 * @example
 * conversationView(visitor); // { id: '01J…', status: 'open' }
 */
export function conversationView(visitor: Visitor): { id: string; status: string } | null {
  return visitor.conversationId ? { id: visitor.conversationId, status: visitor.conversationStatus ?? 'open' } : null;
}

/**
 * The rating waiting for the visitor, if the widget asks for ratings.
 *
 * @example
 * csatView(visitor, widget); // { pending: { conversation_id: '01J…' } }
 */
export function csatView(visitor: Visitor, widget: WidgetConfig): { pending: { conversation_id: string } | null } {
  return { pending: widget.csat.enabled && visitor.csatConversationId ? { conversation_id: visitor.csatConversationId } : null };
}

