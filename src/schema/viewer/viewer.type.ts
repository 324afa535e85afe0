/** `Query.viewer`: who the caller is to ProxyGraph, so a client can show only what the caller may do. */
import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'The caller: the API key or JWT the request was made with, or nobody when authentication is off.' })
export class Viewer {
  @Field(() => String, { nullable: true, description: "The API key's configured name or the JWT subject; null when authentication is off." })
  name!: string | null;

  @Field(() => [String], { description: 'Scopes the caller has, of `read`, `write` and `credentials`; all three when authentication is off.' })
  scopes!: string[];

  @Field(() => Boolean, { description: 'False when authentication is off (auth.mode none): every request has full access.' })
  authenticated!: boolean;
}
