/**
 * Facet methods bound to their facet. Callers may take a facet's method as a value
 * (`const list = scope.reads.facet(id, 'proxies').list; await list(...)`), as they could while sessions were
 * flat objects seen through bound functions; a facet class would lose `this` there. Binding once when the
 * session opens keeps that true without every facet writing its methods as arrow properties.
 */
import type { AccountSession } from '../contract/session';

/** The same session, each facet's methods (its class's and inherited ones) bound to the facet. */
export function boundFacets(session: AccountSession): AccountSession {
  for (const facet of Object.values(session) as object[]) bindMethods(facet);
  return session;
}

function bindMethods(facet: object): void {
  for (let proto: object | null = Object.getPrototypeOf(facet); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      // Getters are left alone (reading them would run them); an own property already wins over the class's.
      const method = Object.getOwnPropertyDescriptor(proto, name)?.value as unknown;
      if (name === 'constructor' || typeof method !== 'function' || Object.hasOwn(facet, name)) continue;
      Object.defineProperty(facet, name, { value: method.bind(facet), configurable: true, writable: true });
    }
  }
}
