import type { Actor } from '@switchboard/events';
import type { Agent, Priority, Team } from '../api/api-types';
import { priorityLabel } from '../ui/badges';
import { channelInfo } from '../lib/channel-label';
import { fullTime, messageTime } from '../lib/time-format';
import type { SystemEvent } from './timeline-merge';

/**
 * A system event inline in the timeline: conversation started, continued on another channel,
 * assigned, unassigned, status, team, priority and labels changed.
 *
 * @example
 * <SystemLine event={item.event} agents={agentsById} teams={teamsById} now={now} meId={me.id} />
 */
export function SystemLine({ event, agents, teams, now, meId }: { event: SystemEvent; agents: ReadonlyMap<string, Agent>; teams?: ReadonlyMap<string, Team>; now: number; meId: string }) {
  return (
    <div className="sysline" role="note">
      <span className="sysline__text">{describe(event, agents, meId, teams)}</span>
      <time className="sysline__time" dateTime={event.time} title={fullTime(event.time)}>
        {messageTime(event.time, now)}
      </time>
    </div>
  );
}

function agentName(id: string | null, agents: ReadonlyMap<string, Agent>, meId: string): string {
  if (!id) return 'someone';
  if (id === meId) return 'you';
  return agents.get(id)?.name ?? 'an agent';
}

function actorName(actor: Actor, agents: ReadonlyMap<string, Agent>, meId: string): string {
  switch (actor.kind) {
    case 'agent':
      return capitalize(agentName(actor.id, agents, meId));
    case 'contact':
      return 'The customer';
    case 'plugin':
      return capitalize(actor.id);
    case 'token':
      return 'An integration';
    default:
      return 'Switchboard';
  }
}

/**
 * The sentence for a system event.
 *
 * @example
 * describe(assignedEvent, agents, meId); // 'Ada assigned this to you'
 */
export function describe(event: SystemEvent, agents: ReadonlyMap<string, Agent>, meId: string, teams: ReadonlyMap<string, Team> = new Map()): string {
  const teamName = (id: string | null) => (id ? `the ${teams.get(id)?.name ?? 'other'} team` : 'no team');
  switch (event.type) {
    case 'core.conversation.opened.v1':
      return `Conversation started on ${channelInfo(event.data.leg.channel).label}`;
    case 'core.conversation.leg_added.v1':
      return `Continued on ${channelInfo(event.data.leg.channel).label}`;
    case 'core.conversation.assigned.v1': {
      const who = actorName(event.data.actor, agents, meId);
      const to = agentName(event.data.agentId, agents, meId);
      if (event.data.actor.kind === 'agent' && event.data.actor.id === event.data.agentId) return `${who} took this conversation`;
      return `${who} assigned this to ${to}`;
    }
    case 'core.conversation.unassigned.v1':
      return `${actorName(event.data.actor, agents, meId)} unassigned ${agentName(event.data.previousAgentId, agents, meId)}`;
    case 'core.conversation.team_changed.v1': {
      const who = actorName(event.data.actor, agents, meId);
      if (!event.data.teamId) return `${who} removed the conversation from ${teamName(event.data.previousTeamId)}`;
      return `${who} handed the conversation to ${teamName(event.data.teamId)}`;
    }
    case 'core.conversation.priority_changed.v1': {
      const who = actorName(event.data.actor, agents, meId);
      if (!event.data.priority) return `${who} cleared the priority`;
      return `${who} set the priority to ${priorityLabel(event.data.priority as Priority).toLowerCase()}`;
    }
    case 'core.conversation.labels_changed.v1': {
      const who = actorName(event.data.actor, agents, meId);
      const { added, removed } = event.data;
      const parts = [added.length ? `added ${plural(added, 'label')}` : null, removed.length ? `removed ${plural(removed, 'label')}` : null].filter(Boolean);
      return parts.length ? `${who} ${parts.join(' and ')}` : `${who} changed the labels`;
    }
    case 'core.conversation.status_changed.v1': {
      const who = actorName(event.data.actor, agents, meId);
      switch (event.data.to) {
        case 'resolved':
          return `${who} resolved the conversation`;
        case 'pending':
          return `${who} set the conversation to pending`;
        case 'snoozed':
          return `${who} snoozed the conversation${event.data.snoozedUntil ? ` until ${fullTime(event.data.snoozedUntil)}` : ''}`;
        case 'open':
          return event.data.actor.kind === 'contact' ? 'Reopened: the customer wrote again' : `${who} reopened the conversation`;
      }
    }
  }
}

function plural(items: readonly string[], noun: string): string {
  const quoted = items.map((i) => `“${i}”`);
  const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
  return `the ${noun}${items.length === 1 ? '' : 's'} ${list}`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
