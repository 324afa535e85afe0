/**
 * Proxy replacement (v3) in the Webshare simulator: body validation, selector matching and the async state
 * machine `validating → validated` (dry run) | `processing → completed` | `failed` [C]. Transitions are a pure
 * function of elapsed time (`settleReplacements` runs before every request), so a manual clock drives them
 * deterministically and no timers outlive the server.
 */
import type { SimResponse } from '../kit';
import type { WebshareProxyReplacement, WebshareReplaceWith, WebshareToReplace } from '../../providers/webshare/wire';
import { catalogEntry, cleanIpAddress, entryForAddress, entryForAsn, formatTimestamp, mix, numberToIp, parseCidr, rangeContains, weightedEntry } from './data';
import { applyOverrides, issueReplacement, materialize, type ProxySlot, type SlotOverride } from './proxies';
import type { PlanState, ReplacementState, WebshareState } from './state';
import { detailError, FieldErrors, REQUIRED } from './http';

type Result<T> = { ok: true; value: T } | { ok: false; response: SimResponse };

export interface ReplacementRequest {
  to_replace: WebshareToReplace;
  replace_with: WebshareReplaceWith[];
  dry_run: boolean;
}

const TO_REPLACE_TYPES = ['ip_range', 'ip_address', 'asn', 'country'];
const REPLACE_WITH_TYPES = ['ip_range', 'asn', 'country', 'any'];

/** Shape checks of POST /api/v3/proxy/replace/ in DRF's live field-error form. */
export function validateReplacementBody(body: Record<string, unknown>): Result<ReplacementRequest> {
  const errors = new FieldErrors();
  if (!('to_replace' in body)) errors.add('to_replace', REQUIRED, 'required');
  else checkSelector(errors, 'to_replace', body.to_replace, TO_REPLACE_TYPES);
  if (!('replace_with' in body)) errors.add('replace_with', REQUIRED, 'required');
  else if (!Array.isArray(body.replace_with)) errors.add('replace_with', 'Expected a list of items but got type "dict".', 'not_a_list');
  else if (body.replace_with.length === 0) errors.add('replace_with', 'This list may not be empty.', 'empty');
  else body.replace_with.forEach((item, index) => checkSelector(errors, `replace_with.${index}`, item, REPLACE_WITH_TYPES));
  if ('dry_run' in body && typeof body.dry_run !== 'boolean') errors.add('dry_run', 'Must be a valid boolean.', 'invalid');
  if (errors.has()) return { ok: false, response: errors.response() };
  return {
    ok: true,
    value: { to_replace: body.to_replace as WebshareToReplace, replace_with: body.replace_with as WebshareReplaceWith[], dry_run: body.dry_run === true },
  };
}

function checkSelector(errors: FieldErrors, field: string, raw: unknown, types: string[]): void {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    errors.add(field, 'Invalid data. Expected a dictionary.', 'invalid');
    return;
  }
  const selector = raw as Record<string, unknown>;
  if (typeof selector.type !== 'string' || !types.includes(selector.type)) {
    errors.add(`${field}.type`, `"${String(selector.type)}" is not a valid choice.`, 'invalid_choice');
    return;
  }
  if ('count' in selector && (!Number.isInteger(selector.count) || (selector.count as number) < 1)) {
    errors.add(`${field}.count`, 'Ensure this value is greater than or equal to 1.', 'min_value');
  }
  const list = (name: string) => {
    const value = selector[name];
    if (!Array.isArray(value) || value.length === 0) {
      errors.add(`${field}.${name}`, REQUIRED, 'required');
      return [];
    }
    return value;
  };
  switch (selector.type) {
    case 'ip_range':
      for (const range of list('ip_ranges')) {
        const parsed = typeof range === 'string' ? parseCidr(range) : undefined;
        if (!parsed) errors.add(`${field}.ip_ranges`, `"${String(range)}" is not a valid IP range.`, 'invalid');
        // [C] host bits must be zero; [I] wording
        else if (!parsed.hostBitsZero) errors.add(`${field}.ip_ranges`, `"${range}" has host bits set.`, 'invalid');
      }
      break;
    case 'ip_address':
      for (const address of list('ip_addresses')) {
        // [C] any IPv4 or IPv6 address is valid; one that is not in the list simply matches nothing
        if (typeof address !== 'string' || cleanIpAddress(address) === undefined)
          errors.add(`${field}.ip_addresses`, 'Enter a valid IPv4 or IPv6 address.', 'invalid');
      }
      break;
    case 'asn':
      for (const asn of list('asn_numbers')) {
        if (!/^\d{1,10}$/.test(String(asn))) errors.add(`${field}.asn_numbers`, 'A valid integer is required.', 'invalid');
      }
      break;
    case 'country':
      if (typeof selector.country_code !== 'string' || !/^[A-Za-z]{2}$/.test(selector.country_code)) {
        errors.add(`${field}.country_code`, REQUIRED, 'required');
      }
      break;
  }
}

