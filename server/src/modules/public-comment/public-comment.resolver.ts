import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Public, RequirePermission } from '../../platform/auth/access.js';
import type { GraphQLContext } from '../../platform/context/context.js';
import { DEPARTMENT_SCOPE } from '../../platform/db/department-scope.js';
import { ConnectionArgs, connectionType, toConnection, type ConnectionShape } from '../../platform/graphql/connection.js';
import { Department } from '../identity/index.js';
import { PublicCommentDocument, PublicCommentGroup, PublicCommentProcedure, PublicCommentStatus } from './public-comment.entity.js';
import type { PublicCommentServices } from './public-comment.module.js';
import { statusOf } from './public-comment.rules.js';
import {
  AddPublicCommentDocumentInput,
  AssignPublicCommentOpinionsPayload,
  CreatePublicCommentProcedureInput,
  PublicCommentDeletePayload,
  PublicCommentDocumentPayload,
  PublicCommentGroupInput,
  PublicCommentGroupPayload,
  PublicCommentOpinionConnection,
  PublicCommentOpinionFilter,
  PublicCommentProcedureFilter,
  PublicCommentProcedurePayload,
  PublicCommentResult,
  PublicCommentResultPreview,
  PublishedPublicComment,
  UpdatePublicCommentProcedureInput,
} from './public-comment.types.js';

const PublicCommentProcedureConnection = connectionType('PublicCommentProcedure', PublicCommentProcedure);

/** The console's パブリックコメント pages: procedures, documents, groups, opinions and the result. */
@Resolver(() => PublicCommentProcedure)
export class PublicCommentProcedureResolver {
  constructor(private readonly services: PublicCommentServices) {}

  @Query(() => PublicCommentProcedureConnection, { description: 'newest first; your departments only' })
  @RequirePermission('public_comment.read')
  async publicCommentProcedures(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => PublicCommentProcedureFilter, { nullable: true }) filter: PublicCommentProcedureFilter | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ConnectionShape<PublicCommentProcedure>> {
    return toConnection(await this.services.publicComments.list(ctx, filter ?? {}, args));
  }

