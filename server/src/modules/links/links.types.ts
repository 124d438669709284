import { Field, ObjectType } from 'type-graphql';

/** What the LIFF app's `/r/<token>` page goes on to (docs/adr/0016). */
@ObjectType()
export class OpenedTrackedLink {
  @Field(() => String, {
    description: 'the URL stored for the token (http or https): the page goes there, never anywhere the request names',
  })
  url!: string;

  @Field(() => Boolean, { description: 'true: the signed-in resident was recorded as having opened it (first tap per owner kept)' })
  identified!: boolean;
}