/** The proxies a `to_replace` selector picks from a list, honouring its `count`. */
export function matchToReplace(proxies: ProxySlot[], selector: WebshareToReplace): ProxySlot[] {
  let matched: ProxySlot[];
  switch (selector.type) {
    case 'ip_address': {
      const wanted = new Set(selector.ip_addresses);
      return proxies.filter((proxy) => proxy.address !== null && wanted.has(proxy.address));
    }
    case 'ip_range': {
      const ranges = selector.ip_ranges.map((text) => parseCidr(text)!);
      matched = proxies.filter((proxy) => proxy.address !== null && ranges.some((range) => rangeContains(range, proxy.addressNumber)));
      break;
    }
    case 'asn': {
      const wanted = new Set(selector.asn_numbers.map(Number));
      matched = proxies.filter((proxy) => wanted.has(proxy.asnNumber));
      break;
    }
    case 'country':
      matched = proxies.filter((proxy) => proxy.country === selector.country_code.toUpperCase());
      break;
  }
  return selector.count === undefined ? matched : matched.slice(0, selector.count);
}

/** Refusals Webshare answers synchronously at create time with `{"detail", "code"}` [C codes, I wording]. */
export function refuseReplacement(state: WebshareState, planState: PlanState, request: ReplacementRequest): SimResponse | undefined {
  if (planState.plan.proxy_subtype === 'residential') return detailError(400, 'Proxy replacement is not available for residential plans.', 'invalid');
  const active = [...state.replacements.values()].some(
    (entry) => entry.planId === planState.plan.id && !entry.record.dry_run && (entry.record.state === 'validating' || entry.record.state === 'processing'),
  );
  if (active && !request.dry_run) return detailError(400, 'There is already an active replacement in progress for this plan.', 'active_replacement');
  const wanted = matchToReplace(materialize(planState.list), request.to_replace).length;
  const available = planState.plan.proxy_replacements_total - planState.plan.proxy_replacements_used;
  if (wanted > available) {
    return detailError(400, `Not enough replacements in subscription: ${wanted} requested, ${available} available.`, 'not_enough_replacements_in_subscription');
  }
  return undefined;
}

export function createReplacement(state: WebshareState, planState: PlanState, request: ReplacementRequest, nowMs: number): ReplacementState {
  const id = state.next.replacement++;
  const entry: ReplacementState = {
    planId: planState.plan.id,
    createdAtMs: nowMs,
    plan: null,
    generation: planState.list.generation,
    record: {
      id,
      to_replace: request.to_replace,
      replace_with: request.replace_with,
      dry_run: request.dry_run,
      state: 'validating',
      proxies_removed: null,
      proxies_added: null,
      reason: '',
      error: null,
      error_code: null,
      created_at: formatTimestamp(nowMs),
      dry_run_completed_at: null,
      completed_at: null,
    },
  };
  state.replacements.set(id, entry);
  return entry;
}

/** Moves every replacement along: validation after `delayMs`, processing done after another `delayMs`. */
export function settleReplacements(state: WebshareState, nowMs: number, delayMs: number): void {
  for (const entry of state.replacements.values()) {
    const planState = state.plans.get(entry.planId);
    if (!planState) continue;
    const record = entry.record;
    const validatedAtMs = entry.createdAtMs + delayMs;
    if (record.state === 'validating' && nowMs >= validatedAtMs) validate(entry, planState, validatedAtMs);
    if (record.state === 'processing' && nowMs >= validatedAtMs + delayMs) complete(state, entry, planState, validatedAtMs + delayMs);
  }
}

