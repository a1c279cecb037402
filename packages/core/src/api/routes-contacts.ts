import type { Database } from '../db/open-database';
import type { WriteQueue } from '../db/write-queue';
import { mergeContacts } from '../store/contact-merge';
import { dismissMergeSuggestion, listMergeSuggestions } from '../store/contact-suggestions';
import { getContact, searchContacts } from '../store/queries';
import { ContactResponseSchema, DismissResponseSchema, SuggestionParamsSchema, SuggestionsResponseSchema } from './api-contact-schemas';
import { EmptyBodySchema, MergeBodySchema, MergeResponseSchema } from './api-inbox-schemas';
import type { createApiRouter } from './api-route';
import { ContactSearchQuerySchema, IdParamSchema } from './api-schemas';
import { actorOf, eventContextOf } from './request-actor';

/**
 * Contacts: find, read with every conversation on any channel, merge two that are one person, and
 * the merge suggestions unverified details give (list, dismiss; accepting one is a merge).
 *
 * @example
 * registerContactRoutes(api, { db, queue });
 */
export function registerContactRoutes(api: ReturnType<typeof createApiRouter>, deps: { db: Database; queue: WriteQueue }): void {
  const { db, queue } = deps;
  const tags = ['contacts'];
  api.route(
    { method: 'get', path: '/contacts', summary: 'Find contacts by name or identity (phone however typed, email in any case, …)', tags, auth: 'any', query: ContactSearchQuerySchema, responses: { 200: { description: 'matches' } } },
    async (c, { query }) => c.json(await searchContacts(db, query.q, query.limit)),
  );
  api.route(
    {
      method: 'get',
      path: '/contacts/:id',
      summary: 'A contact with its verified identities, unverified details and every conversation on any channel',
      tags,
      auth: 'any',
      params: IdParamSchema,
      responses: { 200: { description: 'the contact', schema: ContactResponseSchema } },
    },
    async (c, { params }) => c.json(await getContact(db, params.id)),
  );
  api.route(
    {
      method: 'get',
      path: '/contacts/:id/suggestions',
      summary:
        'Contacts that may be the same person: one has as an identity what the other has as an unverified detail (a hint: an email typed into a form, a phone from a CRM). Merge to accept (POST /contacts/:id/merge), or dismiss',
      tags,
      auth: 'any',
      params: IdParamSchema,
      responses: { 200: { description: 'suggestions, oldest contact first, each with its reasons', schema: SuggestionsResponseSchema } },
    },
    async (c, { params }) => c.json(await listMergeSuggestions(db, params.id)),
  );
  api.route(
    {
      method: 'post',
      path: '/contacts/:id/suggestions/:otherId/dismiss',
      summary: 'Dismiss the suggestion that two contacts are one person; it is not made again. 404 (SWB_ERR_SUGGESTION_NOT_FOUND) when nothing suggests it',
      tags,
      auth: 'any',
      params: SuggestionParamsSchema,
      body: EmptyBodySchema,
      responses: { 200: { description: 'dismissed (also when it was already)', schema: DismissResponseSchema } },
    },
    async (c, { params, principal }) => c.json(await queue.write((tx) => dismissMergeSuggestion(tx, params.id, params.otherId, actorOf(principal)))),
  );
  api.route(
    {
      method: 'post',
      path: '/contacts/:id/merge',
      summary: "Merge another contact into this one: its identities and conversations move here, it points here from now on; 422 for itself, 409 when either was merged already",
      tags,
      auth: 'any',
      params: IdParamSchema,
      body: MergeBodySchema,
      responses: { 200: { description: 'merged', schema: MergeResponseSchema } },
    },
    async (c, { params, body, principal }) =>
      c.json(await queue.write((tx) => mergeContacts(tx, { survivorId: params.id, mergedId: body.otherContactId, actor: actorOf(principal) }, eventContextOf(c)))),
  );
}