  @Query(() => PublicCommentProcedure, { description: 'NOT_FOUND when it does not exist or belongs to another department' })
  @RequirePermission('public_comment.read')
  publicCommentProcedure(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<PublicCommentProcedure> {
    return this.services.publicComments.get(ctx, id);
  }

  @FieldResolver(() => PublicCommentStatus)
  status(@Root() procedure: PublicCommentProcedure): PublicCommentStatus {
    return statusOf(procedure);
  }

  @FieldResolver(() => ID)
  departmentId(@Root() procedure: PublicCommentProcedure): string {
    return procedure.department.id;
  }

  @FieldResolver(() => String, { nullable: true })
  async departmentName(@Root() procedure: PublicCommentProcedure, @Ctx() ctx: GraphQLContext): Promise<string | null> {
    const names = ctx.loaders.custom<string, string | null>('publicComment.departmentName', async (ids) => {
      const rows = await ctx.em.find(Department, { id: { $in: [...ids] } }, { filters: { [DEPARTMENT_SCOPE]: false } });
      const byId = new Map(rows.map((d) => [d.id, d.name]));
      return ids.map((id) => byId.get(id) ?? null);
    });
    return names.load(procedure.department.id);
  }

  @FieldResolver(() => ID, { description: 'the opinion form (kind PUBLIC_COMMENT); edit it on the forms pages' })
  formId(@Root() procedure: PublicCommentProcedure): string {
    return procedure.form.id;
  }

  @FieldResolver(() => String, { description: '/liff/forms/<formId>' })
  formPath(@Root() procedure: PublicCommentProcedure): string {
    return `/liff/forms/${procedure.form.id}`;
  }

  @FieldResolver(() => [PublicCommentDocument], { description: 'in display order' })
  documents(@Root() procedure: PublicCommentProcedure, @Ctx() ctx: GraphQLContext): Promise<PublicCommentDocument[]> {
    return this.services.publicComments.documents(ctx, procedure);
  }

  @FieldResolver(() => [PublicCommentGroup], { description: '意見の区分, in published order' })
  groups(@Root() procedure: PublicCommentProcedure, @Ctx() ctx: GraphQLContext): Promise<PublicCommentGroup[]> {
    return this.services.publicComments.groups(ctx, procedure);
  }

  @FieldResolver(() => Int)
  async opinionCount(@Root() procedure: PublicCommentProcedure, @Ctx() ctx: GraphQLContext): Promise<number> {
    return this.services.publicComments.opinionCount(ctx, procedure);
  }

  @FieldResolver(() => String, { nullable: true, description: 'the published result’s introduction' })
  resultIntroduction(@Root() procedure: PublicCommentProcedure): string | null {
    return procedure.result?.introduction ?? null;
  }

  @FieldResolver(() => String, { description: 'all opinions as CSV (staff session or API key)' })
  opinionsCsvPath(@Root() procedure: PublicCommentProcedure): string {
    return `/api/public-comments/${procedure.id}/opinions.csv`;
  }

  @Query(() => PublicCommentOpinionConnection, { description: 'the form’s submissions in arrival order; non-personal answers only' })
  @RequirePermission('public_comment.read')
  async publicCommentOpinions(
    @Arg('procedureId', () => ID) procedureId: string,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => PublicCommentOpinionFilter, { nullable: true }) filter: PublicCommentOpinionFilter | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<PublicCommentOpinionConnection> {
    const { page, opinions, totalCount } = await this.services.publicComments.opinions(ctx, procedureId, filter ?? {}, args);
    return {
      edges: opinions.map((node, i) => ({ node, cursor: page.cursors[i]! })),
      hasNextPage: page.pageInfo.hasNextPage,
      endCursor: page.pageInfo.endCursor,
      totalCount,
    };
  }

  @Query(() => PublicCommentResultPreview, { description: 'what publishing now would show, and what still stops it' })
  @RequirePermission('public_comment.read')
  publicCommentResultPreview(
    @Arg('procedureId', () => ID) procedureId: string,
    @Arg('introduction', () => String, { nullable: true }) introduction: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<PublicCommentResultPreview> {
    return this.services.publicComments.previewResult(ctx, procedureId, introduction ?? null);
  }

  @Mutation(() => PublicCommentProcedurePayload, { description: 'a draft, with its opinion form made from the public-comment template' })
  @RequirePermission('public_comment.manage')
  async createPublicCommentProcedure(
    @Arg('input', () => CreatePublicCommentProcedureInput) input: CreatePublicCommentProcedureInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<PublicCommentProcedurePayload> {
    return { procedure: await this.services.publicComments.create(ctx, input) };
  }

  @Mutation(() => PublicCommentProcedurePayload, { description: 'at any time; the opinion form’s period follows' })
  @RequirePermission('public_comment.manage')
  async updatePublicCommentProcedure(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdatePublicCommentProcedureInput) input: UpdatePublicCommentProcedureInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<PublicCommentProcedurePayload> {
    return { procedure: await this.services.publicComments.update(ctx, id, input) };
  }

  @Mutation(() => PublicCommentProcedurePayload, { description: '公示: residents see it; its form is published for the period' })
  @RequirePermission('public_comment.manage')
  async publishPublicCommentProcedure(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<PublicCommentProcedurePayload> {
    return { procedure: await this.services.publicComments.publish(ctx, id) };
  }

  @Mutation(() => PublicCommentDeletePayload, { description: 'drafts without opinions only (PRECONDITION_FAILED otherwise)' })
  @RequirePermission('public_comment.manage')
  async deletePublicCommentProcedure(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<PublicCommentDeletePayload> {
    return { id: await this.services.publicComments.delete(ctx, id) };
  }

  @Mutation(() => PublicCommentDocumentPayload)
  @RequirePermission('public_comment.manage')
  async addPublicCommentDocument(
    @Arg('input', () => AddPublicCommentDocumentInput) input: AddPublicCommentDocumentInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<PublicCommentDocumentPayload> {
    return { document: await this.services.publicComments.addDocument(ctx, input) };
  }

  @Mutation(() => PublicCommentDocumentPayload)
  @RequirePermission('public_comment.manage')
  async renamePublicCommentDocument(
    @Arg('id', () => ID) id: string,
    @Arg('title', () => String) title: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<PublicCommentDocumentPayload> {
    return { document: await this.services.publicComments.renameDocument(ctx, id, title) };
  }

  @Mutation(() => PublicCommentDeletePayload, { description: 'the file goes with it' })
  @RequirePermission('public_comment.manage')
  async removePublicCommentDocument(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<PublicCommentDeletePayload> {
    return { id: await this.services.publicComments.removeDocument(ctx, id) };
  }

  @Mutation(() => PublicCommentProcedurePayload, { description: 'the listed documents take the listed order' })
  @RequirePermission('public_comment.manage')
  async reorderPublicCommentDocuments(
    @Arg('procedureId', () => ID) procedureId: string,
    @Arg('ids', () => [ID]) ids: string[],
    @Ctx() ctx: GraphQLContext,
  ): Promise<PublicCommentProcedurePayload> {
    return { procedure: await this.services.publicComments.reorderDocuments(ctx, procedureId, ids.slice(0, 200)) };
  }

  @Mutation(() => PublicCommentGroupPayload)
  @RequirePermission('public_comment.manage')
  async createPublicCommentGroup(
    @Arg('procedureId', () => ID) procedureId: string,
    @Arg('input', () => PublicCommentGroupInput) input: PublicCommentGroupInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<PublicCommentGroupPayload> {
    return { group: await this.services.publicComments.createGroup(ctx, procedureId, input) };
  }

  @Mutation(() => PublicCommentGroupPayload)
  @RequirePermission('public_comment.manage')
  async updatePublicCommentGroup(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => PublicCommentGroupInput) input: PublicCommentGroupInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<PublicCommentGroupPayload> {
    return { group: await this.services.publicComments.updateGroup(ctx, id, input) };
  }

  @Mutation(() => PublicCommentDeletePayload, { description: 'its opinions go back to 未分類' })
  @RequirePermission('public_comment.manage')
  async deletePublicCommentGroup(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<PublicCommentDeletePayload> {
    return { id: await this.services.publicComments.deleteGroup(ctx, id) };
  }

  @Mutation(() => PublicCommentProcedurePayload)
  @RequirePermission('public_comment.manage')
  async reorderPublicCommentGroups(
    @Arg('procedureId', () => ID) procedureId: string,
    @Arg('ids', () => [ID]) ids: string[],
    @Ctx() ctx: GraphQLContext,
  ): Promise<PublicCommentProcedurePayload> {
    return { procedure: await this.services.publicComments.reorderGroups(ctx, procedureId, ids.slice(0, 500)) };
  }

  @Mutation(() => AssignPublicCommentOpinionsPayload, { description: 'groupId null: back to 未分類' })
  @RequirePermission('public_comment.manage')
  assignPublicCommentOpinions(
    @Arg('procedureId', () => ID) procedureId: string,
    @Arg('submissionIds', () => [ID]) submissionIds: string[],
    @Arg('groupId', () => ID, { nullable: true }) groupId: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AssignPublicCommentOpinionsPayload> {
    return this.services.publicComments.assign(ctx, procedureId, submissionIds.slice(0, 1000), groupId ?? null);
  }

  @Mutation(() => PublicCommentProcedurePayload, {
    description:
      'publishes 「意見の概要と市の考え方」; PRECONDITION_FAILED (PERIOD_NOT_ENDED, UNASSIGNED_OPINIONS, GROUP_INCOMPLETE, NOT_ANNOUNCED)',
  })
  @RequirePermission('public_comment.manage')
  async publishPublicCommentResult(
    @Arg('procedureId', () => ID) procedureId: string,
    @Arg('introduction', () => String, { nullable: true }) introduction: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<PublicCommentProcedurePayload> {
    return { procedure: await this.services.publicComments.publishResult(ctx, procedureId, introduction ?? null) };
  }

  @Mutation(() => PublicCommentProcedurePayload)
  @RequirePermission('public_comment.manage')
  async withdrawPublicCommentResult(
    @Arg('procedureId', () => ID) procedureId: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<PublicCommentProcedurePayload> {
    return { procedure: await this.services.publicComments.withdrawResult(ctx, procedureId) };
  }
}

@Resolver(() => PublicCommentDocument)
export class PublicCommentDocumentResolver {
  constructor(private readonly services: PublicCommentServices) {}

  @FieldResolver(() => String, { description: 'a stable public URL' })
  url(@Root() doc: PublicCommentDocument): string {
    return this.services.publicComments.documentUrl(doc).url;
  }

  @FieldResolver(() => String, { nullable: true, description: 'images only' })
  thumbnailUrl(@Root() doc: PublicCommentDocument): string | null {
    return this.services.publicComments.documentUrl(doc).thumbnailUrl;
  }

  @FieldResolver(() => String)
  contentType(@Root() doc: PublicCommentDocument): string {
    return doc.media.contentType;
  }

  @FieldResolver(() => Int)
  byteSize(@Root() doc: PublicCommentDocument): number {
    return doc.media.byteSize;
  }
}

@Resolver(() => PublicCommentGroup)
export class PublicCommentGroupResolver {
  constructor(private readonly services: PublicCommentServices) {}

  @FieldResolver(() => Int, { description: 'opinions in this group' })
  async opinionCount(@Root() group: PublicCommentGroup, @Ctx() ctx: GraphQLContext): Promise<number> {
    const counts = ctx.loaders.custom<string, Map<string, number>>('publicComment.groupCounts', (procedureIds) =>
      Promise.all(procedureIds.map((id) => this.services.publicComments.groupCounts(ctx, id))),
    );
    return (await counts.load(group.procedure.id)).get(group.id) ?? 0;
  }
}

/** What residents read, in LIFF or any browser, without signing in. */
@Resolver()
export class PublishedPublicCommentResolver {
  constructor(private readonly services: PublicCommentServices) {}

  @Query(() => [PublishedPublicComment], { description: 'announced procedures: upcoming, open, and closed within a year; open first' })
  @Public('public comment is open to anyone, in LINE or a plain browser (FORM-12)')
  publishedPublicComments(@Ctx() ctx: GraphQLContext): Promise<PublishedPublicComment[]> {
    return this.services.publicComments.publicList(ctx);
  }

  @Query(() => PublishedPublicComment, { description: 'NOT_FOUND for drafts and unknown ids' })
  @Public('an announced procedure is public')
  publishedPublicComment(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<PublishedPublicComment> {
    return this.services.publicComments.publicGet(ctx, id);
  }

  @Query(() => PublicCommentResult, { description: '「意見の概要と市の考え方」; NOT_FOUND until published' })
  @Public('the published result is public; it holds staff’s summaries and counts only')
  publicCommentResult(@Arg('procedureId', () => ID) procedureId: string, @Ctx() ctx: GraphQLContext): Promise<PublicCommentResult> {
    return this.services.publicComments.publicResult(ctx, procedureId);
  }
}
