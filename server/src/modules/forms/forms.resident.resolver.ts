import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Public, ResidentOnly } from '../../platform/auth/access.js';
import type { GraphQLContext } from '../../platform/context/context.js';
import type { FormServices } from './forms.module.js';
import { FormDraft, MySubmission, ResidentForm, SubmitFormInput, SubmitFormPayload } from './forms.types.js';
import { JSONObject } from '../../platform/graphql/json-object.js';

/** The resident's side (LIFF and plain browser): the form, drafts, submitting, my answers. */
@Resolver()
export class ResidentFormResolver {
  constructor(private readonly services: FormServices) {}

  @Query(() => ResidentForm, {
    description: 'NOT_FOUND when never published; availability explains closed, out of audience, sign-in needed',
  })
  @Public('a published form, as residents and browsers open it')
  async residentForm(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<ResidentForm> {
    const { form, version, availability, prefill, draft } = await this.services.submissions.residentForm(ctx, id);
    return {
      id: form.id,
      title: form.title,
      description: form.description,
      kind: form.kind,
      versionId: version.id,
      definition: version.definition as unknown as Record<string, unknown>,
      access: form.access,
      answerPolicy: form.answerPolicy,
      opensAt: form.opensAt,
      closesAt: form.closesAt,
      availability,
      prefill,
      draft,
      askContactEmail: form.askContactEmail,
      thankYouMessage: form.thankYouMessage,
    };
  }

  @Query(() => [MySubmission], { description: "the signed-in resident's own submissions, newest first" })
  @ResidentOnly()
  myFormSubmissions(
    @Arg('formId', () => ID, { nullable: true }) formId: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<MySubmission[]> {
    return this.services.submissions.mySubmissions(ctx, formId ?? null);
  }

  @Query(() => MySubmission, {
    description: "a resident's own by their session, a browser submitter's by accessKey (rate limited); NOT_FOUND for anyone else's",
  })
  @Public('residents by session; browser submitters by the key given on their receipt screen and in their mails')
  mySubmission(
    @Arg('id', () => ID) id: string,
    @Arg('accessKey', () => String, { nullable: true, description: 'browser submissions: the key from submitForm' })
    accessKey: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<MySubmission> {
    return this.services.submissions.mySubmission(ctx, id, accessKey ?? null);
  }

  @Mutation(() => FormDraft, { description: 'a resumable draft of the signed-in resident' })
  @ResidentOnly()
  saveFormDraft(
    @Arg('formId', () => ID) formId: string,
    @Arg('answers', () => JSONObject) answers: Record<string, unknown>,
    @Arg('pageId', () => String, { nullable: true }) pageId: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<FormDraft> {
    return this.services.submissions.saveDraft(ctx, formId, answers, pageId ?? null);
  }

  @Mutation(() => SubmitFormPayload, {
    description: 'public when the form allows browsers (rate limited per address), else a resident session',
  })
  @Public('residents and, for forms that allow it, browsers without LINE')
  async submitForm(@Arg('input', () => SubmitFormInput) input: SubmitFormInput, @Ctx() ctx: GraphQLContext): Promise<SubmitFormPayload> {
    const { submission, thankYouMessage, accessKey } = await this.services.submissions.submit(ctx, input);
    return { submissionId: submission.id, receiptNumber: submission.receiptNumber, thankYouMessage, accessKey };
  }
}
