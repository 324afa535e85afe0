/**
 * Sub-accounts. ProxyMesh cannot list them, so the list is the known usernames (SubAccountDirectory), each
 * read on its own; one created or imported here becomes known, one deleted here is forgotten. The username
 * is the sub-user's id.
 */
import { isCode, type AccountErrors } from '../../core/errors';
import type { CreateSubUserParams, ListWindow, UpdateSubUserParams } from '../contract/params';
import type { IpAuthorizationRecord, SubUserPage, SubUserRecord } from '../contract/records';
import type { SubUserActivationFacet, SubUserImportFacet, SubUsersFacet } from '../contract/session';
import type { AccessScopes } from './access-scopes';
import type { ProxyMeshClient } from './client';
import { toIpAuthorization, toSubUser } from './mapping';
import type { SubAccountDirectory } from './sub-account-directory';
import { checkNoRename, checkNotParent, checkUsername, isProxyMeshUsername, requiredUsername, subAccountForm } from './validate';
import type { ProxyMeshSubAccount } from './wire';

export class ProxyMeshSubUsers implements SubUsersFacet {
  constructor(
    private readonly client: ProxyMeshClient,
    private readonly directory: SubAccountDirectory,
    private readonly scopes: AccessScopes,
    private readonly errors: AccountErrors,
    /** The parent account's username (Basic auth), which no sub-account may take; null with a bearer token. */
    private readonly parentUsername: string | null,
  ) {}

  async list(window: ListWindow): Promise<SubUserPage> {
    const usernames = await this.directory.usernames();
    const slice = usernames.slice(window.offset, window.offset + window.limit);
    const loaded = await Promise.all(slice.map((username) => this.directory.getKnown(username)));
    const items = loaded.filter((sub): sub is ProxyMeshSubAccount => sub !== null).map(toSubUser);
    return {
      items,
      // Exact only when every known name in the window still exists.
      totalCount: items.length === slice.length ? usernames.length : null,
      hasMore: window.offset + slice.length < usernames.length,
    };
  }

  async get(nativeId: string): Promise<SubUserRecord | null> {
    if (!isProxyMeshUsername(nativeId)) return null;
    const sub = await this.directory.get(nativeId);
    return sub ? toSubUser(sub) : null;
  }

  async create(params: CreateSubUserParams): Promise<SubUserRecord> {
    const form = subAccountForm(requiredUsername(params.username), params);
    checkNotParent(form.username, this.parentUsername);
    const created = await this.client.createSubAccount(form);
    await this.directory.record(
      'add',
      created.username,
      `was created at ProxyMesh, but ProxyGraph could not record it, so it will not be listed; run importSubUser for it once the state store is back`,
    );
    this.directory.remember(created);
    return toSubUser(created);
  }

  async update(nativeId: string, params: UpdateSubUserParams): Promise<SubUserRecord> {
    checkSubUserId(nativeId, this.errors);
    checkNoRename(nativeId, params.username);
    const updated = await this.client.editSubAccount(subAccountForm(nativeId, { ...params, username: nativeId }));
    this.directory.remember(updated);
    return toSubUser(updated);
  }

  async delete(nativeId: string): Promise<void> {
    checkSubUserId(nativeId, this.errors);
    try {
      await this.client.deleteSubAccount(nativeId);
    } catch (error) {
      // Gone upstream already: stop listing it, and still report NOT_FOUND.
      if (isCode(error, 'NOT_FOUND')) await this.directory.forget(nativeId);
      throw error;
    }
    await this.directory.record(
      'remove',
      nativeId,
      'was deleted at ProxyMesh, but ProxyGraph could not update its state store; the name is dropped the next time sub-accounts are listed',
    );
    this.directory.deleted(nativeId);
  }

  /** ProxyMesh reads a sub-account's IPs apart from the sub-account (its scope of /api/ips/). */
  async ipAuthorizations(nativeId: string): Promise<IpAuthorizationRecord[]> {
    if (!isProxyMeshUsername(nativeId)) return [];
    const list = await this.scopes.ips(nativeId);
    return (list?.ips ?? []).map((ip) => toIpAuthorization(ip, nativeId));
  }
}

export class ProxyMeshSubUserActivation implements SubUserActivationFacet {
  constructor(
    private readonly client: ProxyMeshClient,
    private readonly directory: SubAccountDirectory,
    private readonly errors: AccountErrors,
  ) {}

  async setActive(nativeId: string, active: boolean): Promise<SubUserRecord> {
    checkSubUserId(nativeId, this.errors);
    const sub = active ? await this.client.activateSubAccount(nativeId) : await this.client.deactivateSubAccount(nativeId);
    this.directory.remember(sub);
    return toSubUser(sub);
  }
}

export class ProxyMeshSubUserImport implements SubUserImportFacet {
  constructor(
    private readonly client: ProxyMeshClient,
    private readonly directory: SubAccountDirectory,
  ) {}

  /** Starts tracking an existing sub-account after checking that ProxyMesh has it for this account. */
  async import(username: string): Promise<SubUserRecord> {
    checkUsername(username);
    const sub = await this.client.subAccount(username);
    await this.directory.record(
      'add',
      sub.username,
      'exists at ProxyMesh, but ProxyGraph could not record it, so it will not be listed; run importSubUser again once the state store is back',
    );
    this.directory.remember(sub);
    return toSubUser(sub);
  }
}

/** A sub-user id whose username ProxyMesh could never accept names nothing: NOT_FOUND, no call. */
function checkSubUserId(nativeId: string, errors: AccountErrors): void {
  if (!isProxyMeshUsername(nativeId)) throw errors.notFound('sub-account');
}
