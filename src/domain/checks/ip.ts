/**
 * The one IP validator and canonical form (docs/architecture.md §4a: IPs are canonical before any comparison or upstream
 * call). Every path that takes an IP from a client runs it through `canonicalIp`, and `publicIp` where the
 * address must be one a provider's servers can see or reach (an authorization, a DNS override target).
 *
 * Canonical form: IPv4 as four decimal octets; IPv4-mapped IPv6 (`::ffff:198.51.100.81`, `::ffff:c633:6451`)
 * as that dotted IPv4, so one address has one spelling; other IPv6 in RFC 5952 form (lower case, longest run
 * of zeros compressed). Surrounding whitespace is trimmed. Zone ids (`fe80::1%eth0`) are refused: they name
 * an interface on the sender's host and mean nothing to a provider.
 *
 * Provider-held values may be in any spelling another client wrote; `sameIp` compares canonical forms of
 * both sides and never throws on what a provider holds.
 */
import ipaddr from 'ipaddr.js';
import { badUserInput } from '../../core/errors';

/** The longest textual IP: eight IPv6 groups ending in a dotted IPv4 (`ffff:…:ffff:255.255.255.255`). */
export const MAX_IP_TEXT_LENGTH = 45;

/** `::a.b.c.d` (IPv4-compatible, deprecated by RFC 4291): ipaddr.js would read it as IPv4-mapped. */
const IPV4_COMPATIBLE = /^::\d{1,3}(\.\d{1,3}){3}$/;

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** The parsed address, or a reason it is not one. IPv4-mapped IPv6 comes back as IPv4. */
function parse(text: string): Address | string {
  const trimmed = text.trim();
  if (trimmed.length === 0) return 'empty';
  if (trimmed.length > MAX_IP_TEXT_LENGTH) return `longer than ${MAX_IP_TEXT_LENGTH} characters`;
  if (trimmed.includes('%')) return 'IPv6 zone ids (%…) are not accepted';
  // Four decimal octets only: ipaddr.parse would also take `127.1`, `0x7f.0.0.1` and octal parts.
  if (ipaddr.IPv4.isValidFourPartDecimal(trimmed)) return ipaddr.IPv4.parse(trimmed);
  if (!trimmed.includes(':') || !ipaddr.IPv6.isValid(trimmed)) return 'not an IPv4 or IPv6 address';
  if (IPV4_COMPATIBLE.test(trimmed)) return 'IPv4-compatible IPv6 (::a.b.c.d) is deprecated; give the IPv4 address';
  const v6 = ipaddr.IPv6.parse(trimmed);
  return v6.isIPv4MappedAddress() ? v6.toIPv4Address() : v6;
}

function format(address: Address): string {
  return address.kind() === 'ipv4' ? address.toString() : (address as ipaddr.IPv6).toRFC5952String();
}

function parseOrThrow(text: string, field: string): Address {
  const parsed = typeof text === 'string' ? parse(text) : 'not a string';
  if (typeof parsed === 'string') throw badUserInput(`${field} must be a valid IPv4 or IPv6 address: ${parsed}`, { [field]: [parsed] });
  return parsed;
}

/** The canonical form of a client-given IP; BAD_USER_INPUT naming `field` when it is not an address. */
export function canonicalIp(text: string, field = 'ip'): string {
  return format(parseOrThrow(text, field));
}

/**
 * Ranges no client's traffic comes from and no public server sits in, by the reason given back. The
 * documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32) are deliberately
 * absent: README examples, the demo and the tests use them, and a provider treats them as any other address.
 */
const NOT_PUBLIC: Record<string, string[]> = {
  'unspecified or "this network"': ['0.0.0.0/8', '::/128'],
  loopback: ['127.0.0.0/8', '::1/128'],
  'link-local (includes the 169.254.169.254 metadata service)': ['169.254.0.0/16', 'fe80::/10'],
  'private or unique-local': ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
  'carrier-grade NAT': ['100.64.0.0/10'],
  multicast: ['224.0.0.0/4', 'ff00::/8'],
  // 240/4 holds the limited broadcast address 255.255.255.255.
  'reserved or broadcast': ['240.0.0.0/4', '192.0.0.0/24', '198.18.0.0/15', '100::/64', '2001:2::/48', 'fec0::/10', '::ffff:0:0:0/96'],
};

const NOT_PUBLIC_RANGES: Parameters<typeof ipaddr.subnetMatch>[1] = Object.fromEntries(
  Object.entries(NOT_PUBLIC).map(([reason, cidrs]) => [reason, cidrs.map((cidr) => ipaddr.parseCIDR(cidr))]),
);

const PUBLIC = 'public';

/**
 * The canonical form of an IP that can be a client's public source address or a public server: refuses
 * unspecified, loopback, link-local, private/unique-local, carrier-grade NAT, multicast, broadcast and
 * other non-routable ranges, which a provider would either reject or, worse, accept as a rule that lets
 * in nobody (or everybody behind some NAT).
 */
export function publicIp(text: string, field = 'ip'): string {
  const address = parseOrThrow(text, field);
  const range = ipaddr.subnetMatch(address, NOT_PUBLIC_RANGES, PUBLIC);
  if (range !== PUBLIC) throw badUserInput(`${field} ${format(address)} is ${range}, not a public address`, { [field]: [`${range} address`] });
  return format(address);
}

/** The canonical form of an IP a provider holds, or null when it is not one (providers may hold anything). */
export function canonicalOrNull(text: string | null | undefined): string | null {
  if (typeof text !== 'string') return null;
  const parsed = parse(text);
  return typeof parsed === 'string' ? null : format(parsed);
}

/** What to show for a provider-held IP: its canonical form, or the text itself when it does not parse. */
export function displayIp(text: string): string {
  return canonicalOrNull(text) ?? text;
}

/** Same address, whatever the spelling of either side; text that is not an IP compares as itself. */
export function sameIp(a: string, b: string): boolean {
  return displayIp(a).toLowerCase() === displayIp(b).toLowerCase();
}
