/**
 * Reading a provider's error body, shared by every provider's `describeFailure`: the body as a JSON object
 * (or an empty one when it is not JSON, e.g. an HTML page from a proxy in front), and field errors in the
 * shapes providers use (`{"field": ["message"]}`, `{"field": "message"}`, or the live DRF form
 * `{"field": [{"message", "code"}]}`).
 */

/** The error body as a JSON object; `{}` when it is empty, not JSON, or not an object. */
export function errorBodyObject(body: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Field → messages for every entry of `record` shaped like a field error; other entries are ignored. */
export function fieldErrorMessages(record: Record<string, unknown>): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const [field, value] of Object.entries(record)) {
    if (typeof value === 'string') fields[field] = [value];
    else if (Array.isArray(value)) {
      fields[field] = value.map((item) =>
        typeof item === 'object' && item !== null && 'message' in item ? String((item as { message: unknown }).message) : String(item),
      );
    }
  }
  return fields;
}

/** `field: message; other: message`, the provider message for a field-error body. */
export function describeFields(fields: Record<string, string[]>): string | undefined {
  const text = Object.entries(fields)
    .map(([field, list]) => `${field}: ${list.join(' ')}`)
    .join('; ');
  return text || undefined;
}
