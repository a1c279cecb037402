import * as v from 'valibot';
import { WebchatError, WebchatErrorCodes } from './webchat-errors';
import { addVisitorNote } from './webchat-notes';
import type { WebchatRuntime } from './webchat-runtime';
import type { WidgetConfig } from './webchat-config';
import type { Visitor } from './webchat-visitor-store';

/** The event published when a visitor rates a resolved conversation. */
export const CSAT_SUBMITTED_EVENT = 'channel-webchat.csat.submitted.v1';

/** `data` of `channel-webchat.csat.submitted.v1`; the event's `subject` is the conversation id. */
export const CsatSubmittedSchema = v.object({
  widgetId: v.string(),
  visitorId: v.string(),
  conversationId: v.string(),
  contactId: v.nullable(v.string()),
  rating: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5)),
  comment: v.nullable(v.string()),
  submittedAt: v.string(),
});
/** A submitted rating as published. */
export type CsatSubmitted = v.InferOutput<typeof CsatSubmittedSchema>;

/**
 * Records a visitor's rating of the resolved conversation they were offered to rate: a private
 * note for agents (idempotent), the `channel-webchat.csat.submitted.v1` event, then the row that
 * makes a second rating a 409. A retry after a partial failure repeats the note harmlessly; the
 * event is at-least-once, as every event is.
 *
 * @example
 * const csat = await submitCsat(runtime, visitor, widget, { conversation_id, rating: 5, comment: null });
 */
export async function submitCsat(
  runtime: Pick<WebchatRuntime, 'bus' | 'messages' | 'visitors' | 'now' | 'logger'>,
  visitor: Visitor,
  widget: WidgetConfig,
  input: { conversation_id: string; rating: number; comment?: string | null | undefined },
): Promise<CsatSubmitted> {
  const notOffered = (why: string) => new WebchatError({ code: WebchatErrorCodes.CSAT_NOT_OFFERED, status: 409, message: `channel-webchat: ${why}` });
  if (!widget.csat.enabled) throw notOffered(`widget ${widget.id} does not ask for ratings (csat.enabled is false)`);
  if (visitor.csatConversationId !== input.conversation_id) throw notOffered(`conversation ${input.conversation_id} is not waiting for this visitor's rating (it is offered once the conversation is resolved)`);
  if (await runtime.messages.hasCsat(input.conversation_id, visitor.id)) throw notOffered(`conversation ${input.conversation_id} was rated already`);
  const comment = input.comment ? input.comment : null;
  const submitted: CsatSubmitted = {
    widgetId: widget.id,
    visitorId: visitor.id,
    conversationId: input.conversation_id,
    contactId: visitor.contactId,
    rating: input.rating,
    comment,
    submittedAt: new Date(runtime.now()).toISOString(),
  };
  const stars = '★'.repeat(input.rating) + '☆'.repeat(5 - input.rating);
  await addVisitorNote(runtime, input.conversation_id, `csat:${input.conversation_id}:${visitor.id}`, `Customer rating ${stars} ${input.rating}/5${comment ? ` — “${comment}”` : ''}`);
  await runtime.bus.publish(CSAT_SUBMITTED_EVENT, submitted, { subject: input.conversation_id });
  const stored = await runtime.messages.addCsat({ ...submitted, comment });
  if (!stored) throw notOffered(`conversation ${input.conversation_id} was rated already`);
  await runtime.visitors.clearCsat(visitor.id, input.conversation_id);
  runtime.logger.info({ visitorId: visitor.id, conversationId: input.conversation_id, rating: input.rating }, 'rating submitted');
  return submitted;
}
