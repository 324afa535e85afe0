/**
 * Loads the configuration once at boot: reads the JSON file, substitutes `${ENV_VAR}` references from the
 * environment, and validates it. Any problem throws ConfigError with a message naming the bad key; the
 * message never contains a secret's value.
 */
import { readFileSync } from 'node:fs';
import type { ZodIssue } from 'zod';
import { configSchema, ProxyGraphConfig } from './schema';
import { jsonSyntaxErrorPosition } from './json-syntax';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Finds the config path: `--config FILE` wins over PROXYGRAPH_CONFIG; none means demo mode. */
export function configPathFrom(argv: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  const flagIndex = argv.indexOf('--config');
  if (flagIndex >= 0) {
    const path = argv[flagIndex + 1];
    if (!path || path.startsWith('--')) throw new ConfigError('--config needs a file path');
    return path;
  }
  const inline = argv.find((arg) => arg.startsWith('--config='));
  if (inline) return inline.slice('--config='.length);
  return env.PROXYGRAPH_CONFIG || undefined;
}

export function loadConfigFile(path: string, env: NodeJS.ProcessEnv = process.env): ProxyGraphConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read config file ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  const syntaxError = jsonSyntaxErrorPosition(text);
  if (syntaxError) {
    // Only where: JSON.parse's own message quotes the text around the error, secrets included.
    const where = `line ${syntaxError.line}, column ${syntaxError.column}`;
    throw new ConfigError(`config file ${path} is not valid JSON: ${syntaxError.atEnd ? `it ends too early (${where})` : `syntax error at ${where}`}`);
  }
  return parseConfig(JSON.parse(text), env);
}

export function parseConfig(raw: unknown, env: NodeJS.ProcessEnv = process.env): ProxyGraphConfig {
  const substituted = substituteEnv(raw, env, []);
  const result = configSchema.safeParse(substituted);
  if (!result.success) {
    const lines = result.error.issues.map(describeIssue);
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return result.data;
}

function describeIssue(issue: ZodIssue): string {
  const key = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((name) => `${key ? `${key}.` : ''}${name}: unknown key`).join('; ');
  }
  if (issue.code === 'invalid_union_discriminator') {
    return `${key}: must be one of ${issue.options.map((option) => JSON.stringify(option)).join(', ')}`;
  }
  return `${key || '(root)'}: ${issue.message}`;
}

function formatPath(path: (string | number)[]): string {
  return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part), '');
}

const ENV_REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

function substituteEnv(value: unknown, env: NodeJS.ProcessEnv, path: (string | number)[]): unknown {
  if (typeof value === 'string') {
    return value.replace(ENV_REFERENCE, (_match, name: string) => {
      const resolved = env[name];
      if (resolved === undefined || resolved === '') {
        throw new ConfigError(`${formatPath(path)}: environment variable ${name} is not set`);
      }
      return resolved;
    });
  }
  if (Array.isArray(value)) return value.map((item, index) => substituteEnv(item, env, [...path, index]));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substituteEnv(item, env, [...path, key])]));
  }
  return value;
}
