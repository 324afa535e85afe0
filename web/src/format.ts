/** Display helpers: bytes in binary units (the graph's GB is 2^30 bytes), dates in UTC, enum words. */
const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—';
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 100 || unit === 0 ? value.toFixed(0) : value.toFixed(1)} ${UNITS[unit]}`;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toISOString().slice(0, 10);
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

/** `PROXY_LIST_REFRESH` → `proxy list refresh`. */
export function words(value: string): string {
  return value.toLowerCase().replace(/_/g, ' ');
}

export const PROVIDER_NAMES: Record<string, string> = {
  WEBSHARE: 'Webshare',
  PROXYMESH: 'ProxyMesh',
  WONDERPROXY: 'WonderProxy',
  PINGPROXIES: 'Ping Proxies',
};

export function percent(used: number | null | undefined, limit: number | null | undefined): number | null {
  if (used === null || used === undefined || !limit) return null;
  return Math.min(100, (used / limit) * 100);
}
