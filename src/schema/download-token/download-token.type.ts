/** Download tokens: keys of the provider's unauthenticated download links (Webshare). */
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { DateTime } from '../common/scalars';

export enum DownloadTokenScope {
  PROXY_LIST = 'PROXY_LIST',
  REPLACED_PROXIES = 'REPLACED_PROXIES',
  ACTIVITY = 'ACTIVITY',
}

registerEnumType(DownloadTokenScope, { name: 'DownloadTokenScope', description: 'Which download link a token opens.' });

@ObjectType({ description: "A key that opens one of the provider's download links without the API key." })
export class DownloadToken {
  @Field(() => DownloadTokenScope)
  scope!: DownloadTokenScope;

  @Field(() => String, { description: 'The key itself: anyone holding it can download. Needs the `credentials` scope.' })
  key!: string;

  @Field(() => DateTime, { nullable: true })
  expiresAt!: Date | null;
}
