import { useQuery } from '@tanstack/react-query';
import type { ApiError } from '../api/api-error';
import { useSignedIn } from '../auth/session-context';

/**
 * Enabled plugins with version, kind and state (read-only: plugins are configured in the file).
 *
 * @example
 * <PluginsSettings />
 */
export function PluginsSettings() {
  const { api } = useSignedIn();
  const plugins = useQuery({ queryKey: ['plugins'], queryFn: () => api.listPlugins(), refetchInterval: 15_000 });
  return (
    <section className="card" aria-labelledby="plugins-title">
      <h2 id="plugins-title">Plugins</h2>
      <p className="muted small">Plugins are enabled and configured in switchboard.config.yaml.</p>
      {plugins.isError && <p role="alert">{(plugins.error as ApiError).message}</p>}
      {plugins.data?.items.length === 0 && <p className="muted">No plugins are enabled.</p>}
      {plugins.data && plugins.data.items.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Plugin</th>
              <th scope="col">Version</th>
              <th scope="col">Kind</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {plugins.data.items.map((p) => (
              <tr key={p.id}>
                <td>
                  <code>{p.id}</code>
                </td>
                <td>{p.version}</td>
                <td>{p.kind}</td>
                <td>
                  <span className={`chip chip--state chip--${p.state === 'started' ? 'ok' : p.state === 'failed' ? 'urgent' : 'warn'}`}>{p.state}</span>
                  {p.error && <span className="muted small"> {p.error}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
