import { newId } from '@switchboard/events';
import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../db/open-database';
import { agents, teamMembers, teams } from '../db/schema';
import type { Tx } from '../db/write-queue';
import { CoreError, CoreErrorCodes } from '../errors';
import { appendEvent, type EventContext } from './event-journal';

/** A team as the API shows it: its members as agent ids. */
export type TeamView = { id: string; name: string; createdAt: string; agentIds: string[] };

/**
 * Every team with its members, by name.
 *
 * @example
 * const { items } = await listTeams(db);
 */
export async function listTeams(db: Database | Tx): Promise<{ items: TeamView[] }> {
  const rows = await db.select().from(teams).orderBy(asc(teams.name));
  const members = await db.select().from(teamMembers).orderBy(asc(teamMembers.agentId));
  return {
    items: rows.map((t) => ({ id: t.id, name: t.name, createdAt: t.createdAt, agentIds: members.filter((m) => m.teamId === t.id).map((m) => m.agentId) })),
  };
}

/**
 * Creates a team; a name in use is a 409.
 *
 * @example
 * const team = await queue.write((tx) => createTeam(tx, 'Billing', ctx));
 */
export async function createTeam(tx: Tx, name: string, context: EventContext): Promise<TeamView> {
  const [existing] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.name, name));
  if (existing) throw new CoreError({ code: CoreErrorCodes.CONFLICT, message: `a team named "${name}" exists already (${existing.id})`, status: 409 });
  const team = { id: newId(), name, createdAt: new Date().toISOString() };
  await tx.insert(teams).values(team);
  await appendEvent(tx, 'core.team.created.v1', { teamId: team.id, name }, { ...context, subject: team.id });
  return { ...team, agentIds: [] };
}

/**
 * Adds an agent to a team; adding a member again changes nothing. Unknown team: 404; unknown or
 * disabled agent: 422.
 *
 * @example
 * await queue.write((tx) => addTeamMember(tx, teamId, agentId, ctx));
 */
export async function addTeamMember(tx: Tx, teamId: string, agentId: string, context: EventContext): Promise<{ changed: boolean; team: TeamView }> {
  await requireTeam(tx, teamId);
  const [agent] = await tx.select({ id: agents.id, disabledAt: agents.disabledAt }).from(agents).where(eq(agents.id, agentId));
  if (!agent || agent.disabledAt) throw new CoreError({ code: CoreErrorCodes.AGENT_NOT_FOUND, message: `agent ${agentId} does not exist or is disabled`, status: 422 });
  const inserted = await tx.insert(teamMembers).values({ teamId, agentId }).onConflictDoNothing().returning();
  if (inserted.length > 0) await appendEvent(tx, 'core.team.member_added.v1', { teamId, agentId }, { ...context, subject: teamId });
  return { changed: inserted.length > 0, team: await teamView(tx, teamId) };
}

/**
 * Removes an agent from a team; removing a non-member changes nothing (a retried DELETE is fine).
 *
 * @example
 * await queue.write((tx) => removeTeamMember(tx, teamId, agentId, ctx));
 */
export async function removeTeamMember(tx: Tx, teamId: string, agentId: string, context: EventContext): Promise<{ changed: boolean }> {
  await requireTeam(tx, teamId);
  const removed = await tx
    .delete(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.agentId, agentId)))
    .returning();
  if (removed.length > 0) await appendEvent(tx, 'core.team.member_removed.v1', { teamId, agentId }, { ...context, subject: teamId });
  return { changed: removed.length > 0 };
}

async function requireTeam(tx: Tx, teamId: string) {
  const [team] = await tx.select().from(teams).where(eq(teams.id, teamId));
  if (!team) throw new CoreError({ code: CoreErrorCodes.TEAM_NOT_FOUND, message: `team ${teamId} does not exist`, status: 404 });
  return team;
}

async function teamView(tx: Tx, teamId: string): Promise<TeamView> {
  const team = await requireTeam(tx, teamId);
  const members = await tx.select({ agentId: teamMembers.agentId }).from(teamMembers).where(eq(teamMembers.teamId, teamId)).orderBy(asc(teamMembers.agentId));
  return { id: team.id, name: team.name, createdAt: team.createdAt, agentIds: members.map((m) => m.agentId) };
}
