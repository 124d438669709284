import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { MaxLength } from 'class-validator';
import type { GraphQLContext } from '../../platform/context/context.js';
import { Public } from '../../platform/auth/access.js';
import type { ResidentServices } from './residents.module.js';
import { RESIDENT_SESSION_COOKIE } from './resident-auth.service.js';
import type { Resident } from './resident.entity.js';

@ObjectType()
export class ResidentViewer {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) displayName!: string | null;
  @Field(() => String, { nullable: true }) pictureUrl!: string | null;
  @Field(() => String) language!: string;
}

@ObjectType()
export class ResidentSignInPayload {
  @Field(() => ResidentViewer) resident!: ResidentViewer;
}

@InputType()
export class ResidentSignInInput {
  @Field(() => String) @MaxLength(8000) idToken!: string;
}

const toViewer = (r: Resident): ResidentViewer => ({
  id: r.id,
  displayName: r.displayName ?? null,
  pictureUrl: r.pictureUrl ?? null,
  language: r.language,
});

/** Resident sign-in from the LIFF app. */
@Resolver()
export class ResidentSessionResolver {
  constructor(private readonly services: ResidentServices) {}

  @Query(() => ResidentViewer, { nullable: true, description: 'null when no resident session' })
  @Public("the resident's own session: null unless signed in")
  async residentViewer(@Ctx() ctx: GraphQLContext): Promise<ResidentViewer | null> {
    const resident = await this.services.residentAuth.viewer(ctx);
    return resident ? toViewer(resident) : null;
  }

  @Mutation(() => ResidentSignInPayload)
  @Public('resident sign-in with a LIFF ID token')
  async residentSignIn(
    @Arg('input', () => ResidentSignInInput) input: ResidentSignInInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ResidentSignInPayload> {
    const { resident, sessionToken, maxAgeSeconds } = await this.services.residentAuth.signIn(ctx, input.idToken);
    ctx.cookies.set(RESIDENT_SESSION_COOKIE, sessionToken, { maxAgeSeconds });
    return { resident: toViewer(resident) };
  }

  @Mutation(() => Boolean)
  @Public('ends the current resident session, if any')
  async residentSignOut(@Ctx() ctx: GraphQLContext): Promise<boolean> {
    await this.services.residentAuth.signOut(ctx);
    ctx.cookies.clear(RESIDENT_SESSION_COOKIE);
    return true;
  }
}
