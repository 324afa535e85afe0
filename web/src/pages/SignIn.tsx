/** Sign-in with the same credentials as the graph: an API key or a JWT, sent as `authorization: Bearer …`. */
import { useState, type FormEvent } from 'react';

export function SignIn({ message, onSignIn }: { message: string | null; onSignIn(token: string): void }) {
  const [token, setToken] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = token.trim().replace(/^Bearer\s+/i, '');
    if (value) onSignIn(value);
  };
  return (
    <main className="sign-in">
      <form className="panel" aria-label="Sign in" onSubmit={submit}>
        <h1>ProxyGraph</h1>
        <p className="muted">Sign in with an API key or a JWT. It is kept for this tab only (sessionStorage) and sent to this server alone.</p>
        {message && (
          <p className="error-note" role="alert" data-testid="sign-in-message">
            {message}
          </p>
        )}
        <label>
          API key or JWT
          <input type="password" autoComplete="off" value={token} onChange={(event) => setToken(event.target.value)} autoFocus />
        </label>
        <button type="submit" disabled={!token.trim()}>
          Sign in
        </button>
      </form>
    </main>
  );
}
