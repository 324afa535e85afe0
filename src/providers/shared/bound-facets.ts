/**
 * Facets are class instances, and some of the graph's callers take a method off a facet before calling it
 * (`const list = facet.list; await list(...)`), which loses `this`. An adapter returns its session through
 * `boundFacets` so every facet method works however it is called. (Once no caller detaches methods, this
 * file can go.)
 */
export function boundFacets<S extends object>(session: S): S {
  for (const facet of Object.values(session) as Array<Record<string, unknown> | undefined>) {
    if (facet) bindMethods(facet);
  }
  return session;
}

/** Binds, on the instance itself, every method its class chain defines. */
function bindMethods(instance: Record<string, unknown>): void {
  for (let proto = Object.getPrototypeOf(instance); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const value = instance[name];
      if (name !== 'constructor' && typeof value === 'function' && !Object.hasOwn(instance, name)) instance[name] = value.bind(instance);
    }
  }
}
