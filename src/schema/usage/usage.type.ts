/** Usage across accounts. */
import { Field, ObjectType } from 'type-graphql';
import { Usage } from '../account/account.type';
import { OperationError } from '../common/payloads';

@ObjectType({ description: 'One account\'s usage, or why there is none.' })
export class AccountUsage {
  @Field(() => Boolean, { description: 'False when the provider cannot report usage.' })
  supported!: boolean;

  @Field(() => Usage, { nullable: true })
  usage!: Usage | null;

  @Field(() => OperationError, { nullable: true })
  error!: OperationError | null;
}

@ObjectType({ description: 'Totals in bytes over every account that reported, plus each account.' })
export class UsageSummary {
  @Field(() => Usage)
  totals!: Usage;

  @Field(() => [AccountUsage])
  accounts!: AccountUsage[];
}
