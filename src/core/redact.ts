/**
 * Keeping credentials out of everything that leaves ProxyGraph (docs/architecture.md §6): errors, `extensions`, mutation
 * payloads, log lines. Two layers:
 * - `redactSecrets`: pattern rules for anything that looks like a secret (Authorization values, URL
 *   userinfo, `password=`…), whoever's it is;
 * - `secretRedactor`: an account's own configured values, whatever they look like. A provider's error
 *   body may repeat the credential it was sent in any shape, so the values are redacted in the forms they
 *   travel in too: the Basic value the account sends, URL and form encoding, JSON and HTML escaping,
 *   base64 at any byte alignment. Each account target builds its own (no process-wide registry), and the
 *   one factory of provider errors applies it to every piece of provider text.
 */

export type Redactor = (text: string) => string;

export const REDACTED = '[redacted]';

/**
 * A username is half a credential and often short ("bob"): redacting a short one everywhere would eat
 * ordinary words of the message. Usernames shorter than this are left; passwords, tokens and keys are
 * redacted whatever their length, and the Basic value (username and password together) always.
 */
export const MIN_IDENTIFIER_LENGTH = 6;

/** Base64 of a value inside a longer value keeps only its inner characters; shorter inner runs would match chance text. */
const MIN_BASE64_FRAGMENT_LENGTH = 8;

export interface AccountSecrets {
  /** Passwords, tokens and API keys: redacted whatever their length. */
  secrets: readonly string[];
  /** Usernames: redacted from MIN_IDENTIFIER_LENGTH characters on. */
  identifiers?: readonly string[];
  /** `[username, password]` pairs the account sends as HTTP Basic (`base64(username:password)`). */
  basic?: ReadonlyArray<readonly [string, string]>;
}

/** A function that replaces every form of the given values with `[redacted]`. */
export function secretRedactor({ secrets, identifiers = [], basic = [] }: AccountSecrets): Redactor {
  const values = [
    ...secrets,
    ...identifiers.filter((value) => value.length >= MIN_IDENTIFIER_LENGTH),
    ...basic.map(([username, password]) => `${username}:${password}`),
  ].filter((value) => value.length > 0);
  const forms = [...new Set(values.flatMap(derivedForms))].filter((form) => form.length > 0);
  if (forms.length === 0) return (text) => text;
  // Longest first: where two forms start at one place (a Basic value and the username's own base64),
  // the whole of the longer one goes.
  const pattern = new RegExp(
    forms
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join('|'),
    'g',
  );
  return (text) => text.replace(pattern, REDACTED);
}

/** Every form a value is known to travel in. */
function derivedForms(value: string): string[] {
  const forms = [value, uriEncoded(value), formEncoded(value), jsonEscaped(value), jsonEscaped(jsonEscaped(value)), htmlEscaped(value), ...base64Forms(value)];
  // PHP's json_encode writes "/" as "\/"; base64 and URLs are full of slashes.
  return [...forms, ...forms.map((form) => form.replace(/\//g, '\\/'))];
}

/**
 * The value in base64 and base64url: whole, and as it appears inside the base64 of a longer text at each
 * of the three byte alignments (only the characters all of whose bits come from the value), so
 * `base64("x" + token + "…")` is caught as well as `base64(token)`.
 */
function base64Forms(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  const whole = bytes.toString('base64');
  const fragments = [whole.replace(/=+$/, '')];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    // Bits 8·offset to 8·(offset + length) are the value's; a base64 character carries 6 bits.
    fragments.push(encoded.slice(Math.ceil((offset * 4) / 3), Math.floor(((offset + bytes.length) * 4) / 3)));
  }
  const forms = [whole, ...fragments.filter((fragment) => fragment.length >= MIN_BASE64_FRAGMENT_LENGTH)];
  return [...forms, ...forms.map((form) => form.replace(/\+/g, '-').replace(/\//g, '_'))];
}

function uriEncoded(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    // A lone surrogate cannot be URI-encoded, so it cannot travel that way either.
    return value;
  }
}

const formEncoded = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);
const jsonEscaped = (value: string) => JSON.stringify(value).slice(1, -1);
const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const htmlEscaped = (value: string) => value.replace(/[&<>"']/g, (char) => HTML_ENTITIES[char]);
const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Field errors with names and messages redacted; names that redact alike are merged. */
export function redactFields(fields: Record<string, string[]>, redact: Redactor): Record<string, string[]> {
  const redacted: Record<string, string[]> = {};
  for (const [name, messages] of Object.entries(fields)) {
    const key = redact(name);
    redacted[key] = [...(redacted[key] ?? []), ...messages.map(redact)];
  }
  return redacted;
}

/**
 * Last line of defence for anything that might echo a credential: Authorization values, tokens in URLs,
 * userinfo in proxy URLs, and key=value pairs with secret-looking names.
 */
export function redactSecrets(text: string): string {
  return text
    .replace(/(authorization\s*[:=]\s*)(token|bearer|basic)?\s*[^\s,;"']+/gi, '$1[redacted]')
    .replace(/\b(token|bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, '$1 [redacted]')
    .replace(/(\/\/)[^/\s:@]+:[^/\s@]+@/g, '$1[redacted]@')
    .replace(/((?:password|passwd|secret|api[_-]?key|private[_-]?key|token)["']?\s*[:=]\s*["']?)[^\s,;"'&]+/gi, '$1[redacted]');
}
