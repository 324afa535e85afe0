/** The account itself. ProxyMesh has no profile endpoint: the parent username from the config is all there is. */
import type { AccountProfileRecord } from '../contract/records';
import type { ProfileFacet } from '../contract/session';

export class ProxyMeshProfile implements ProfileFacet {
  constructor(private readonly username: string | null) {}

  async get(): Promise<AccountProfileRecord> {
    return { name: this.username, email: null, createdAt: null };
  }
}
