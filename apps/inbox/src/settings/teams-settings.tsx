import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { ApiError } from '../api/api-error';
import type { Team } from '../api/api-types';
import { useSignedIn } from '../auth/session-context';
import { useAgents, useTeams } from '../shell/directory';
import { Avatar } from '../ui/badges';
import { XIcon } from '../ui/icons';
import { useToast } from '../ui/toast';

/**
 * Teams: who is in which, add and remove members, create a team. Conversations are handed to a
 * team from the conversation (`t`); routing will use the members.
 *
 * @example
 * <TeamsSettings />
 */
export function TeamsSettings() {
  const { api } = useSignedIn();
  const toast = useToast();
  const queryClient = useQueryClient();
  const { teams } = useTeams();
  const [name, setName] = useState('');
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['teams'] });
  const create = useMutation({
    mutationFn: () => api.createTeam(name),
    onSuccess: (team) => {
      toast.show(`Team ${team.name} created`);
      setName('');
      refresh();
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <div className="settings__grid">
      <section className="card" aria-labelledby="teams-title">
        <h2 id="teams-title">Teams</h2>
        {teams.length === 0 && <p className="muted">No teams yet.</p>}
        <ul className="teams">
          {teams.map((t) => (
            <TeamRow key={t.id} team={t} onChanged={refresh} />
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="new-team-title">
        <h2 id="new-team-title">Create a team</h2>
        <form className="form" onSubmit={onSubmit}>
          <label className="field">
            <span>Name</span>
            <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} placeholder="Billing" />
          </label>
          {create.isError && (
            <p className="notice notice--error" role="alert">
              {(create.error as ApiError).message}
            </p>
          )}
          <button className="btn btn--primary" type="submit" disabled={create.isPending || !name.trim()}>
            {create.isPending ? 'Creating…' : 'Create team'}
          </button>
        </form>
      </section>
    </div>
  );
}

function TeamRow({ team, onChanged }: { team: Team; onChanged(): void }) {
  const { api } = useSignedIn();
  const toast = useToast();
  const { agents, byId } = useAgents();
  const [adding, setAdding] = useState('');
  const change = useMutation({
    mutationFn: async (op: { add?: string; remove?: string }): Promise<void> => {
      if (op.add) await api.addTeamMember(team.id, op.add);
      else if (op.remove) await api.removeTeamMember(team.id, op.remove);
    },
    onSuccess: () => {
      setAdding('');
      onChanged();
    },
    onError: (err) => toast.show((err as ApiError).message, 'error'),
  });
  const others = agents.filter((a) => !team.agentIds.includes(a.id));
  return (
    <li className="teams__team">
      <h3>{team.name}</h3>
      <ul className="teams__members" aria-label={`Members of ${team.name}`}>
        {team.agentIds.length === 0 && <li className="muted small">No members yet.</li>}
        {team.agentIds.map((id) => {
          const agent = byId.get(id);
          return (
            <li key={id} className="teams__member">
              <Avatar name={agent?.name} id={id} size={22} />
              <span>{agent?.name ?? 'Unknown agent'}</span>
              {agent && <span className={`dot dot--${agent.presence}`} aria-hidden="true" />}
              <button type="button" className="icon-btn" aria-label={`Remove ${agent?.name ?? 'agent'} from ${team.name}`} disabled={change.isPending} onClick={() => change.mutate({ remove: id })}>
                <XIcon size={13} />
              </button>
            </li>
          );
        })}
      </ul>
      {others.length > 0 && (
        <form
          className="teams__add"
          onSubmit={(e) => {
            e.preventDefault();
            if (adding) change.mutate({ add: adding });
          }}
        >
          <label className="field">
            <span className="visually-hidden">Agent to add to {team.name}</span>
            <select value={adding} onChange={(e) => setAdding(e.target.value)}>
              <option value="">Add an agent…</option>
              {others.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="btn btn--small" disabled={!adding || change.isPending}>
            Add
          </button>
        </form>
      )}
    </li>
  );
}
