import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import type { Agent, Capabilities, LabelCount, Team } from '../api/api-types';
import { useSession, useSignedIn } from '../auth/session-context';
import { useRealtime } from '../realtime/realtime-context';

// Who and what the inbox names: agents (with live presence), teams, labels in use, and what the
// server can do. Cached app-wide by TanStack Query and kept live by events.

const EMPTY_AGENTS: Agent[] = [];
const EMPTY_TEAMS: Team[] = [];
const EMPTY_LABELS: LabelCount[] = [];

/**
 * Every agent, with presence kept live by `core.agent.presence_changed.v1`.
 *
 * @example
 * const { agents, byId } = useAgents();
 */
export function useAgents(): { agents: Agent[]; byId: ReadonlyMap<string, Agent> } {
  const { api } = useSignedIn();
  const query = useQuery({ queryKey: ['agents'], queryFn: () => api.listAgents(), staleTime: 60_000 });
  const agents = query.data?.items ?? EMPTY_AGENTS;
  const byId = useMemo(() => new Map(agents.map((a) => [a.id, a])), [agents]);
  return { agents, byId };
}

/**
 * The teams (`GET /teams`), refreshed when teams or memberships change.
 *
 * @example
 * const { teams, byId } = useTeams();
 */
export function useTeams(): { teams: Team[]; byId: ReadonlyMap<string, Team> } {
  const { api } = useSignedIn();
  const query = useQuery({ queryKey: ['teams'], queryFn: ({ signal }) => api.listTeams(signal), staleTime: 60_000 });
  const teams = query.data?.items ?? EMPTY_TEAMS;
  const byId = useMemo(() => new Map(teams.map((t) => [t.id, t])), [teams]);
  return { teams, byId };
}

/**
 * The labels in use, most used first (`GET /labels`), for filters and autocomplete.
 *
 * @example
 * const labels = useLabels(); labels.map((l) => l.label);
 */
export function useLabels(): LabelCount[] {
  const { api } = useSignedIn();
  const query = useQuery({ queryKey: ['labels'], queryFn: ({ signal }) => api.listLabels(signal), staleTime: 30_000 });
  return query.data?.items ?? EMPTY_LABELS;
}

/**
 * What the server runs (`GET /capabilities`): plugins with their state, composer actions.
 *
 * @example
 * const caps = useCapabilities(); caps?.composerActions;
 */
export function useCapabilities(): Capabilities | undefined {
  const { api } = useSignedIn();
  return useQuery({ queryKey: ['capabilities'], queryFn: ({ signal }) => api.capabilities(signal), staleTime: 5 * 60_000 }).data;
}

/**
 * Keeps the directory live, once in the shell: presence (mine and everyone's), teams, labels and
 * contacts refresh from their events; my presence is read again after a reset.
 *
 * @example
 * useLiveDirectory();
 */
export function useLiveDirectory(): void {
  const { agent, api } = useSignedIn();
  const { updateAgent } = useSession();
  const { client, onReset } = useRealtime();
  const queryClient = useQueryClient();
  const meId = agent.id;
  useEffect(() => {
    let labelsTimer: ReturnType<typeof setTimeout> | null = null;
    const off = client.subscribe((event) => {
      switch (event.type) {
        case 'core.agent.presence_changed.v1': {
          const { agentId, presence } = event.data as { agentId: string; presence: Agent['presence'] };
          queryClient.setQueryData<{ items: Agent[] }>(['agents'], (old) => (old ? { items: old.items.map((a) => (a.id === agentId ? { ...a, presence } : a)) } : old));
          if (agentId === meId) updateAgent((current) => ({ ...current, presence }));
          break;
        }
        case 'core.team.created.v1':
        case 'core.team.member_added.v1':
        case 'core.team.member_removed.v1':
          void queryClient.invalidateQueries({ queryKey: ['teams'] });
          break;
        case 'core.conversation.labels_changed.v1':
          // Labels in use change with every edit somewhere: one refresh for a burst.
          labelsTimer ??= setTimeout(() => {
            labelsTimer = null;
            void queryClient.invalidateQueries({ queryKey: ['labels'] });
          }, 2000);
          break;
        case 'core.contact.merged.v1':
        case 'core.contact.identity_linked.v1':
        case 'core.contact.updated.v1':
          void queryClient.invalidateQueries({ queryKey: ['contact'] });
          break;
        default:
          break;
      }
    });
    const offReset = onReset(() => {
      api.me().then(
        (me) => me.kind === 'agent' && updateAgent(() => me.agent),
        () => undefined,
      );
    });
    return () => {
      off();
      offReset();
      if (labelsTimer) clearTimeout(labelsTimer);
    };
  }, [client, onReset, queryClient, api, meId, updateAgent]);
}
