/** IP authorizations (allow-listed client IPs) and hostname authorizations (ProxyMesh). */
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTime } from '../common/scalars';
import { OperationError } from '../common/payloads';

@ObjectType({ description: "A client IP allowed to use the account's proxies without a password." })
@Directive('@key(fields: "id")')
export class IpAuthorization {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  ip!: string;

  @Field(() => String, { nullable: true, description: 'WonderProxy user name the entry belongs to.' })
  user!: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'WonderProxy: whether `user` is an active proxy user of the account (user_active); null where the provider has no users.',
  })
  userActive!: boolean | null;

  @Field(() => DateTime, { nullable: true })
  expiresAt!: Date | null;

  @Field(() => DateTime, { nullable: true })
  createdAt!: Date | null;

  @Field(() => DateTime, { nullable: true })
  lastUsedAt!: Date | null;
}

@ObjectType({ description: 'A user IP authorizations are assigned to (WonderProxy authlist users), with its state.' })
export class IpAuthorizationUser {
  @Field(() => String)
  username!: string;

  @Field(() => Boolean, { description: 'Whether the user is an active proxy user of the account.' })
  active!: boolean;

  @Field(() => Int, { description: "How many of the account's IP authorizations belong to the user." })
  ipAuthorizationCount!: number;
}

@ObjectType({ description: 'A target hostname a ProxyMesh account (or sub-account) may reach.' })
export class HostnameAuthorization {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  hostname!: string;
}

@ObjectType({ description: 'The outcome of a multi-account mutation on one account.' })
export class AccountOperationResult {
  @Field(() => Boolean)
  ok!: boolean;

  @Field(() => Boolean, { description: 'True when nothing had to change (already authorized / already absent).' })
  alreadyDone!: boolean;

  @Field(() => IpAuthorization, { nullable: true })
  ipAuthorization!: IpAuthorization | null;

  @Field(() => Int, { nullable: true })
  removedCount!: number | null;

  @Field(() => [String], {
    description:
      "Input fields this account's provider cannot honour, left out for it (e.g. `user` and `expiresAt` on providers whose entries have no user or expiry).",
  })
  notApplied!: string[];

  @Field(() => OperationError, { nullable: true })
  error!: OperationError | null;
}
