import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { badInput } from '../../platform/errors/app-error.js';
import { ResidentOnly } from '../../platform/auth/access.js';
import type { GraphQLContext } from '../../platform/context/context.js';
import type { AttributeServices } from './attributes.module.js';
import { AttributeValueInput, MyAttributes } from './attributes.types.js';

/** The resident's 受信設定 page (RES-08, RES-09): their own attributes, from their session only. */
@Resolver()
export class MyAttributesResolver {
  constructor(private readonly services: AttributeServices) {}

  @Query(() => MyAttributes, { description: 'the attributes residents may set, with the signed-in resident’s values' })
  @ResidentOnly()
  myAttributes(@Ctx() ctx: GraphQLContext): Promise<MyAttributes> {
    return this.services.residentValues.mine(ctx) as Promise<MyAttributes>;
  }

  @Mutation(() => MyAttributes, { description: 'sets the listed attributes of the signed-in resident; all or nothing' })
  @ResidentOnly()
  updateMyAttributes(
    @Arg('values', () => [AttributeValueInput]) values: AttributeValueInput[],
    @Ctx() ctx: GraphQLContext,
  ): Promise<MyAttributes> {
    if (values.length > 200) throw badInput({ values: '一度に変更できるのは200項目までです。' });
    return this.services.residentValues.updateMine(ctx, values) as Promise<MyAttributes>;
  }
}
