/**
 * Webshare's documented input rules, checked before any upstream call: a bad value is BAD_USER_INPUT naming
 * the failing field and costs no request from the account's budget.
 *
 * Id form: sub-users, IP authorizations and proxy replacements have integer ids (REFERENCE.md §1.5 samples
 * `"id":7`, `"id":1337`, `"id":98315`) [C], checked before an id enters a URL path or the `X-Subuser`
 * header. Proxy ids (`d-10513`) never enter a path: they are looked up through the list filter.
 */
import { badUserInput, type AccountErrors } from '../../core/errors';
import type { CreateSubUserParams, UsageRange } from '../contract/params';
import { isIntegerId } from '../shared/native-ids';

export function isWebshareId(nativeId: string): boolean {
  return isIntegerId(nativeId);
}

/** An id outside Webshare's form names nothing there: NOT_FOUND without a call, for writes that need one. */
export function requireWebshareId(nativeId: string, what: string, errors: AccountErrors): void {
  if (!isWebshareId(nativeId)) throw errors.notFound(what);
}

/** [C] `GET /api/v2/stats/`: `timestamp__gte` at most 90 days ago (REFERENCE.md §1.5, proxy stats). */
const STATS_RETENTION_MS = 90 * 24 * 3_600_000;

/** The earliest instant Webshare still keeps statistics for. */
export function statsRetentionStart(nowMs: number): Date {
  return new Date(nowMs - STATS_RETENTION_MS);
}

/** A usage window starting before the retention asks for figures Webshare no longer has. */
export function checkUsageRange(range: UsageRange, nowMs: number): void {
  if (range.from && range.from < statsRetentionStart(nowMs)) {
    throw badUserInput('Webshare keeps usage statistics for 90 days; from must be within the last 90 days', { from: ['older than 90 days'] });
  }
}

/** Webshare names a sub-user by its label; a username given alone becomes the label. */
export function subUserLabel(params: CreateSubUserParams): string {
  const label = params.label ?? params.username;
  if (!label) throw badUserInput('Webshare sub-users need a label (or username, used as the label)', { label: ['required'] });
  return label;
}

/** What a Webshare sub-user does not have is refused, never dropped silently. */
export function checkSubUserParams(params: CreateSubUserParams): void {
  if (params.password != null) {
    throw badUserInput('Webshare sub-user passwords cannot be set here; they follow the proxy configuration', { password: ['not supported by Webshare'] });
  }
  if (params.monthlyBandwidthLimitBytes != null) {
    throw badUserInput('Webshare sub-users have one bandwidth limit; use bandwidthLimitBytes', { monthlyBandwidthLimitBytes: ['not supported by Webshare'] });
  }
}