function fail(entry: ReplacementState, code: string, message: string): void {
  entry.record.state = 'failed';
  entry.record.error_code = code;
  entry.record.error = message;
}

function validate(entry: ReplacementState, planState: PlanState, atMs: number): void {
  const record = entry.record;
  const removed = matchToReplace(materialize(planState.list), record.to_replace);
  if (removed.length === 0) return fail(entry, 'no_proxies_to_replace', 'No proxies in your list match to_replace.'); // [I]
  const counts = allocate(record.replace_with, removed.length);
  if (!counts) return fail(entry, 'invalid', 'proxies_removed must equal proxies_added.');
  const overrides: Array<{ slot: number; override: SlotOverride }> = [];
  let cursor = 0;
  for (let i = 0; i < record.replace_with.length; i++) {
    for (let k = 0; k < counts[i]; k++) {
      const override = issueFor(planState, record.replace_with[i], atMs);
      if (!override) return fail(entry, 'invalid', `No proxies available for replace_with item ${i + 1}.`); // [I]
      overrides.push({ slot: removed[cursor++].slot, override });
    }
  }
  entry.plan = overrides;
  entry.generation = planState.list.generation;
  record.proxies_removed = removed.length;
  record.proxies_added = overrides.length;
  if (record.dry_run) {
    record.state = 'validated';
    record.dry_run_completed_at = formatTimestamp(atMs);
  } else record.state = 'processing';
}

/** Splits `total` over replace_with items: explicit counts first, the first count-less item takes the rest [I]. */
function allocate(items: WebshareReplaceWith[], total: number): number[] | undefined {
  const explicit = items.reduce((sum, item) => sum + (item.count ?? 0), 0);
  const open = items.findIndex((item) => item.count === undefined);
  const counts = items.map((item) => item.count ?? 0);
  if (open >= 0) counts[open] = total - explicit;
  return counts.every((count) => count >= 0) && counts.reduce((a, b) => a + b, 0) === total ? counts : undefined;
}

function issueFor(planState: PlanState, item: WebshareReplaceWith, nowMs: number): SlotOverride | undefined {
  const list = planState.list;
  switch (item.type) {
    case 'any': {
      const entry = weightedEntry(mix(list.salt, list.issued, 0xa11));
      return issueReplacement(list, entry, entry.country, nowMs);
    }
    case 'country': {
      const entry = catalogEntry(item.country_code);
      return entry && issueReplacement(list, entry, entry.country, nowMs);
    }
    case 'asn': {
      const entry = item.asn_numbers.map((asn) => entryForAsn(Number(asn))).find(Boolean);
      return entry && issueReplacement(list, entry, entry.country, nowMs);
    }
    case 'ip_range': {
      for (const text of item.ip_ranges) {
        const range = parseCidr(text)!;
        const entry = entryForAddress(range.network);
        const size = 2 ** (32 - range.prefixLength);
        if (!entry || size < 4) continue;
        const address = numberToIp(range.network + 1 + (list.issued % (size - 2)));
        return issueReplacement(list, entry, entry.country, nowMs, address);
      }
      return undefined;
    }
  }
}

function complete(state: WebshareState, entry: ReplacementState, planState: PlanState, atMs: number): void {
  if (entry.generation !== planState.list.generation || !entry.plan) {
    return fail(entry, 'list_updated', 'The proxy list was refreshed while the replacement was processing.'); // [I]
  }
  const before = materialize(planState.list);
  for (const { slot, override } of entry.plan) {
    const old = before[slot];
    state.replacedProxies.push({
      planId: planState.plan.id,
      replacementId: entry.record.id,
      record: {
        id: state.next.replacedProxy++,
        reason: 'proxy_replaced',
        proxy: old.address ?? '',
        proxy_port: old.port,
        proxy_country_code: old.country,
        replaced_with: override.address ?? '',
        replaced_with_port: override.port,
        replaced_with_country_code: override.country,
        created_at: formatTimestamp(atMs),
      },
    });
  }
  applyOverrides(planState.list, entry.plan);
  planState.plan.proxy_replacements_used += entry.plan.length;
  entry.record.state = 'completed';
  entry.record.reason = 'proxy_replaced';
  entry.record.completed_at = formatTimestamp(atMs);
}

export function renderReplacement(entry: ReplacementState): WebshareProxyReplacement {
  return { ...entry.record };
}
