/** `Query.viewer`: answers from the request's principal alone; no provider is called, no scope is needed. */
import { Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { Viewer } from './viewer.type';

@Resolver()
export class ViewerResolver {
  @Query(() => Viewer, { description: 'Who is calling: name, scopes and whether authentication is on. Needs no scope.' })
  viewer(@Ctx() ctx: Context): Viewer {
    return ctx.scope.principal.describe();
  }
}
