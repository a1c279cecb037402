import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { ApiError } from '../api/api-error';
import type { AgentRole } from '../api/api-types';
import { useSignedIn } from '../auth/session-context';
import { Avatar } from '../ui/badges';
import { useToast } from '../ui/toast';

/**
 * Agents: who they are, their role and presence; create one with an initial password.
 *
 * @example
 * <AgentsSettings />
 */
export function AgentsSettings() {
  const { api } = useSignedIn();
  const toast = useToast();
  const queryClient = useQueryClient();
  const agents = useQuery({ queryKey: ['agents'], queryFn: () => api.listAgents() });
  const [form, setForm] = useState({ name: '', email: '', role: 'agent' as AgentRole, password: '' });
  const create = useMutation({
    mutationFn: () => api.createAgent(form),
    onSuccess: (agent) => {
      toast.show(`${agent.name} can now sign in`);
      setForm({ name: '', email: '', role: 'agent', password: '' });
      void queryClient.invalidateQueries({ queryKey: ['agents'] });
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <div className="settings__grid">
      <section className="card" aria-labelledby="agents-title">
        <h2 id="agents-title">Agents</h2>
        {agents.isPending && <p className="muted">Loading…</p>}
        {agents.isError && <p role="alert">{(agents.error as ApiError).message}</p>}
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Presence</th>
            </tr>
          </thead>
          <tbody>
            {agents.data?.items.map((a) => (
              <tr key={a.id}>
                <td>
                  <span className="table__person">
                    <Avatar name={a.name} id={a.id} size={24} /> {a.name}
                  </span>
                </td>
                <td>{a.email}</td>
                <td>{a.role === 'admin' ? 'Admin' : 'Agent'}</td>
                <td>
                  <span className={`dot dot--${a.presence}`} aria-hidden="true" /> {a.presence}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card" aria-labelledby="new-agent-title">
        <h2 id="new-agent-title">Add an agent</h2>
        <form className="form" onSubmit={onSubmit}>
          <label className="field">
            <span>Name</span>
            <input required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          </label>
          <label className="field">
            <span>Email</span>
            <input type="email" required value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
          </label>
          <label className="field">
            <span>Role</span>
            <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as AgentRole })}>
              <option value="agent">Agent</option>
              <option value="admin">Admin</option>
            </select>
          </label>
          <label className="field">
            <span>Initial password</span>
            <input type="password" autoComplete="new-password" required minLength={10} value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />
            <small className="muted">At least 10 characters; share it with them privately.</small>
          </label>
          {create.isError && (
            <p className="notice notice--error" role="alert">
              {(create.error as ApiError).message}
            </p>
          )}
          <button className="btn btn--primary" type="submit" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create agent'}
          </button>
        </form>
      </section>
    </div>
  );
}
