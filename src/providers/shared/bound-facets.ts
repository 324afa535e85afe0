/**
 * Binds every method of a session's facets to its facet. Facets are classes, and some callers take a method
 * off its facet before calling it (`const list = scope.reads.facet(id, 'proxies').list`, as in
 * schema/proxy/proxy-listing.ts and schema/ip-authorization/ip-authorization.resolver.ts), which would lose
 * `this`. Binding once where the session is composed keeps the facet classes plain; this goes when no
 * caller detaches a facet method.
 */
import type { AccountSession } from '../contract/session';

export function bindFacetMethods(session: AccountSession): AccountSession {
  for (const facet of Object.values(session) as Record<string, unknown>[]) {
    for (let proto = Object.getPrototypeOf(facet); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
      for (const name of Object.getOwnPropertyNames(proto)) {
        const method = facet[name];
        if (name === 'constructor' || typeof method !== 'function' || Object.hasOwn(facet, name)) continue;
        facet[name] = method.bind(facet);
      }
    }
  }
  return session;
}
