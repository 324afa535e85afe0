/**
 * The signed-in key (an API key or a JWT), kept in sessionStorage: it lives as long as the tab, is never
 * written anywhere else, and goes out only as `authorization: Bearer <key>` to this server's /graphql.
 */
const STORAGE_KEY = 'proxygraph.bearer';

export function storedToken(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function storeToken(token: string): void {
  sessionStorage.setItem(STORAGE_KEY, token);
}

export function clearToken(): void {
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage unavailable: nothing was kept.
  }
}
