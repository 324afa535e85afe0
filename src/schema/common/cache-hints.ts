/**
 * HTTP caching of whole responses: only answers that change slowly and are the same for every caller allowed
 * to read them may be kept by a browser, namely the provider server catalogues and country pools. Always
 * PRIVATE, since which accounts a caller sees depends on the API key; everything else is `no-store`.
 *
 * Decided once per operation from its selection (http/cache-policy-plugin.ts), not hinted field by field:
 * a per-field hint makes Apollo wrap every resolver of every request.
 */
export const CATALOGUE_MAX_AGE_SECONDS = 300;

/** Root fields whose answer may be cached, when everything selected under them is a leaf (scalar or enum). */
export const SLOW_CHANGING_ROOT_FIELDS: ReadonlySet<string> = new Set(['networkServers', 'countryPools']);
