/**
 * ProxyMesh simulator: the six sub-account endpoints (create, edit, get, activate, deactivate, delete)
 * [C docs/providers/proxymesh.txt]. Forms are validated the way the docs describe the fields; messages are Django's [I].
 */
import type { SimRequest, SimResponse, SimulatorServer } from '../kit';
import type { Guard } from './index';
import { emptyOk, field, formError, ok, PAYMENT_REQUIRED_SUBS, PLAN_LOOKUP_FAILED, REQUIRED, subLookupFailure } from './http';
import { findSub, renderSubAccount, usernameTaken, type ProxyMeshState, type SubAccountState } from './state';

/**
 * [C] "up to 30 alphanumeric characters, including .@+-", and the same page advises prefixing sub-accounts
 * with `pm_`, so `_` is accepted: Django's username rule (letters, digits and @ . + - _) [I].
 */
const USERNAME = /^[A-Za-z0-9_.@+-]+$/;
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

type SubChanges = Partial<Pick<SubAccountState, 'password' | 'first_name' | 'last_name' | 'email' | 'monthly_bandwidth_limit' | 'total_bandwidth_limit'>>;

function maxLength(errors: Record<string, string[]>, name: string, value: string | undefined, max: number): void {
  if (value !== undefined && value.length > max) errors[name] = [`Ensure this value has at most ${max} characters (it has ${value.length}).`];
}

function wholeGb(errors: Record<string, string[]>, name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (/^-\d+$/.test(value)) errors[name] = ['Ensure this value is greater than or equal to 0.'];
  else if (!/^\d+$/.test(value)) errors[name] = ['Enter a whole number.'];
  else return Number(value);
  return undefined;
}

/** Validates the optional fields shared by create and edit; absent fields are left out of the changes. */
function readChanges(form: URLSearchParams, errors: Record<string, string[]>): SubChanges {
  const password = form.get('password') ?? undefined;
  const firstName = field(form, 'first_name');
  const lastName = field(form, 'last_name');
  const email = field(form, 'email');
  maxLength(errors, 'password', password, 128);
  maxLength(errors, 'first_name', firstName, 20);
  maxLength(errors, 'last_name', lastName, 20);
  maxLength(errors, 'email', email, 255);
  if (email !== undefined && !errors.email && !EMAIL.test(email)) errors.email = ['Enter a valid email address.'];
  const monthly = wholeGb(errors, 'monthly_limit', field(form, 'monthly_limit'));
  const total = wholeGb(errors, 'total_limit', field(form, 'total_limit'));
  return {
    ...(password !== undefined && password !== '' ? { password } : {}),
    ...(firstName !== undefined ? { first_name: firstName } : {}),
    ...(lastName !== undefined ? { last_name: lastName } : {}),
    ...(email !== undefined ? { email } : {}),
    ...(monthly !== undefined ? { monthly_bandwidth_limit: monthly } : {}),
    ...(total !== undefined ? { total_bandwidth_limit: total } : {}),
  };
}

function checkUsername(errors: Record<string, string[]>, username: string | undefined): void {
  if (username === undefined) errors.username = [REQUIRED];
  else if (username.length > 30) errors.username = [`Ensure this value has at most 30 characters (it has ${username.length}).`];
  else if (!USERNAME.test(username)) errors.username = ['Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.'];
}

function create(state: ProxyMeshState, req: SimRequest): SimResponse {
  const form = req.form();
  const errors: Record<string, string[]> = {};
  const username = field(form, 'username');
  checkUsername(errors, username);
  const changes = readChanges(form, errors);
  // [C] must differ from the parent and every other account (usernames are globally unique).
  if (!errors.username && usernameTaken(state, username!)) errors.username = ['A user with that username already exists.'];
  if (Object.keys(errors).length > 0) return formError(errors);
  if (state.planLookupFailing) return PLAN_LOOKUP_FAILED;
  if (state.subs.size >= state.plan.subAccountLimit) return PAYMENT_REQUIRED_SUBS;
  const sub: SubAccountState = {
    username: username!,
    // [I] without a password the sub-account cannot log in until one is set.
    password: '',
    active: true,
    monthly_bandwidth: 0,
    monthly_bandwidth_limit: 0,
    total_bandwidth: 0,
    total_bandwidth_limit: 0,
    ips: [],
    domains: [],
    ...changes,
  };
  state.subs.set(sub.username, sub);
  return ok(renderSubAccount(sub));
}

/** [I] edit changes only the fields sent; the docs say it "takes all the same parameters as create". */
function edit(state: ProxyMeshState, req: SimRequest): SimResponse {
  const form = req.form();
  const username = field(form, 'username');
  if (username === undefined) return formError({ username: [REQUIRED] });
  const found = findSub(state, username);
  if (!found.ok) return subLookupFailure(found.status);
  const errors: Record<string, string[]> = {};
  const changes = readChanges(form, errors);
  if (Object.keys(errors).length > 0) return formError(errors);
  Object.assign(found.sub, changes);
  return ok(renderSubAccount(found.sub));
}

/** The username-only endpoints: from the query (GET) or the form (POST). */
function withSub(state: ProxyMeshState, source: 'query' | 'form', act: (sub: SubAccountState) => SimResponse) {
  return (req: SimRequest): SimResponse => {
    const params = source === 'query' ? req.query : req.form();
    const username = field(params, 'username');
    if (username === undefined) return formError({ username: [REQUIRED] });
    const found = findSub(state, username);
    return found.ok ? act(found.sub) : subLookupFailure(found.status);
  };
}

export function registerSubAccountRoutes(server: SimulatorServer, state: ProxyMeshState, guard: Guard): void {
  server.route(
    'POST',
    '/api/sub/create/',
    guard((req) => create(state, req)),
  );
  server.route(
    'POST',
    '/api/sub/edit/',
    guard((req) => edit(state, req)),
  );
  server.route('GET', '/api/sub/get/', guard(withSub(state, 'query', (sub) => ok(renderSubAccount(sub)))));
  server.route(
    'POST',
    '/api/sub/activate/',
    guard(
      withSub(state, 'form', (sub) => {
        sub.active = true;
        return ok(renderSubAccount(sub));
      }),
    ),
  );
  server.route(
    'POST',
    '/api/sub/deactivate/',
    guard(
      withSub(state, 'form', (sub) => {
        sub.active = false;
        return ok(renderSubAccount(sub));
      }),
    ),
  );
  server.route(
    'POST',
    '/api/sub/delete/',
    guard(
      withSub(state, 'form', (sub) => {
        state.subs.delete(sub.username);
        return emptyOk();
      }),
    ),
  );
}
