/**
 * The contract's users as WonderProxy shows them: only through the authlist, whose entries carry `user` and
 * `user_active` [C]. WonderProxy has no endpoint listing users (docs/providers/reference.md §4), so a user
 * with no entry is not known here; the list comes from the request's one read of the authlist.
 */
import type { IpAuthorizationUserRecord } from '../contract/records';
import type { IpAuthorizationUsersFacet } from '../contract/session';
import type { AuthlistLoaders } from './authlist-loaders';
import { toAuthlistUsers } from './mapping';

export class WonderProxyAuthlistUsers implements IpAuthorizationUsersFacet {
  constructor(private readonly authlist: AuthlistLoaders) {}

  async list(): Promise<IpAuthorizationUserRecord[]> {
    return toAuthlistUsers(await this.authlist.all());
  }
}
