import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { ApiError } from '../api/api-error';
import type { CreatedApiToken } from '../api/api-types';
import { useSignedIn } from '../auth/session-context';
import { useToast } from '../ui/toast';

/**
 * API tokens for integrators: list, create (the secret is shown once), revoke.
 *
 * @example
 * <TokensSettings />
 */
export function TokensSettings() {
  const { api } = useSignedIn();
  const toast = useToast();
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: ['api-tokens'], queryFn: () => api.listApiTokens() });
  const [name, setName] = useState('');
  const [role, setRole] = useState<'integrator' | 'admin'>('integrator');
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['api-tokens'] });
  const create = useMutation({
    mutationFn: () => api.createApiToken({ name, role }),
    onSuccess: (token) => {
      setCreated(token);
      setName('');
      refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.revokeApiToken(id),
    onSuccess: () => {
      toast.show('Token revoked');
      refresh();
    },
    onError: (err) => toast.show((err as ApiError).message, 'error'),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <div className="settings__grid">
      <section className="card" aria-labelledby="tokens-title">
        <h2 id="tokens-title">API tokens</h2>
        {tokens.isError && <p role="alert">{(tokens.error as ApiError).message}</p>}
        {tokens.data?.items.length === 0 && <p className="muted">No tokens yet.</p>}
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Created</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.data?.items.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td>{t.role}</td>
                <td>{new Date(t.createdAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}</td>
                <td className="table__actions">
                  <button
                    className="btn btn--small btn--danger"
                    aria-label={`Revoke token ${t.name}`}
                    onClick={() => {
                      if (window.confirm(`Revoke “${t.name}”? Integrations using it stop working at once.`)) revoke.mutate(t.id);
                    }}
                  >
                    Revoke
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card" aria-labelledby="new-token-title">
        <h2 id="new-token-title">Create a token</h2>
        {created && (
          <div className="notice notice--success" role="status">
            <p>
              <strong>{created.name}</strong> — copy it now, it is not shown again:
            </p>
            <code className="secret" aria-label="New API token">
              {created.token}
            </code>
            <div className="row-actions">
              <button
                className="btn btn--small"
                onClick={() =>
                  void navigator.clipboard.writeText(created.token).then(
                    () => toast.show('Copied'),
                    () => toast.show('Copy failed; select the text instead', 'error'),
                  )
                }
              >
                Copy
              </button>
              <button className="btn btn--small btn--ghost" onClick={() => setCreated(null)}>
                Done
              </button>
            </div>
          </div>
        )}
        <form className="form" onSubmit={onSubmit}>
          <label className="field">
            <span>Name</span>
            <input required value={name} placeholder="e.g. CRM sync" onChange={(e) => setName(e.target.value)} />
          </label>
          <label className="field">
            <span>Role</span>
            <select value={role} onChange={(e) => setRole(e.target.value as 'integrator' | 'admin')}>
              <option value="integrator">Integrator</option>
              <option value="admin">Admin</option>
            </select>
          </label>
          {create.isError && (
            <p className="notice notice--error" role="alert">
              {(create.error as ApiError).message}
            </p>
          )}
          <button className="btn btn--primary" type="submit" disabled={create.isPending}>
            Create token
          </button>
        </form>
      </section>
    </div>
  );
}
