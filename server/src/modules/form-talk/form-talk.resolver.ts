import { IsOptional, Max, Min } from 'class-validator';
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { RequirePermission } from '../../platform/auth/access.js';
import type { GraphQLContext } from '../../platform/context/context.js';
import { FormKind, FormStatus } from '../forms/index.js';
import type { FormTalkServices } from './form-talk.module.js';
import { MAX_REMINDER_DELAY_HOURS, type OnboardingView } from './onboarding.service.js';

@ObjectType({ description: 'a registration form as the channel settings offer it' })
class OnboardingForm {
  @Field(() => ID) id!: string;
  @Field(() => String) title!: string;
  @Field(() => FormKind) kind!: FormKind;
  @Field(() => FormStatus) status!: FormStatus;
}

@ObjectType({ description: 'RES-07: what a new friend of the channel is offered: the registration link in the greeting, and one reminder' })
class ChannelOnboarding {
  @Field(() => ID) channelId!: string;
  @Field(() => OnboardingForm, { nullable: true, description: 'the form the follow greeting links to; null: no link, no reminder' })
  registrationForm!: OnboardingForm | null;
  @Field(() => Int, { description: 'hours after following before a friend who has not registered is reminded (once)' })
  reminderDelayHours!: number;
  @Field(() => Boolean) remindersEnabled!: boolean;
  @Field(() => Date, { nullable: true, description: 'friends who followed before this (when the form was chosen) are not reminded' })
  remindersFrom!: Date | null;
  @Field(() => Int, { description: 'reminders sent so far' }) remindersSent!: number;
}

@InputType()
class UpdateChannelOnboardingInput {
  @Field(() => ID, { nullable: true, description: 'a form of kind REGISTRATION; null removes the link; omitted: unchanged' })
  registrationFormId?: string | null;
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(1)
  @Max(MAX_REMINDER_DELAY_HOURS)
  reminderDelayHours?: number | null;
  @Field(() => Boolean, { nullable: true }) remindersEnabled?: boolean | null;
}

@ObjectType()
class ChannelOnboardingPayload {
  @Field(() => ChannelOnboarding) onboarding!: ChannelOnboarding;
}

@ObjectType({ description: 'FORM-14: how deliveries and rich menus start a survey in the LINE talk screen' })
class FormTalkStart {
  @Field(() => ID) formId!: string;
  @Field(() => String, { description: 'postback data that starts the survey in the talk (a rich-menu or message button)' })
  postbackData!: string;
  @Field(() => Boolean, { description: 'a published survey whose questions can all be asked in the talk' })
  eligible!: boolean;
  @Field(() => [String]) reasons!: string[];
}

const view = (v: OnboardingView): ChannelOnboarding => ({ ...v, registrationForm: v.registrationForm });

/** The channel settings page's 友だち追加時の登録案内, and the talk-start data of a form. */
@Resolver()
export class FormTalkResolver {
  constructor(private readonly services: FormTalkServices) {}

  @Query(() => ChannelOnboarding)
  @RequirePermission('channels.read')
  async channelOnboarding(@Arg('channelId', () => ID) channelId: string, @Ctx() ctx: GraphQLContext): Promise<ChannelOnboarding> {
    return view(await this.services.onboarding.get(ctx, channelId));
  }

  @Query(() => [OnboardingForm], { description: 'forms of kind REGISTRATION, for choosing the one the greeting links to' })
  @RequirePermission('channels.read')
  async registrationFormChoices(@Ctx() ctx: GraphQLContext): Promise<OnboardingForm[]> {
    return await this.services.onboarding.registrationForms(ctx);
  }

  @Mutation(() => ChannelOnboardingPayload)
  // The answer shows the channel's settings back, so reading the channel is part of the change.
  @RequirePermission(['channels.read', 'channels.write'])
  async updateChannelOnboarding(
    @Arg('channelId', () => ID) channelId: string,
    @Arg('input', () => UpdateChannelOnboardingInput) input: UpdateChannelOnboardingInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ChannelOnboardingPayload> {
    return { onboarding: view(await this.services.onboarding.update(ctx, channelId, input)) };
  }

  @Query(() => FormTalkStart, { description: 'NOT_FOUND outside your departments' })
  @RequirePermission('forms.read')
  formTalkStart(@Arg('formId', () => ID) formId: string, @Ctx() ctx: GraphQLContext): Promise<FormTalkStart> {
    return this.services.talk.startInfo(ctx, formId);
  }
}
