/**
 * Native id forms several providers share. Each provider's validate file says which of its ids take which
 * form and where its documentation says so; an id outside its form can never exist upstream, so it is
 * answered (NOT_FOUND, or null from a getter) without a call and never reaches a URL path.
 */

/** An integer id as providers print them: 1–12 decimal digits (more would be past any account's history). */
export function isIntegerId(nativeId: string): boolean {
  return /^\d{1,12}$/.test(nativeId);
}
