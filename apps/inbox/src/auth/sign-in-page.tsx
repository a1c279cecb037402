import { useState, type FormEvent } from 'react';
import { Redirect, useSearch } from 'wouter';
import { ApiError } from '../api/api-error';
import { Logo } from '../ui/icons';
import { useSession } from './session-context';

/**
 * Email and password sign-in, with "keep me signed in". Returns to the page the agent was on
 * (`?next=`) and shows why they are here after a session expired.
 *
 * @example
 * <Route path="/sign-in"><SignInPage /></Route>
 */
export function SignInPage() {
  const { state, signIn } = useSession();
  const search = useSearch();
  const next = safeNext(new URLSearchParams(search).get('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [keep, setKeep] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (state.status === 'signed-in') return <Redirect to={next} replace />;
  const notice = state.status === 'signed-out' ? state.notice : null;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email.trim(), password, keep);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? 'That email and password do not match an agent.' : (err as Error).message);
      setBusy(false);
    }
  }

  return (
    <main className="signin">
      <form className="signin__card" onSubmit={onSubmit} aria-labelledby="signin-title">
        <div className="signin__brand">
          <Logo />
          <span>Switchboard</span>
        </div>
        <h1 id="signin-title">Sign in to your inbox</h1>
        {notice && (
          <p className="notice notice--info" role="status">
            {notice}
          </p>
        )}
        {error && (
          <p className="notice notice--error" role="alert">
            {error}
          </p>
        )}
        <label className="field">
          <span>Email</span>
          <input type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
        </label>
        <label className="field">
          <span>Password</span>
          <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={keep} onChange={(e) => setKeep(e.target.checked)} />
          <span>Keep me signed in on this device</span>
        </label>
        <button className="btn btn--primary btn--block" type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}

/** Only same-app paths, never another origin. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : '/mine';
}
