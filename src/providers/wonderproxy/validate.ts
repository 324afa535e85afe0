/**
 * Checks WonderProxy inputs before any upstream call, so a bad value is BAD_USER_INPUT and costs no
 * request: host names, user names (they travel comma-joined in `?user=`), server names and expiry
 * times (epoch seconds upstream, which must lie in the future). IPs go through domain/checks/ip.ts.
 */
import { dateToEpochSeconds } from '../../domain/units';
import { isIntegerId } from '../shared/native-ids';
import { badUserInput } from '../../core/errors';

export function checkHostname(hostname: string, field = 'hostname'): string {
  const valid = hostname.length <= 253 && /^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9-]{0,62}$/.test(hostname);
  if (!valid) throw badUserInput(`"${hostname.slice(0, 80)}" is not a valid hostname`, { [field]: ['invalid hostname'] });
  return hostname.toLowerCase();
}

/** WonderProxy user names: no commas or spaces, since lists of them are sent as `?user=a,b`. Config and input share it. */
export const WONDERPROXY_USER = /^[A-Za-z0-9._@+-]{1,100}$/;

export function checkUser(user: string, field = 'user'): string {
  if (!WONDERPROXY_USER.test(user)) throw badUserInput(`"${user.slice(0, 60)}" is not a valid WonderProxy user name`, { [field]: ['invalid user name'] });
  return user;
}

/** A short server name as WonderProxy writes them (`denver`, `new-york`): one lower-case DNS label. */
export function isServerName(value: string): boolean {
  return /^[a-z0-9-]{1,63}$/.test(value);
}

/** A short server name (`denver`) or a server host name (`denver.wonderproxy.com`). */
export function serverReference(value: string, field = 'server'): { name: string } | { hostname: string } {
  const trimmed = value.trim().toLowerCase();
  if (isServerName(trimmed)) return { name: trimmed };
  return { hostname: checkHostname(trimmed, field) };
}

/** Epoch seconds of a time that must be in the future. */
export function futureEpochSeconds(date: Date, field = 'expiresAt', nowMs = Date.now()): number {
  if (Number.isNaN(date.getTime()) || date.getTime() <= nowMs) throw badUserInput(`${field} must be in the future`, { [field]: ['must be in the future'] });
  return dateToEpochSeconds(date);
}

/** Authlist and custom DNS ids are integers (docs/providers/wonderproxy.txt samples `"id": 1`) [C]; anything else can never exist upstream. */
export function isNumericId(nativeId: string): boolean {
  return isIntegerId(nativeId);
}
