/** Usage across accounts. */
import { Field, ObjectType } from 'type-graphql';
import { Account, Usage } from '../account/account.type';
import { UsageTotalsExclusion } from '../common/enums';
import { OperationError } from '../common/payloads';

@ObjectType({ description: "One account's usage, or why there is none, and whether it is added into the totals." })
export class AccountUsage {
  @Field(() => Boolean, { description: 'False when the provider cannot report usage.' })
  supported!: boolean;

  @Field(() => Usage, { nullable: true })
  usage!: Usage | null;

  @Field(() => OperationError, { nullable: true })
  error!: OperationError | null;

  @Field(() => Boolean, { description: "Whether this account's figures are added into UsageSummary.totals." })
  inTotals!: boolean;

  @Field(() => UsageTotalsExclusion, { nullable: true, description: 'Why not, when inTotals is false.' })
  notInTotalsBecause!: UsageTotalsExclusion | null;
}

@ObjectType({ description: 'The sum of the usage of the accounts whose figures cover one period.' })
export class UsageTotal {
  @Field(() => Usage, { description: 'The sums; a figure is null unless every account here reports it.' })
  usage!: Usage;

  @Field(() => [Account])
  accounts!: Account[];
}

@ObjectType({ description: 'Usage per account, and totals that add only figures of the same period.' })
export class UsageSummary {
  @Field(() => Usage, {
    description:
      'With a window (from): the sum over the accounts whose figures cover exactly that window. Without one: the sum when every reporting account covers the same period, else null figures (see totalsByPeriod). AccountUsage.inTotals says who is added.',
  })
  totals!: Usage;

  @Field(() => [UsageTotal], { description: 'One total per distinct period (kind and bounds) among the accounts that reported.' })
  totalsByPeriod!: UsageTotal[];

  @Field(() => [AccountUsage])
  accounts!: AccountUsage[];
}
