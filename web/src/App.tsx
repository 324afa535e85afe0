/**
 * The dashboard shell: the GraphQL client, who is signed in (Query.viewer), sign-in when the graph asks for
 * it, and the four pages under /app (routed in the browser; the server answers index.html for each).
 */
import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import { ApolloProvider, useQuery } from '@apollo/client/react';
import { createClient, unauthenticatedMessage } from './apollo';
import { VIEWER } from './graphql';
import { clearToken, storedToken, storeToken } from './session';
import { ViewerContext } from './viewer';
import { ErrorList } from './components/errors';
import { SignIn } from './pages/SignIn';
import { Overview } from './pages/Overview';
import { Proxies } from './pages/Proxies';
import { Access } from './pages/Access';
import { Audit } from './pages/Audit';
import { LiveChanges } from './components/live-changes';

const BASE = '/app';
const PAGES: { path: string; title: string; render(): ReactNode }[] = [
  { path: '', title: 'Overview', render: () => <Overview /> },
  { path: '/proxies', title: 'Proxies', render: () => <Proxies /> },
  { path: '/access', title: 'Access', render: () => <Access /> },
  { path: '/audit', title: 'Audit log', render: () => <Audit /> },
];

function currentPage(): string {
  const path = window.location.pathname.replace(/\/+$/, '');
  return path.startsWith(BASE) ? path.slice(BASE.length) : '';
}

function usePage(): [string, (path: string) => void] {
  const [page, setPage] = useState(currentPage);
  useEffect(() => {
    const onPop = () => setPage(currentPage());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((path: string) => {
    window.history.pushState(null, '', `${BASE}${path}`);
    setPage(path);
  }, []);
  return [page, navigate];
}

export function App() {
  const token = useRef<string | null>(storedToken());
  const [session, setSession] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const restartRef = useRef<(next: string | null) => void>(() => undefined);
  const client = useMemo(
    () =>
      createClient({
        token: () => token.current,
        onUnauthenticated: (text, hadToken) => {
          if (!hadToken || !token.current) return;
          // The key was refused (wrong, expired, revoked): forget it, back to sign-in with the graph's reason.
          setMessage(text);
          restartRef.current(null);
        },
      }),
    [],
  );
  restartRef.current = (next: string | null) => {
    if (next) storeToken(next);
    else clearToken();
    token.current = next;
    void client.clearStore().then(() => setSession((value) => value + 1));
  };
  return (
    <ApolloProvider client={client}>
      <Shell
        key={session}
        message={message}
        onSignIn={(next) => {
          setMessage(null);
          restartRef.current(next);
        }}
        onSignOut={() => {
          setMessage(null);
          restartRef.current(null);
        }}
      />
    </ApolloProvider>
  );
}

function Shell({ message, onSignIn, onSignOut }: { message: string | null; onSignIn(token: string): void; onSignOut(): void }) {
  const { data, error, loading, refetch } = useQuery(VIEWER, { fetchPolicy: 'network-only' });
  const [page, navigate] = usePage();
  const viewer = data?.viewer;
  const refused = unauthenticatedMessage(error);
  if (!viewer) {
    if (refused || message) return <SignIn message={message} onSignIn={onSignIn} />;
    if (loading) return <p className="muted center">Connecting to ProxyGraph…</p>;
    return (
      <main className="sign-in">
        <div className="panel">
          <h1>ProxyGraph</h1>
          <ErrorList error={error} />
          <button type="button" onClick={() => void refetch()}>
            Try again
          </button>
        </div>
      </main>
    );
  }
  const active = PAGES.find((entry) => entry.path === page) ?? PAGES[0];
  const follow = (path: string) => (event: MouseEvent) => {
    event.preventDefault();
    navigate(path);
  };
  return (
    <ViewerContext.Provider value={viewer}>
      <header className="top">
        <a className="brand" href={BASE} onClick={follow('')}>
          ProxyGraph
        </a>
        <nav aria-label="Main">
          {PAGES.map((entry) => (
            <a key={entry.path} href={`${BASE}${entry.path}`} onClick={follow(entry.path)} aria-current={entry === active ? 'page' : undefined}>
              {entry.title}
            </a>
          ))}
        </nav>
        <div className="who" data-testid="viewer">
          {viewer.authenticated ? (
            <>
              <span>
                {viewer.name} · {viewer.scopes.join(', ') || 'no scope'}
              </span>
              <button type="button" onClick={onSignOut}>
                Sign out
              </button>
            </>
          ) : (
            <span className="badge">demo · authentication off</span>
          )}
        </div>
      </header>
      {message && <p className="error-note">{message}</p>}
      {viewer.scopes.includes('read') && <LiveChanges />}
      <main className="content">{active.render()}</main>
    </ViewerContext.Provider>
  );
}
