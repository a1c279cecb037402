import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { Redirect, Route, Switch, useLocation, useSearch } from 'wouter';
import { ApiError } from './api/api-error';
import { SessionProvider, useSession } from './auth/session-context';
import { SignInPage } from './auth/sign-in-page';
import { RealtimeProvider } from './realtime/realtime-context';
import { AppShell } from './shell/app-shell';
import { InboxDataProvider } from './shell/inbox-context';
import { ToastProvider } from './ui/toast';

/**
 * The inbox app: session, data cache, sign-in, and the signed-in shell.
 *
 * @example
 * createRoot(el).render(<App />);
 */
export function App() {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            // 4xx answers do not get better by asking again.
            retry: (count, err) => count < 3 && !(err instanceof ApiError && err.status >= 400 && err.status < 500),
            refetchOnWindowFocus: false,
          },
        },
      }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <ToastProvider>
          <Routes />
        </ToastProvider>
      </SessionProvider>
    </QueryClientProvider>
  );
}

function Routes() {
  const { state } = useSession();
  if (state.status === 'checking') {
    return (
      <div className="splash" role="status">
        Loading your inbox…
      </div>
    );
  }
  return (
    <Switch>
      <Route path="/sign-in">
        <SignInPage />
      </Route>
      <Route>{state.status === 'signed-in' ? <SignedIn key={state.agent.id} /> : <ToSignIn />}</Route>
    </Switch>
  );
}

function SignedIn() {
  return (
    <RealtimeProvider>
      <InboxDataProvider>
        <AppShell />
      </InboxDataProvider>
    </RealtimeProvider>
  );
}

/** Sends a signed-out visitor to sign in, remembering where they wanted to go. */
function ToSignIn() {
  const [location] = useLocation();
  const search = useSearch();
  const here = location + (search ? `?${search}` : '');
  return <Redirect to={here === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(here)}`} replace />;
}
