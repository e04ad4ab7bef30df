import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, setBearer, setCsrfToken } from '../api.js';
import { ErrorNote } from '../components/ui.js';

/** Sign in with a console user (session cookie + CSRF token) or, for operators, an API key. */
export function LoginPage({ onSignedIn }: { onSignedIn: () => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [key, setKey] = useState('');
  const [useKey, setUseKey] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // SSO is offered only when the server has OIDC configured (docs/access-control.md).
  const methods = useQuery({ queryKey: ['auth-methods'], queryFn: () => api<{ oidc: { startUrl: string } | null }>('/api/v1/auth/methods'), retry: false });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (useKey) {
        setBearer(key.trim());
        await api('/api/v1/session');
      } else {
        setBearer(undefined);
        const s = await api<{ csrfToken?: string }>('/api/v1/session', { method: 'POST', body: { email: email.trim(), password } });
        setCsrfToken(s.csrfToken);
      }
      onSignedIn();
    } catch (err) {
      if (useKey) setBearer(undefined);
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login" id="main">
      <form className="login-card" onSubmit={(e) => void submit(e)} aria-labelledby="login-title">
        <div className="brand big">
          <span aria-hidden="true" className="mark">◆</span> Warden
        </div>
        <h1 id="login-title">Sign in to the investigation console</h1>
        {useKey ? (
          <label>
            API key
            <input type="password" autoComplete="off" value={key} onChange={(e) => setKey(e.target.value)} required name="key" />
          </label>
        ) : (
          <>
            <label>
              Email
              <input type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required name="email" autoFocus />
            </label>
            <label>
              Password
              <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required name="password" />
            </label>
          </>
        )}
        {error ? <ErrorNote error={error} /> : null}
        <button type="submit" className="btn primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        {methods.data?.oidc ? (
          <a className="btn" href={methods.data.oidc.startUrl}>
            Sign in with SSO
          </a>
        ) : null}
        <button type="button" className="btn ghost small" onClick={() => setUseKey(!useKey)}>
          {useKey ? 'Use email and password' : 'Use an API key instead'}
        </button>
      </form>
    </main>
  );
}
