/** Inputs for proxy settings, country allocation and gateway usernames (Webshare proxy config family). */
import { IsBoolean, IsInt, IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import type { CountryCountRecord } from '../../providers/contract/records';
import { CountryCountInput } from '../sub-user/sub-user.input';
import type { GatewayUsernameParams, ProxySettingsChange } from '../../providers/contract/params';

/** Webshare's two proxy timeouts, changed by updateProxySettings and updateProxyCredentials alike. */
@InputType()
export abstract class ProxyTimeoutsFields {
  @Field(() => Int, { nullable: true, description: '15 s to 7 days.' })
  @IsOptional()
  @IsInt()
  @Min(15)
  @Max(604_800)
  requestTimeoutSeconds?: number | null;

  @Field(() => Int, { nullable: true, description: '15 s to 2 hours.' })
  @IsOptional()
  @IsInt()
  @Min(15)
  @Max(7_200)
  requestIdleTimeoutSeconds?: number | null;
}

@InputType({
  description:
    'A change of proxy settings: a field left out is unchanged; null clears a restriction (ipAuthorizationCountries null = all countries). City, state and postal code exclude one another.',
})
export class ProxySettingsInput extends ProxyTimeoutsFields {
  @Field(() => [String], { nullable: true, description: 'ISO 3166-1 alpha-2 codes, any case; null = all countries.' })
  @IsOptional()
  @Matches(/^[A-Za-z]{2}$/, { each: true, message: 'each country must be a two-letter ISO 3166-1 code' })
  ipAuthorizationCountries?: string[] | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  ipAuthorizationCity?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  ipAuthorizationState?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 20)
  ipAuthorizationPostalCode?: string | null;

  @Field(() => String, { nullable: true, description: '7922 or AS7922.' })
  @IsOptional()
  @Matches(/^(AS)?\d{1,10}$/i, { message: 'ipAuthorizationAsn must be an ASN such as 7922 or AS7922' })
  ipAuthorizationAsn?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Not changeable on free plans.' })
  @IsOptional()
  @IsBoolean()
  autoReplaceInvalidProxies?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Not changeable on free plans.' })
  @IsOptional()
  @IsBoolean()
  autoReplaceLowCountryConfidenceProxies?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  autoReplaceOutOfRotationProxies?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  autoReplaceFailedSiteCheckProxies?: boolean | null;
}

/** Settings that have no "none" state: null means unchanged for them, as for a field left out. */
const NOT_CLEARABLE = new Set<keyof ProxySettingsChange>([
  'requestTimeoutSeconds',
  'requestIdleTimeoutSeconds',
  'autoReplaceInvalidProxies',
  'autoReplaceLowCountryConfidenceProxies',
  'autoReplaceOutOfRotationProxies',
  'autoReplaceFailedSiteCheckProxies',
]);

/** The change as the provider takes it: country codes upper case; undefined = unchanged, null = clear. */
export function proxySettingsChange(input: ProxySettingsInput): ProxySettingsChange {
  const change: ProxySettingsChange = {};
  for (const [key, value] of Object.entries(input) as Array<[keyof ProxySettingsChange, unknown]>) {
    if (value === undefined || (value === null && NOT_CLEARABLE.has(key))) continue;
    (change as Record<string, unknown>)[key] = value;
  }
  if (change.ipAuthorizationCountries) change.ipAuthorizationCountries = change.ipAuthorizationCountries.map((code) => code.toUpperCase());
  return change;
}

export function countryCounts(inputs: readonly CountryCountInput[]): CountryCountRecord[] {
  return inputs.map((input) => ({ country: input.country.toUpperCase(), count: input.count }));
}

@InputType({
  description: 'Targeting appended to the gateway username. sessionId (sticky) and rotate exclude each other; city needs a plan with cityTargeting.',
})
export class GatewayUsernameInput {
  @Field(() => [String], { nullable: true, description: 'Two-letter country codes, chained in this order.' })
  @IsOptional()
  countries?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Letters and underscores, e.g. los_angeles.' })
  @IsOptional()
  city?: string | null;

  @Field(() => String, { nullable: true, description: 'Digits: the same session id keeps the same exit IP.' })
  @IsOptional()
  sessionId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'A new exit IP on every request.' })
  @IsOptional()
  rotate?: boolean | null;
}

export function gatewayUsernameParams(input: GatewayUsernameInput | null | undefined): GatewayUsernameParams {
  return { countries: input?.countries ?? null, city: input?.city ?? null, sessionId: input?.sessionId ?? null, rotate: input?.rotate ?? null };
}
