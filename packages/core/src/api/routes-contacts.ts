import type { Database } from '../db/open-database';
import type { WriteQueue } from '../db/write-queue';
import { mergeContacts } from '../store/contact-merge';
import { getContact, searchContacts } from '../store/queries';
import { MergeBodySchema, MergeResponseSchema } from './api-inbox-schemas';
import type { createApiRouter } from './api-route';
import { ContactSearchQuerySchema, IdParamSchema } from './api-schemas';
import { actorOf, eventContextOf } from './request-actor';

/**
 * Contacts: find, read with every conversation on any channel, merge two that are one person.
 *
 * @example
 * registerContactRoutes(api, { db, queue });
 */
export function registerContactRoutes(api: ReturnType<typeof createApiRouter>, deps: { db: Database; queue: WriteQueue }): void {
  const { db, queue } = deps;
  const tags = ['contacts'];
  api.route(
    { method: 'get', path: '/contacts', summary: 'Find contacts by name or identity (phone, email, …)', tags, auth: 'any', query: ContactSearchQuerySchema, responses: { 200: { description: 'matches' } } },
    async (c, { query }) => c.json(await searchContacts(db, query.q, query.limit)),
  );
  api.route(
    { method: 'get', path: '/contacts/:id', summary: 'A contact with identities and every conversation on any channel', tags, auth: 'any', params: IdParamSchema, responses: { 200: { description: 'the contact' } } },
    async (c, { params }) => c.json(await getContact(db, params.id)),
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
