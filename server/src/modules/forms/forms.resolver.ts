import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { RequirePermission } from '../../platform/auth/access.js';
import type { GraphQLContext } from '../../platform/context/context.js';
import { scopedSql } from '../../platform/db/scoped-sql.js';
import { ConnectionArgs, connectionType, toConnection, type ConnectionShape } from '../../platform/graphql/connection.js';
import { Department } from '../identity/index.js';
import { Resident } from '../residents/index.js';
import { talkEligibility } from './engine/index.js';
import { FormSubmission } from './form-submission.entity.js';
import { Form, FormVersion } from './form.entity.js';
import { formSummary } from './form-summary.js';
import { formTrend } from './form-trend.js';
import type { FormServices } from './forms.module.js';
import { FormTrendPeriod, SubmissionStatus } from './forms.enums.js';
import {
  CreateFormInput,
  DeleteFormPayload,
  FormFilter,
  FormPayload,
  FormSubmissionFilter,
  FormSubmissionPayload,
  FormSummary,
  FormTalkEligibility,
  FormTemplate,
  FormTrend,
  SubmissionAnswer,
  SubmissionStatusChange,
  SubmitterMessage,
  UpdateFormInput,
} from './forms.types.js';
import { JSONObject } from '../../platform/graphql/json-object.js';

const FormConnection = connectionType('Form', Form);
const FormSubmissionConnection = connectionType('FormSubmission', FormSubmission);

/** The console's forms: the list, the builder's settings and definition, publishing. */
@Resolver(() => Form)
export class FormResolver {
  constructor(private readonly services: FormServices) {}

  @Query(() => FormConnection, { description: 'most recently changed first' })
  @RequirePermission('forms.read')
  async forms(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => FormFilter, { nullable: true }) filter: FormFilter | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ConnectionShape<Form>> {
    return toConnection(await this.services.forms.list(ctx, filter ?? {}, args));
  }

