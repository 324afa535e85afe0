/**
 * Webshare's documented id form, checked before an id enters a URL path or the `X-Subuser` header: sub-users,
 * IP authorizations and proxy replacements have integer ids (REFERENCE.md §1.5 samples `"id":7`, `"id":1337`,
 * `"id":98315`) [C]. Proxy ids (`d-10513`) never enter a path: they are looked up through the list filter.
 */
import { isIntegerId } from '../shared/native-ids';

export function isWebshareId(nativeId: string): boolean {
  return isIntegerId(nativeId);
}
