import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { api, ApiError, handleUnauthenticated, hasBearer, setBearer, setCsrfToken } from './api.js';
import { Link, match, useRouter } from './router.js';
import { LoginPage } from './pages/Login.js';
import { OverviewPage } from './pages/Overview.js';
import { ActorsPage } from './pages/Actors.js';
import { NetworkMapPage, NetworksPage, NetworkPage } from './pages/Network.js';
import { CasesPage } from './pages/Cases.js';
import { CasePage } from './pages/Case.js';
import { AccountPage } from './pages/Account.js';
import { IntelPage } from './pages/Intel.js';
import { SearchPage } from './pages/Search.js';
import { ReportsPage } from './pages/Reports.js';
import { SearchBox } from './components/SearchBox.js';

export interface Me {
  email: string;
  role: string;
  kind: 'user' | 'key';
}

interface SessionAnswer {
  principal: { kind: 'user' | 'key'; id: string; name: string; role: string };
  csrfToken?: string;
}

/** Who is signed in (session cookie or API key), as the server sees it; null when nobody is. */
async function whoAmI(): Promise<Me | null> {
  try {
    const s = await api<SessionAnswer>('/api/v1/session');
    if (s.csrfToken) setCsrfToken(s.csrfToken);
    return { email: s.principal.name, role: s.principal.role, kind: s.principal.kind };
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

const nav: { to: string; label: string }[] = [
  { to: '/', label: 'Overview' },
  { to: '/cases', label: 'Cases' },
  { to: '/networks', label: 'Networks' },
  { to: '/actors', label: 'Actors' },
  { to: '/intel', label: 'Intel' },
  { to: '/reports', label: 'Reports' },
];

export function App() {
  const qc = useQueryClient();
  const { loc, navigate } = useRouter();
  const me = useQuery({ queryKey: ['me'], queryFn: whoAmI, staleTime: 60_000 });
  useEffect(() => handleUnauthenticated(() => void qc.invalidateQueries({ queryKey: ['me'] })), [qc]);

  if (me.isPending) return <div className="boot" role="status">Loading…</div>;
  if (me.isError) return <div className="boot error" role="alert">The API is unreachable: {String(me.error)}</div>;
  if (!me.data) return <LoginPage onSignedIn={() => void qc.invalidateQueries({ queryKey: ['me'] })} />;

  const logout = async () => {
    if (!hasBearer()) await api('/api/v1/session', { method: 'DELETE' }).catch(() => undefined);
    setBearer(undefined);
    setCsrfToken(undefined);
    qc.clear();
    navigate('/');
    await qc.invalidateQueries({ queryKey: ['me'] });
  };

  return (
    <div className="shell">
      <a className="skip" href="#main">Skip to content</a>
      <header className="topbar">
        <Link to="/" className="brand" aria-label="Warden overview">
          <span aria-hidden="true" className="mark">◆</span> Warden
        </Link>
        <nav aria-label="Main">
          {nav.map((n) => (
            <Link key={n.to} to={n.to} className="navlink">
              {n.label}
            </Link>
          ))}
        </nav>
        <SearchBox />
        <div className="who">
          <span className="user" title={me.data.kind === 'key' ? 'Signed in with an API key' : 'Signed in'}>
            {me.data.email}
          </span>
          <span className={`role role-${me.data.role}`} data-testid="role">{me.data.role}</span>
          <button type="button" className="btn ghost small" onClick={() => void logout()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Routes path={loc.path} me={me.data} />
      </main>
    </div>
  );
}

function Routes({ path, me }: { path: string; me: Me }): ReactNode {
  let m: Record<string, string> | null;
  if (path === '/') return <OverviewPage />;
  if (path === '/cases') return <CasesPage />;
  if ((m = match('/cases/:id', path))) return <CasePage id={m.id!} me={me} />;
  if (path === '/networks') return <NetworksPage />;
  if (path === '/networks/map') return <NetworkMapPage />;
  if ((m = match('/networks/:id', path))) return <NetworkPage id={m.id!} />;
  if ((m = match('/accounts/:id', path))) return <AccountPage account={m.id!} me={me} />;
  if (path === '/actors') return <ActorsPage />;
  if (path === '/intel') return <IntelPage />;
  if (path === '/search') return <SearchPage />;
  if (path === '/reports') return <ReportsPage />;
  return (
    <section className="page">
      <h1>Not found</h1>
      <p>
        Nothing lives at <code>{path}</code>. <Link to="/">Back to the overview</Link>.
      </p>
    </section>
  );
}
