/**
 * Unit normalisation shared by every mapping: bytes everywhere (provider "GB" is 2^30 bytes, as
 * Webshare's own figures show: 250 GB = 268435456000 bytes), UTC dates, ISO 3166-1 alpha-2 countries.
 */

export const BYTES_PER_GB = 2 ** 30;

export function gbToBytes(gb: number | null | undefined): number | null {
  if (gb === null || gb === undefined || !Number.isFinite(gb)) return null;
  return Math.round(gb * BYTES_PER_GB);
}

export function bytesToGb(bytes: number): number {
  return bytes / BYTES_PER_GB;
}

/**
 * Timestamps already parsed, by their text: a page of proxies carries two per proxy, the same on every read,
 * and `Date.parse` of them was 4 % of a cached page's CPU (BENCHMARKS.md). Each call still returns a Date of
 * its own. Forgotten all at once when full (~1 MB).
 */
const parsedTimestamps = new Map<string, number>();
const MAX_PARSED_TIMESTAMPS = 10_000;

/** Parses an ISO-8601 timestamp (with or without offset); null for absent or unparsable input. */
export function parseIsoDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  let ms = parsedTimestamps.get(value);
  if (ms === undefined) {
    ms = Date.parse(value);
    if (parsedTimestamps.size >= MAX_PARSED_TIMESTAMPS) parsedTimestamps.clear();
    parsedTimestamps.set(value, ms);
  }
  return Number.isNaN(ms) ? null : new Date(ms);
}

export function epochSecondsToDate(value: number | null | undefined): Date | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  return new Date(value * 1000);
}

export function dateToEpochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

/** Ping Proxies writes `YYYY-MM-DD hh:mm:ss` (UTC) for most fields and ISO-8601 for some. */
export function parseUtcDateTime(value: string | null | undefined): Date | null {
  if (!value) return null;
  const plain = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/.exec(value);
  return parseIsoDate(plain ? `${plain[1]}T${plain[2]}Z` : value);
}

/** Upper-case ISO 3166-1 alpha-2; `ZZ` means any country. Anything else is null. */
export function normaliseCountry(code: string | null | undefined): string | null {
  if (!code) return null;
  const upper = code.trim().toUpperCase();
  return /^[A-Z]{2}$/.test(upper) ? upper : null;
}