  @Query(() => Form, { description: 'NOT_FOUND when it does not exist or is outside your departments' })
  @RequirePermission('forms.read')
  form(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<Form> {
    return this.services.forms.get(ctx, id);
  }

  @Query(() => [FormTemplate], { description: 'keys: satisfaction-survey, childcare-registration, bulky-waste, public-comment' })
  @RequirePermission('forms.manage')
  formTemplates(@Ctx() ctx: GraphQLContext): FormTemplate[] {
    return this.services.forms.templates(ctx);
  }

  @Mutation(() => FormPayload)
  @RequirePermission('forms.manage')
  async createForm(@Arg('input', () => CreateFormInput) input: CreateFormInput, @Ctx() ctx: GraphQLContext): Promise<FormPayload> {
    return { form: await this.services.forms.create(ctx, input) };
  }

  @Mutation(() => FormPayload, {
    description: 'saves settings and the draft definition; BAD_USER_INPUT with the problems (fields keyed by path)',
  })
  @RequirePermission('forms.manage')
  async updateForm(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateFormInput) input: UpdateFormInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<FormPayload> {
    return { form: await this.services.forms.update(ctx, id, input) };
  }

  @Mutation(() => FormPayload, { description: 'freezes the draft as a new version (only when it changed) and opens the form' })
  @RequirePermission('forms.manage')
  async publishForm(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<FormPayload> {
    return { form: await this.services.forms.publish(ctx, id) };
  }

  @Mutation(() => FormPayload)
  @RequirePermission('forms.manage')
  async closeForm(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<FormPayload> {
    return { form: await this.services.forms.close(ctx, id) };
  }

  @Mutation(() => FormPayload)
  @RequirePermission('forms.manage')
  async reopenForm(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<FormPayload> {
    return { form: await this.services.forms.reopen(ctx, id) };
  }

  @Mutation(() => FormPayload)
  @RequirePermission('forms.manage')
  async duplicateForm(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<FormPayload> {
    return { form: await this.services.forms.duplicate(ctx, id) };
  }

  @Mutation(() => DeleteFormPayload, { description: 'only a form without submissions (CONFLICT otherwise)' })
  @RequirePermission('forms.manage')
  async deleteForm(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<DeleteFormPayload> {
    return { deletedId: await this.services.forms.delete(ctx, id) };
  }

  @FieldResolver(() => Department, { nullable: true })
  @RequirePermission('departments.read')
  department(@Root() form: Form, @Ctx() ctx: GraphQLContext): Promise<Department | null> {
    return ctx.loaders.load(Department, form.department.id);
  }

  @FieldResolver(() => FormVersion, { nullable: true })
  publishedVersion(@Root() form: Form, @Ctx() ctx: GraphQLContext): Promise<FormVersion | null> {
    return form.publishedVersionId ? ctx.loaders.load(FormVersion, form.publishedVersionId) : Promise.resolve(null);
  }

  @FieldResolver(() => [FormVersion], { description: 'newest first' })
  versions(@Root() form: Form, @Ctx() ctx: GraphQLContext): Promise<FormVersion[]> {
    return this.services.forms.versions(ctx, form);
  }

  @FieldResolver(() => Boolean, { description: 'the draft differs from the published version (or nothing is published)' })
  hasUnpublishedChanges(@Root() form: Form, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    return this.services.forms.hasUnpublishedChanges(ctx, form);
  }

  @FieldResolver(() => Int)
  async submissionCount(@Root() form: Form, @Ctx() ctx: GraphQLContext): Promise<number> {
    const loader = ctx.loaders.custom<string, number>('forms.submissionCount', async (ids) => {
      const rows = await scopedSql<{ form_id: string; count: number }>(
        ctx,
        `select form_id, count(*)::int as count from form_submission where {{scope:department_id}} and form_id = any(?::uuid[]) group by form_id`,
        [`{${ids.join(',')}}`],
      );
      const counts = new Map(rows.map((r) => [r.form_id, r.count]));
      return ids.map((id) => counts.get(id) ?? 0);
    });
    return loader.load(form.id);
  }

  @FieldResolver(() => String, { description: '/liff/forms/<id>' })
  residentPath(@Root() form: Form): string {
    return `/liff/forms/${form.id}`;
  }

  @FieldResolver(() => FormTalkEligibility, { description: 'FORM-14: whether the draft can also be answered in the LINE talk screen' })
  talkEligibility(@Root() form: Form): FormTalkEligibility {
    return talkEligibility(form.draftDefinition);
  }
}

/** Working the answers: the list, one submission, the status workflow, staff fields, FORM-17. */
@Resolver(() => FormSubmission)
export class FormSubmissionResolver {
  constructor(private readonly services: FormServices) {}

  @Query(() => FormSubmissionConnection, { description: 'newest first; without formId, every form of your departments' })
  @RequirePermission('forms.submissions.read')
  async formSubmissions(
    @Arg('formId', () => ID, { nullable: true }) formId: string | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => FormSubmissionFilter, { nullable: true }) filter: FormSubmissionFilter | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ConnectionShape<FormSubmission>> {
    return toConnection(await this.services.submissions.list(ctx, formId ?? null, filter ?? {}, args));
  }

  @Query(() => FormSubmission, { description: 'NOT_FOUND outside your departments' })
  @RequirePermission('forms.submissions.read')
  formSubmission(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<FormSubmission> {
    return this.services.submissions.get(ctx, id);
  }

  @Query(() => FormSummary, { description: 'FORM-11: per question counts, percentages, averages and texts; per day' })
  @RequirePermission('forms.submissions.read')
  formSummary(
    @Arg('formId', () => ID) formId: string,
    @Arg('versionId', () => ID, { nullable: true }) versionId: string | null,
    @Arg('deliveryRunId', () => ID, { nullable: true, description: 'only the answers this delivery run’s form card brought' })
    deliveryRunId: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<FormSummary> {
    return formSummary(ctx, formId, versionId ?? null, deliveryRunId ?? null);
  }

  @Query(() => FormTrend, {
    description:
      'FORM-20: answers per month or fiscal quarter (Asia/Tokyo), with averages and distributions per period; from inclusive, to exclusive',
  })
  @RequirePermission('forms.submissions.read')
  formTrend(
    @Arg('formId', () => ID) formId: string,
    @Arg('period', () => FormTrendPeriod) period: FormTrendPeriod,
    @Arg('from', () => Date, { nullable: true }) from: Date | null,
    @Arg('to', () => Date, { nullable: true }) to: Date | null,
    @Arg('deliveryRunId', () => ID, { nullable: true, description: 'only the answers this delivery run’s form card brought' })
    deliveryRunId: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<FormTrend> {
    return formTrend(ctx, formId, period, from ?? null, to ?? null, deliveryRunId ?? null);
  }

  @Mutation(() => FormSubmissionPayload, { description: 'CONFLICT on a move the workflow does not allow' })
  @RequirePermission('forms.submissions.write')
  async changeSubmissionStatus(
    @Arg('id', () => ID) id: string,
    @Arg('status', () => SubmissionStatus) status: SubmissionStatus,
    @Arg('comment', () => String, { nullable: true }) comment: string | null,
    @Arg('notifySubmitter', () => Boolean, {
      defaultValue: false,
      description: 'FORM-17: the change and the comment go to the submitter’s page; LINE or mail carry only a notice and the link',
    })
    notifySubmitter: boolean,
    @Ctx() ctx: GraphQLContext,
  ): Promise<FormSubmissionPayload> {
    return { submission: await this.services.submissions.changeStatus(ctx, id, status, comment ?? null, notifySubmitter) };
  }

  @Mutation(() => FormSubmissionPayload, { description: 'the staff-only fields, validated as staff' })
  @RequirePermission('forms.submissions.write')
  async updateSubmissionAdminAnswers(
    @Arg('id', () => ID) id: string,
    @Arg('answers', () => JSONObject) answers: Record<string, unknown>,
    @Ctx() ctx: GraphQLContext,
  ): Promise<FormSubmissionPayload> {
    return { submission: await this.services.submissions.updateAdminAnswers(ctx, id, answers) };
  }

  @Mutation(() => FormSubmissionPayload, { description: 'FORM-17: stored on our page; LINE and mail carry only a notice and a link' })
  @RequirePermission('forms.submissions.write')
  async notifySubmitter(
    @Arg('id', () => ID) id: string,
    @Arg('message', () => String) message: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<FormSubmissionPayload> {
    return { submission: await this.services.submissions.notifySubmitter(ctx, id, message) };
  }

  @FieldResolver(() => Form)
  @RequirePermission('forms.read')
  async form(@Root() submission: FormSubmission, @Ctx() ctx: GraphQLContext): Promise<Form> {
    return (await ctx.loaders.load(Form, submission.form.id))!;
  }

  @FieldResolver(() => FormVersion)
  @RequirePermission('forms.read')
  async version(@Root() submission: FormSubmission, @Ctx() ctx: GraphQLContext): Promise<FormVersion> {
    return (await ctx.loaders.load(FormVersion, submission.version.id))!;
  }

  @FieldResolver(() => Resident, { nullable: true, description: 'null for browser submissions' })
  @RequirePermission('residents.read')
  resident(@Root() submission: FormSubmission, @Ctx() ctx: GraphQLContext): Promise<Resident | null> {
    return submission.resident ? ctx.loaders.load(Resident, submission.resident.id) : Promise.resolve(null);
  }

  @FieldResolver(() => [SubmissionAnswer], { description: 'personal answers masked without forms.personal.read' })
  answers(@Root() submission: FormSubmission, @Ctx() ctx: GraphQLContext): Promise<SubmissionAnswer[]> {
    return this.services.submissions.answersFor(ctx, submission, 'resident');
  }

  @FieldResolver(() => [SubmissionAnswer])
  adminAnswers(@Root() submission: FormSubmission, @Ctx() ctx: GraphQLContext): Promise<SubmissionAnswer[]> {
    return this.services.submissions.answersFor(ctx, submission, 'admin');
  }

  @FieldResolver(() => [SubmissionStatusChange])
  statusHistory(@Root() submission: FormSubmission, @Ctx() ctx: GraphQLContext): Promise<SubmissionStatusChange[]> {
    return this.services.submissions.history(ctx, submission);
  }

  @FieldResolver(() => [SubmitterMessage])
  messages(@Root() submission: FormSubmission, @Ctx() ctx: GraphQLContext): Promise<SubmitterMessage[]> {
    return this.services.submissions.messages(ctx, submission);
  }

  @FieldResolver(() => Boolean, {
    description: 'a browser submitter left an address, so messages reach them by mail (the address itself stays hidden)',
  })
  hasContactEmail(@Root() submission: FormSubmission): boolean {
    return submission.contactEmail !== null;
  }
}
