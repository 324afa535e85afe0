/**
 * Global ids: opaque, globally unique strings built from the entity kind, the account id and the
 * provider's own id, so `proxy(id:)`, `subUser(id:)` and federation references route to the right account.
 * Encoding is base64url of `Kind:accountId:nativeId` (account ids cannot hold ':'; native ids may).
 */
import { badUserInput } from '../core/errors';
import type { EntityKind } from '../providers/contract/records';

export interface GlobalIdParts {
  kind: EntityKind;
  accountId: string;
  nativeId: string;
}

export function encodeGlobalId(kind: EntityKind, accountId: string, nativeId: string): string {
  return Buffer.from(`${kind}:${accountId}:${nativeId}`, 'utf8').toString('base64url');
}

/** Decodes a global id, requiring the expected kind; a malformed or foreign id is BAD_USER_INPUT. */
export function decodeGlobalId(id: string, expected: EntityKind): GlobalIdParts {
  const decoded = /^[A-Za-z0-9_-]+$/.test(id) ? Buffer.from(id, 'base64url').toString('utf8') : '';
  const first = decoded.indexOf(':');
  const second = first < 0 ? -1 : decoded.indexOf(':', first + 1);
  if (first <= 0 || second <= first + 1 || second === decoded.length - 1) {
    throw badUserInput(`"${id.slice(0, 80)}" is not a valid ${expected} id`);
  }
  const kind = decoded.slice(0, first) as EntityKind;
  if (kind !== expected) throw badUserInput(`"${id.slice(0, 80)}" is a ${kind} id, not a ${expected} id`);
  return { kind, accountId: decoded.slice(first + 1, second), nativeId: decoded.slice(second + 1) };
}
