import type { Database } from '../db/open-database';
import type { WriteQueue } from '../db/write-queue';
import { addTeamMember, createTeam, listTeams, removeTeamMember } from '../store/teams';
import { CreateTeamBodySchema, TeamMemberBodySchema, TeamMemberParamsSchema, TeamSchema } from './api-inbox-schemas';
import type { createApiRouter } from './api-route';
import { IdParamSchema } from './api-schemas';
import * as v from 'valibot';
import { eventContextOf } from './request-actor';

/**
 * Teams: anyone lists them; admins create them and manage members.
 *
 * @example
 * registerTeamRoutes(api, { db, queue });
 */
export function registerTeamRoutes(api: ReturnType<typeof createApiRouter>, deps: { db: Database; queue: WriteQueue }): void {
  const { db, queue } = deps;
  const tags = ['teams'];
  api.route(
    { method: 'get', path: '/teams', summary: 'Teams with their members (agent ids)', tags, auth: 'any', responses: { 200: { description: 'teams', schema: v.object({ items: v.array(TeamSchema) }) } } },
    async (c) => c.json(await listTeams(db)),
  );
  api.route(
    { method: 'post', path: '/teams', summary: 'Create a team (admin); 409 when the name is taken', tags, auth: 'admin', body: CreateTeamBodySchema, responses: { 201: { description: 'created', schema: TeamSchema } } },
    async (c, { body }) => c.json(await queue.write((tx) => createTeam(tx, body.name, eventContextOf(c))), 201),
  );
  api.route(
    {
      method: 'post',
      path: '/teams/:id/members',
      summary: 'Add an agent to a team (admin); adding a member again changes nothing',
      tags,
      auth: 'admin',
      params: IdParamSchema,
      body: TeamMemberBodySchema,
      responses: { 200: { description: 'the team', schema: TeamSchema } },
    },
    async (c, { params, body }) => c.json((await queue.write((tx) => addTeamMember(tx, params.id, body.agentId, eventContextOf(c)))).team),
  );
  api.route(
    { method: 'delete', path: '/teams/:id/members/:agentId', summary: 'Remove an agent from a team (admin)', tags, auth: 'admin', params: TeamMemberParamsSchema, responses: { 204: { description: 'not a member (any more)' } } },
    async (c, { params }) => {
      await queue.write((tx) => removeTeamMember(tx, params.id, params.agentId, eventContextOf(c)));
      return c.body(null, 204);
    },
  );
}
