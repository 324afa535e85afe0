/**
 * URL paths to providers, built in one place. A native id is checked against its provider's documented
 * form before it gets here; this is the last line of defence behind those checks: `..` survives
 * encodeURIComponent, so `DELETE /api/v2/subuser/${encodeURIComponent('..')}/` would delete at the parent
 * path. A segment that is empty, `.` or `..`, or that carries a `/` or `\` or a control character (raw or
 * percent-encoded, since some servers decode twice) is refused with BAD_USER_INPUT and no call is made.
 */
import { badUserInput } from '../core/errors';

const DOT_SEGMENT = /^\.{1,2}$/;
// Control characters are what this pattern is for.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTER = /[/\\\u0000-\u001f\u007f]/;

function decodedOnce(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Why `value` (raw, or as it reads once percent-decoded) cannot be one path segment; null when it can. */
export function segmentProblem(value: string): string | null {
  for (const form of [value, decodedOnce(value)]) {
    if (form === '') return 'empty';
    if (DOT_SEGMENT.test(form)) return 'a dot segment';
    if (UNSAFE_CHARACTER.test(form)) return 'a slash, backslash or control character';
  }
  return null;
}

function refuse(name: string, value: string, problem: string): Error {
  const shown = JSON.stringify(value.slice(0, 60));
  return badUserInput(`${name} ${shown} cannot be sent as a URL path segment (${problem})`, { [name]: ['not a valid id'] });
}

/**
 * `template` with each `:name` segment replaced by `params[name]`, percent-encoded: the template is the same
 * route the call is labelled with (`DELETE /api/v2/subuser/:id/`), so paths and labels cannot drift apart.
 */
export function pathWith(template: string, params: Record<string, string | number>): string {
  return template.replace(/:([a-z_]+)/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`path template ${template} needs parameter ${name}`);
    const value = String(params[name]);
    const problem = segmentProblem(value);
    if (problem) throw refuse(name, value, problem);
    return encodeURIComponent(value);
  });
}

/**
 * Refuses a whole path with a dot segment, an empty inner segment (`//`) or an encoded slash, whoever
 * built it. The leading `/` and one trailing `/` (Webshare's paths end in one) are not segments.
 */
export function checkPath(path: string): void {
  const segments = path.split('?')[0].replace(/^\//, '').replace(/\/$/, '').split('/');
  for (const segment of segments) {
    const problem = segmentProblem(segment);
    if (problem) throw refuse('path', segment, problem);
  }
}
