import type { Readable } from 'node:stream';
import type { EntityManager } from '@mikro-orm/postgresql';
import { requirePermission } from '../../platform/auth/require.js';
import { departmentScope } from '../../platform/context/actor.js';
import type { ServiceContext, TxContext } from '../../platform/context/context.js';
import { streamPagedCsv } from '../../platform/csv/paged-csv.js';
import { DEPARTMENT_SCOPE } from '../../platform/db/department-scope.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { badInput, forbidden, notFound, preconditionFailed } from '../../platform/errors/app-error.js';
import { paginate, type ConnectionArgs, type Page } from '../../platform/graphql/connection.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { AuditService } from '../audit/index.js';
import { FormSubmission, FormVersion, summarizeAnswer, type FormDefinition, type FormField } from '../forms/index.js';
import { Department } from '../identity/index.js';
import { MediaVisibility, type MediaService, type UploadPolicy } from '../media/index.js';
import type { OpinionFormPort } from './opinion-form.js';
import {
  PublicCommentAssignment,
  PublicCommentDocument,
  PublicCommentGroup,
  PublicCommentProcedure,
  PublicCommentStatus,
  type PublishedResult,
} from './public-comment.entity.js';
import {
  checkPeriod,
  checkText,
  japanTime,
  PUBLIC_COMMENT_LIMITS as LIMITS,
  RECENTLY_CLOSED_DAYS,
  statusOf,
} from './public-comment.rules.js';
import type {
  PublicCommentOpinion,
  PublicCommentOpinionAnswer,
  PublicCommentResult,
  PublicCommentResultPreview,
  PublishedPublicComment,
} from './public-comment.types.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MB = 1024 * 1024;

/** The upload policy of procedure documents: public (anyone reads them, no sign-in), PDF or images. */
export const DOCUMENT_UPLOAD_POLICY = 'public-comment.document';
export const DOCUMENT_POLICY: UploadPolicy = {
  maxBytes: 20 * MB,
  allowedTypes: ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'],
  visibility: 'PUBLIC',
  image: { maxEdge: 4096, thumbnailEdge: 480 },
  uploaders: { staffPermission: 'public_comment.manage', residents: false, anonymous: false },
};
/** Each document owns its file, so removing a document removes exactly its file. */
export const DOCUMENT_OWNER = 'publiccomment.document';

export interface ProcedureInput {
  title: string;
  summary?: string | null;
  body: string;
  opensAt: Date;
  closesAt: Date;
  departmentId?: string | null;
}

export interface ProcedureChanges {
  title?: string | null;
  summary?: string | null;
  body?: string | null;
  opensAt?: Date | null;
  closesAt?: Date | null;
}

export interface GroupInput {
  title: string;
  summary?: string | null;
  response?: string | null;
}

export interface OpinionFilter {
  groupId?: string | null;
  unassigned?: boolean | null;
  search?: string | null;
}

const allDepartments = (ctx: ServiceContext) => departmentScope(ctx.actor) === 'all';
/** Residents and anonymous visitors see no department's rows: public reads say so where they lift the scope. */
const PUBLIC_READ = { filters: { [DEPARTMENT_SCOPE]: false } } as const;

/**
 * Public comment (FORM-12, FORM-13): procedures staff add and change at any time, their documents,
 * the opinions (submissions of each procedure's PUBLIC_COMMENT form), their grouping, and the
 * published 「意見の概要と市の考え方」 with its CSV.
 */
export class PublicCommentService {
  constructor(
    private readonly audit: AuditService,
    private readonly media: MediaService,
    private readonly forms: OpinionFormPort,
    private readonly logger: Logger,
  ) {}

  // --- procedures (staff) -------------------------------------------------------------------

  async list(ctx: ServiceContext, filter: { status?: PublicCommentStatus | null; search?: string | null }, args: ConnectionArgs) {
    requirePermission(ctx.actor, 'public_comment.read');
    const where: Record<string, unknown> = {};
    const now = new Date();
    switch (filter.status) {
      case PublicCommentStatus.DRAFT:
        where['publishedAt'] = null;
        break;
      case PublicCommentStatus.SCHEDULED:
        Object.assign(where, { publishedAt: { $ne: null }, resultPublishedAt: null, opensAt: { $gt: now } });
        break;
      case PublicCommentStatus.OPEN:
        Object.assign(where, { publishedAt: { $ne: null }, resultPublishedAt: null, opensAt: { $lte: now }, closesAt: { $gt: now } });
        break;
      case PublicCommentStatus.CLOSED:
        Object.assign(where, { publishedAt: { $ne: null }, resultPublishedAt: null, closesAt: { $lte: now } });
        break;
      case PublicCommentStatus.RESULT_PUBLISHED:
        where['resultPublishedAt'] = { $ne: null };
        break;
      default:
        break;
    }
    const search = filter.search?.trim();
    if (search) where['title'] = { $ilike: `%${search.slice(0, 100).replace(/[\\%_]/g, (c) => `\\${c}`)}%` };
    return paginate(ctx.em, PublicCommentProcedure, where, args, { createdAt: 'desc', id: 'desc' });
  }

  async get(ctx: ServiceContext, id: string): Promise<PublicCommentProcedure> {
    requirePermission(ctx.actor, 'public_comment.read');
    return this.find(ctx.em, id);
  }

  /** NOT_FOUND alike for a made-up id and another department's procedure (the scope filter hides it). */
  private async find(em: EntityManager, id: string): Promise<PublicCommentProcedure> {
    const procedure = UUID.test(id) ? await em.findOne(PublicCommentProcedure, { id }, { populate: ['form'] }) : null;
    if (!procedure) throw notFound('案件');
    return procedure;
  }

  private async departmentFor(tx: TxContext, requested: string | null | undefined): Promise<string> {
    if (allDepartments(tx)) {
      if (!requested) throw badInput({ departmentId: '担当課を選んでください。' });
      const dept = UUID.test(requested) ? await tx.em.findOne(Department, { id: requested }, PUBLIC_READ) : null;
      if (!dept) throw badInput({ departmentId: '担当課が見つかりません。' });
      return dept.id;
    }
    const own = tx.actor.kind === 'staff' || tx.actor.kind === 'apiKey' ? tx.actor.departmentId : null;
    if (!own || (requested && requested !== own)) throw forbidden('自分の課の案件だけを作成できます。', 'OTHER_DEPARTMENT');
    return own;
  }

  private text(input: { title?: string | null; summary?: string | null; body?: string | null }, required: boolean) {
    return {
      title:
        input.title === undefined || input.title === null
          ? undefined
          : checkText('title', input.title, { label: '件名', max: LIMITS.title, required: true }),
      summary:
        input.summary === undefined || input.summary === null
          ? undefined
          : checkText('summary', input.summary, { label: '概要', max: LIMITS.summary }),
      body:
        input.body === undefined || input.body === null
          ? required
            ? checkText('body', '', { label: '案件の説明', max: LIMITS.body, required: true })
            : undefined
          : checkText('body', input.body, { label: '案件の説明', max: LIMITS.body, required: true }),
    };
  }

  /** A draft procedure with its opinion form, made from the forms module's public-comment template. */
  async create(ctx: ServiceContext, input: ProcedureInput): Promise<PublicCommentProcedure> {
    requirePermission(ctx.actor, 'public_comment.manage');
    return inTransaction(
      ctx,
      async (tx) => {
        const { title, summary, body } = this.text(input, true);
        if (title === undefined) throw badInput({ title: '件名を入力してください。' });
        checkPeriod(input.opensAt, input.closesAt);
        const departmentId = await this.departmentFor(tx, input.departmentId);
        const form = await this.forms.createForProcedure(tx, { title: `${title}への意見`, departmentId });
        const procedure = tx.em.create(PublicCommentProcedure, {
          title,
          summary: summary ?? '',
          body: body!,
          opensAt: input.opensAt,
          closesAt: input.closesAt,
          department: tx.em.getReference(Department, departmentId),
          form,
        });
        tx.em.persist(procedure);
        await tx.em.flush();
        await this.forms.follow(tx, form, { opensAt: procedure.opensAt, closesAt: procedure.closesAt, publish: false });
        await this.audit.record(tx, {
          action: 'publicComment.create',
          targetType: 'PublicCommentProcedure',
          targetId: procedure.id,
          summary: { title, formId: form.id, opensAt: input.opensAt, closesAt: input.closesAt },
          departmentId,
        });
        return procedure;
      },
      this.logger,
    );
  }

  /** Staff change a procedure at any time (FORM-13); the opinion form's period follows. */
  async update(ctx: ServiceContext, id: string, changes: ProcedureChanges): Promise<PublicCommentProcedure> {
    requirePermission(ctx.actor, 'public_comment.manage');
    return inTransaction(
      ctx,
      async (tx) => {
        const procedure = await this.find(tx.em, id);
        const { title, summary, body } = this.text(changes, false);
        const changed: string[] = [];
        if (title !== undefined && title !== procedure.title) {
          procedure.title = title;
          changed.push('title');
        }
        if (summary !== undefined && summary !== procedure.summary) {
          procedure.summary = summary;
          changed.push('summary');
        }
        if (body !== undefined && body !== procedure.body) {
          procedure.body = body;
          changed.push('body');
        }
        const opensAt = changes.opensAt ?? procedure.opensAt;
        const closesAt = changes.closesAt ?? procedure.closesAt;
        const periodChanged = opensAt.getTime() !== procedure.opensAt.getTime() || closesAt.getTime() !== procedure.closesAt.getTime();
        if (periodChanged) {
          checkPeriod(opensAt, closesAt);
          if (procedure.resultPublishedAt) {
            throw preconditionFailed(
              '結果を公表した案件の募集期間は変更できません。先に結果の公表を取り下げてください。',
              'RESULT_PUBLISHED',
            );
          }
          procedure.opensAt = opensAt;
          procedure.closesAt = closesAt;
          changed.push('period');
          await this.forms.follow(tx, procedure.form, { opensAt, closesAt, publish: procedure.publishedAt !== null });
        }
        if (!changed.length) {
          tx.meta.trace.unchanged = true;
          return procedure;
        }
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'publicComment.update',
          targetType: 'PublicCommentProcedure',
          targetId: procedure.id,
          summary: { changed, ...(periodChanged ? { opensAt, closesAt } : {}) },
          departmentId: procedure.department.id,
        });
        return procedure;
      },
      this.logger,
    );
  }

  /** 公示: residents see the procedure, and its form accepts opinions during the period. */
  async publish(ctx: ServiceContext, id: string): Promise<PublicCommentProcedure> {
    requirePermission(ctx.actor, 'public_comment.manage');
    return inTransaction(
      ctx,
      async (tx) => {
        const procedure = await this.find(tx.em, id);
        if (procedure.publishedAt) {
          tx.meta.trace.unchanged = true;
          return procedure;
        }
        if (procedure.closesAt <= new Date()) {
          throw preconditionFailed('募集終了日時が過ぎています。募集期間を変更してから公示してください。', 'PERIOD_OVER');
        }
        await this.forms.follow(tx, procedure.form, { opensAt: procedure.opensAt, closesAt: procedure.closesAt, publish: true });
        procedure.publishedAt = new Date();
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'publicComment.publish',
          targetType: 'PublicCommentProcedure',
          targetId: procedure.id,
          summary: { opensAt: procedure.opensAt, closesAt: procedure.closesAt },
          departmentId: procedure.department.id,
        });
        return procedure;
      },
      this.logger,
    );
  }

  /** Only a draft nobody has answered: an announced procedure is a public record. */
  async delete(ctx: ServiceContext, id: string): Promise<string> {
    requirePermission(ctx.actor, 'public_comment.manage');
    return inTransaction(
      ctx,
      async (tx) => {
        const procedure = await this.find(tx.em, id);
        if (procedure.publishedAt) throw preconditionFailed('公示した案件は削除できません。', 'ALREADY_PUBLISHED');
        if ((await tx.em.count(FormSubmission, { form: procedure.form })) > 0) {
          throw preconditionFailed('意見が寄せられている案件は削除できません。', 'HAS_OPINIONS');
        }
        const documents = await tx.em.find(PublicCommentDocument, { procedure });
        for (const doc of documents) await this.media.removeForOwner(tx, DOCUMENT_OWNER, doc.id);
        const form = procedure.form;
        await this.audit.record(tx, {
          action: 'publicComment.delete',
          targetType: 'PublicCommentProcedure',
          targetId: procedure.id,
          summary: { title: procedure.title, formId: form.id, documents: documents.length },
          departmentId: procedure.department.id,
        });
        tx.em.remove(procedure);
        await tx.em.flush();
        await this.forms.remove(tx, form);
        return id;
      },
      this.logger,
    );
  }

  // --- documents -----------------------------------------------------------------------------

  async documents(ctx: ServiceContext, procedure: PublicCommentProcedure): Promise<PublicCommentDocument[]> {
    return ctx.em.find(PublicCommentDocument, { procedure }, { populate: ['media'], orderBy: { position: 'asc', createdAt: 'asc' } });
  }

  /** Attaches the staff member's own upload (policy public-comment.document) to the procedure. */
  async addDocument(ctx: ServiceContext, input: { procedureId: string; mediaId: string; title: string }): Promise<PublicCommentDocument> {
    requirePermission(ctx.actor, 'public_comment.manage');
    return inTransaction(
      ctx,
      async (tx) => {
        const procedure = await this.find(tx.em, input.procedureId);
        const title = checkText('title', input.title, { label: '資料名', max: LIMITS.documentTitle, required: true });
        const last = await tx.em.findOne(PublicCommentDocument, { procedure }, { orderBy: { position: 'desc' } });
        const doc = tx.em.create(PublicCommentDocument, {
          procedure,
          media: input.mediaId,
          title,
          position: (last?.position ?? 0) + 1,
        } as never);
        let media;
        try {
          media = await this.media.attach(tx, input.mediaId, DOCUMENT_OWNER, doc.id);
        } catch (err) {
          if ((err as { code?: string }).code === 'NOT_FOUND')
            throw badInput({ mediaId: 'アップロードしたファイルが見つかりません。もう一度アップロードしてください。' });
          throw err;
        }
        if (media.visibility !== MediaVisibility.PUBLIC || media.policy !== DOCUMENT_UPLOAD_POLICY) {
          throw badInput({ mediaId: '資料は「資料をアップロード」から登録したファイルにしてください。' });
        }
        doc.media = media;
        tx.em.persist(doc);
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'publicComment.document.add',
          targetType: 'PublicCommentProcedure',
          targetId: procedure.id,
          summary: { documentId: doc.id, mediaId: media.id, title, contentType: media.contentType },
          departmentId: procedure.department.id,
        });
        return doc;
      },
      this.logger,
    );
  }

  private async findDocument(em: EntityManager, id: string): Promise<PublicCommentDocument> {
    const doc = UUID.test(id) ? await em.findOne(PublicCommentDocument, { id }, { populate: ['media'] }) : null;
    // The document's procedure carries the department: loading it through the scoped manager is the check.
    if (!doc) throw notFound('資料');
    await this.find(em, doc.procedure.id).catch(() => {
      throw notFound('資料');
    });
    return doc;
  }

  async renameDocument(ctx: ServiceContext, id: string, title: string): Promise<PublicCommentDocument> {
    requirePermission(ctx.actor, 'public_comment.manage');
    return inTransaction(
      ctx,
      async (tx) => {
        const doc = await this.findDocument(tx.em, id);
        doc.title = checkText('title', title, { label: '資料名', max: LIMITS.documentTitle, required: true });
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'publicComment.document.rename',
          targetType: 'PublicCommentProcedure',
          targetId: doc.procedure.id,
          summary: { documentId: doc.id, title: doc.title },
          departmentId: doc.procedure.department.id,
        });
        return doc;
      },
      this.logger,
    );
  }

  /** The document goes, and its file with it (the public URL stops answering once this commits). */
  async removeDocument(ctx: ServiceContext, id: string): Promise<string> {
    requirePermission(ctx.actor, 'public_comment.manage');
    return inTransaction(
      ctx,
      async (tx) => {
        const doc = await this.findDocument(tx.em, id);
        const procedure = doc.procedure;
        tx.em.remove(doc);
        await tx.em.flush();
        await this.media.removeForOwner(tx, DOCUMENT_OWNER, id);
        await this.audit.record(tx, {
          action: 'publicComment.document.remove',
          targetType: 'PublicCommentProcedure',
          targetId: procedure.id,
          summary: { documentId: id, title: doc.title },
          departmentId: procedure.department.id,
        });
        return id;
      },
      this.logger,
    );
  }

  async reorderDocuments(ctx: ServiceContext, procedureId: string, ids: readonly string[]): Promise<PublicCommentProcedure> {
    requirePermission(ctx.actor, 'public_comment.manage');
    return inTransaction(
      ctx,
      async (tx) => {
        const procedure = await this.find(tx.em, procedureId);
        const docs = await tx.em.find(PublicCommentDocument, { procedure });
        this.applyOrder(docs, ids, 'ids', '資料');
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'publicComment.document.reorder',
          targetType: 'PublicCommentProcedure',
          targetId: procedure.id,
          summary: { order: ids },
          departmentId: procedure.department.id,
        });
        return procedure;
      },
      this.logger,
    );
  }

  /** The listed rows take the listed order; it must name each of them once. */
  private applyOrder(rows: Array<{ id: string; position: number }>, ids: readonly string[], field: string, what: string): void {
    const byId = new Map(rows.map((r) => [r.id, r]));
    if (ids.length !== rows.length || new Set(ids).size !== ids.length || ids.some((id) => !byId.has(id))) {
      throw badInput({ [field]: `${what}の並び順には、この案件の${what}をすべて一度ずつ指定してください。` });
    }
    ids.forEach((id, i) => {
      byId.get(id)!.position = i + 1;
    });
  }

  documentUrl(doc: PublicCommentDocument): { url: string; thumbnailUrl: string | null } {
    return { url: this.media.urlOf(doc.media), thumbnailUrl: this.media.thumbnailUrlOf(doc.media) };
  }

  // --- groups (意見の区分) ----------------------------------------------------------------------

  async groups(ctx: ServiceContext, procedure: PublicCommentProcedure): Promise<PublicCommentGroup[]> {
    return ctx.em.find(PublicCommentGroup, { procedure }, { orderBy: { position: 'asc', createdAt: 'asc' } });
  }

  /** Opinions per group id of a procedure, one query. */
  async groupCounts(ctx: ServiceContext, procedureId: string): Promise<Map<string, number>> {
    const rows = await ctx.em.find(PublicCommentAssignment, { procedure: procedureId }, { fields: ['group'] });
    const counts = new Map<string, number>();
    for (const row of rows) counts.set(row.group.id, (counts.get(row.group.id) ?? 0) + 1);
    return counts;
  }

  private groupText(input: GroupInput) {
    return {
      title: checkText('title', input.title, { label: '区分名', max: LIMITS.groupTitle, required: true }),
      summary: checkText('summary', input.summary ?? '', { label: '意見の概要', max: LIMITS.groupSummary }),
      response: checkText('response', input.response ?? '', { label: '市の考え方', max: LIMITS.groupResponse }),
    };
  }

  async createGroup(ctx: ServiceContext, procedureId: string, input: GroupInput): Promise<PublicCommentGroup> {
    requirePermission(ctx.actor, 'public_comment.manage');
    return inTransaction(
      ctx,
      async (tx) => {
        const procedure = await this.find(tx.em, procedureId);
        const text = this.groupText(input);
        const last = await tx.em.findOne(PublicCommentGroup, { procedure }, { orderBy: { position: 'desc' } });
        const group = tx.em.create(PublicCommentGroup, { procedure, ...text, position: (last?.position ?? 0) + 1 });
        tx.em.persist(group);
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'publicComment.group.create',
          targetType: 'PublicCommentProcedure',
          targetId: procedure.id,
          summary: { groupId: group.id, title: group.title },
          departmentId: procedure.department.id,
        });
        return group;
      },
      this.logger,
    );
  }

  private async findGroup(em: EntityManager, id: string): Promise<PublicCommentGroup> {
    const group = UUID.test(id) ? await em.findOne(PublicCommentGroup, { id }) : null;
    if (!group) throw notFound('意見の区分');
    await this.find(em, group.procedure.id).catch(() => {
      throw notFound('意見の区分');
    });
    return group;
  }

  async updateGroup(ctx: ServiceContext, id: string, input: GroupInput): Promise<PublicCommentGroup> {
    requirePermission(ctx.actor, 'public_comment.manage');
    return inTransaction(
      ctx,
      async (tx) => {
        const group = await this.findGroup(tx.em, id);
        Object.assign(group, this.groupText(input));
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'publicComment.group.update',
          targetType: 'PublicCommentProcedure',
          targetId: group.procedure.id,
          summary: { groupId: group.id, title: group.title },
          departmentId: group.procedure.department.id,
        });
        return group;
      },
      this.logger,
    );
  }

  /** Its opinions go back to 未分類; they themselves stay. */
  async deleteGroup(ctx: ServiceContext, id: string): Promise<string> {
    requirePermission(ctx.actor, 'public_comment.manage');
    return inTransaction(
      ctx,
      async (tx) => {
        const group = await this.findGroup(tx.em, id);
        const procedure = group.procedure;
        const assigned = await tx.em.nativeDelete(PublicCommentAssignment, { group });
        tx.em.remove(group);
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'publicComment.group.delete',
          targetType: 'PublicCommentProcedure',
          targetId: procedure.id,
          summary: { groupId: id, title: group.title, unassigned: assigned },
          departmentId: procedure.department.id,
        });
        return id;
      },
      this.logger,
    );
  }

  async reorderGroups(ctx: ServiceContext, procedureId: string, ids: readonly string[]): Promise<PublicCommentProcedure> {
    requirePermission(ctx.actor, 'public_comment.manage');
    return inTransaction(
      ctx,
      async (tx) => {
        const procedure = await this.find(tx.em, procedureId);
        this.applyOrder(await tx.em.find(PublicCommentGroup, { procedure }), ids, 'ids', '区分');
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'publicComment.group.reorder',
          targetType: 'PublicCommentProcedure',
          targetId: procedure.id,
          summary: { order: ids },
          departmentId: procedure.department.id,
        });
        return procedure;
      },
      this.logger,
    );
  }

  // --- opinions ------------------------------------------------------------------------------

  /**
   * The procedure's opinions: its form's submissions in the order they arrived, with their group
   * and non-personal answers. Personal answers (name, address) are stored encrypted by the forms
   * module and never read here; staff who may see them open the submission on the forms pages.
   */
  async opinions(
    ctx: ServiceContext,
    procedureId: string,
    filter: OpinionFilter,
    args: ConnectionArgs,
  ): Promise<{ page: Page<FormSubmission>; opinions: PublicCommentOpinion[]; totalCount: number }> {
    requirePermission(ctx.actor, 'public_comment.read');
    const procedure = await this.find(ctx.em, procedureId);
    const where = await this.opinionWhere(ctx.em, procedure, filter);
    const page = await paginate(ctx.em, FormSubmission, where, args, { submittedAt: 'asc', id: 'asc' }, ['version']);
    return { page, opinions: await this.toOpinions(ctx.em, procedure, page.nodes), totalCount: await ctx.em.count(FormSubmission, where) };
  }

  opinionCount(ctx: ServiceContext, procedure: PublicCommentProcedure): Promise<number> {
    return ctx.em.count(FormSubmission, { form: procedure.form.id });
  }

  private async opinionWhere(
    em: EntityManager,
    procedure: PublicCommentProcedure,
    filter: OpinionFilter,
  ): Promise<Record<string, unknown>> {
    const conditions: Array<Record<string, unknown>> = [{ form: procedure.form.id }];
    if (filter.groupId) {
      const group = UUID.test(filter.groupId) ? await em.findOne(PublicCommentGroup, { id: filter.groupId, procedure }) : null;
      if (!group) throw badInput({ groupId: '意見の区分が見つかりません。' });
      const rows = await em.find(PublicCommentAssignment, { group }, { fields: ['submission'] });
      conditions.push({ id: { $in: rows.map((r) => r.submission.id) } });
    } else if (filter.unassigned) {
      const rows = await em.find(PublicCommentAssignment, { procedure }, { fields: ['submission'] });
      if (rows.length) conditions.push({ id: { $nin: rows.map((r) => r.submission.id) } });
    }
    const search = filter.search?.trim().slice(0, 100);
    if (search) {
      const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      conditions.push({ receiptNumber: { $ilike: like } });
    }
    return conditions.length === 1 ? conditions[0]! : { $and: conditions };
  }

  private async toOpinions(
    em: EntityManager,
    procedure: PublicCommentProcedure,
    submissions: FormSubmission[],
  ): Promise<PublicCommentOpinion[]> {
    if (!submissions.length) return [];
    const assignments = await em.find(
      PublicCommentAssignment,
      { submission: { $in: submissions.map((s) => s.id) } },
      { populate: ['group'] },
    );
    const groupOf = new Map(assignments.map((a) => [a.submission.id, a.group]));
    return submissions.map((s) => {
      const group = groupOf.get(s.id) ?? null;
      return {
        id: s.id,
        receiptNumber: s.receiptNumber,
        submittedAt: s.submittedAt,
        viaBrowser: s.viaBrowser,
        groupId: group?.id ?? null,
        groupTitle: group?.title ?? null,
        answers: publicAnswers(s.version.definition, s.answers),
      };
    });
  }

  /** Puts opinions in a group (or back to 未分類 with groupId null), from the list's selection. */
  async assign(
    ctx: ServiceContext,
    procedureId: string,
    submissionIds: readonly string[],
    groupId: string | null,
  ): Promise<{ changed: number; unassigned: number }> {
    requirePermission(ctx.actor, 'public_comment.manage');
    return inTransaction(
      ctx,
      async (tx) => {
        const procedure = await this.find(tx.em, procedureId);
        const ids = [...new Set(submissionIds)];
        if (!ids.length) throw badInput({ submissionIds: '振り分ける意見を選んでください。' });
        if (ids.length > LIMITS.assignBatch)
          throw badInput({ submissionIds: `一度に振り分けられる意見は${LIMITS.assignBatch}件までです。` });
        const group = groupId ? await tx.em.findOne(PublicCommentGroup, { id: UUID.test(groupId) ? groupId : '', procedure }) : null;
        if (groupId && !group) throw badInput({ groupId: '意見の区分が見つかりません。' });
        const submissions = await tx.em.find(FormSubmission, { id: { $in: ids.filter((id) => UUID.test(id)) }, form: procedure.form.id });
        if (submissions.length !== ids.length) throw badInput({ submissionIds: 'この案件の意見ではないものが含まれています。' });
        const existing = new Map(
          (await tx.em.find(PublicCommentAssignment, { submission: { $in: ids } }, { populate: ['group'] })).map((a) => [
            a.submission.id,
            a,
          ]),
        );
        let changed = 0;
        for (const submission of submissions) {
          const current = existing.get(submission.id);
          if (!group) {
            if (current) {
              tx.em.remove(current);
              changed++;
            }
          } else if (!current) {
            tx.em.persist(tx.em.create(PublicCommentAssignment, { procedure, submission, group }));
            changed++;
          } else if (current.group.id !== group.id) {
            current.group = group;
            changed++;
          }
        }
        await tx.em.flush();
        if (!changed) tx.meta.trace.unchanged = true;
        else {
          await this.audit.record(tx, {
            action: 'publicComment.assign',
            targetType: 'PublicCommentProcedure',
            targetId: procedure.id,
            summary: { groupId: group?.id ?? null, opinions: ids.length, changed },
            departmentId: procedure.department.id,
          });
        }
        return { changed, unassigned: await this.unassignedCount(tx.em, procedure) };
      },
      this.logger,
    );
  }

  private async unassignedCount(em: EntityManager, procedure: PublicCommentProcedure): Promise<number> {
    const total = await em.count(FormSubmission, { form: procedure.form.id });
    return total - (await em.count(PublicCommentAssignment, { procedure }));
  }

  /** Every opinion as CSV (UTF-8 with BOM, formula cells neutralised), with its group; audited. */
  async exportOpinions(ctx: ServiceContext, procedureId: string): Promise<Readable> {
    requirePermission(ctx.actor, 'public_comment.read');
    const procedure = await this.find(ctx.em, procedureId);
    await this.audit.recordStandalone(ctx, {
      action: 'publicComment.export',
      targetType: 'PublicCommentProcedure',
      targetId: procedure.id,
      departmentId: procedure.department.id,
    });
    const versions = await ctx.em.find(FormVersion, { form: procedure.form.id }, { orderBy: { number: 'asc' } });
    const fields = columnFields(versions.map((v) => v.definition));
    const groups = new Map((await this.groups(ctx, procedure)).map((g) => [g.id, g.title]));
    const em = ctx.em.fork({ clear: true });
    const pageSize = 500;
    return streamPagedCsv<FormSubmission & { groupTitle?: string }>({
      columns: [
        { key: 'receiptNumber', header: '受付番号' },
        { key: 'submittedAt', header: '提出日時' },
        { key: 'via', header: '提出方法' },
        { key: 'group', header: '意見の区分' },
        ...fields.map((f) => ({ key: `f:${f.id}`, header: f.label })),
      ],
      pageSize,
      nextPage: async (last) => {
        em.clear();
        const page = await em.find(
          FormSubmission,
          last
            ? {
                form: procedure.form.id,
                $or: [{ submittedAt: { $gt: last.submittedAt } }, { submittedAt: last.submittedAt, id: { $gt: last.id } }],
              }
            : { form: procedure.form.id },
          { orderBy: { submittedAt: 'asc', id: 'asc' }, limit: pageSize, populate: ['version'] },
        );
        const assigned = await em.find(
          PublicCommentAssignment,
          { submission: { $in: page.map((s) => s.id) } },
          { fields: ['group', 'submission'] },
        );
        const groupOf = new Map(assigned.map((a) => [a.submission.id, groups.get(a.group.id) ?? '']));
        return page.map((s) => Object.assign(s, { groupTitle: groupOf.get(s.id) ?? '未分類' }));
      },
      toRow: (s) => {
        const row: Record<string, unknown> = {
          receiptNumber: s.receiptNumber,
          submittedAt: japanTime(s.submittedAt),
          via: s.viaBrowser ? 'ブラウザ' : 'LINE',
          group: s.groupTitle,
        };
        const own = new Map(answerableFields(s.version.definition).map((f) => [f.id, f]));
        for (const f of fields) {
          const field = own.get(f.id);
          row[`f:${f.id}`] = field && s.answers[f.id] !== undefined ? summarizeAnswer(field, s.answers[f.id]) : '';
        }
        return row;
      },
      logger: this.logger,
      what: 'public comment opinions',
    });
  }

  // --- result (意見の概要と市の考え方) --------------------------------------------------------------

  private async liveResult(ctx: ServiceContext, procedure: PublicCommentProcedure, introduction: string | null) {
    const groups = await this.groups(ctx, procedure);
    const counts = await this.groupCounts(ctx, procedure.id);
    const totalOpinions = await ctx.em.count(FormSubmission, { form: procedure.form.id });
    const assigned = [...counts.values()].reduce((a, b) => a + b, 0);
    // Groups without opinions are staff's placeholders: the published result leaves them out.
    const published = groups
      .map((g) => ({ title: g.title, summary: g.summary, response: g.response, count: counts.get(g.id) ?? 0 }))
      .filter((g) => g.count > 0);
    return { result: { introduction, totalOpinions, groups: published } satisfies PublishedResult, unassigned: totalOpinions - assigned };
  }

  private blockers(
    procedure: PublicCommentProcedure,
    live: { result: PublishedResult; unassigned: number },
    now: Date,
  ): Array<[string, string]> {
    const out: Array<[string, string]> = [];
    if (!procedure.publishedAt) out.push(['NOT_ANNOUNCED', '公示していない案件の結果は公表できません。']);
    else if (now < procedure.closesAt) {
      out.push(['PERIOD_NOT_ENDED', `意見の募集期間（${japanTime(procedure.closesAt)}まで）が終わるまで、結果は公表できません。`]);
    }
    if (live.unassigned > 0)
      out.push([
        'UNASSIGNED_OPINIONS',
        `区分に振り分けていない意見が${live.unassigned}件あります。すべての意見を区分に振り分けてください。`,
      ]);
    for (const g of live.result.groups) {
      if (!g.summary || !g.response) out.push(['GROUP_INCOMPLETE', `区分「${g.title}」の意見の概要と市の考え方を入力してください。`]);
    }
    return out;
  }

  private resultView(
    procedure: PublicCommentProcedure,
    result: PublishedResult,
    publishedAt: Date | null,
    departmentName: string | null,
  ): PublicCommentResult {
    return {
      procedureId: procedure.id,
      title: procedure.title,
      departmentName,
      opensAt: procedure.opensAt,
      closesAt: procedure.closesAt,
      publishedAt,
      introduction: result.introduction,
      totalOpinions: result.totalOpinions,
      groups: result.groups.map((g, i) => ({ number: i + 1, ...g })),
      csvPath: `/api/public-comments/${procedure.id}/result.csv`,
    };
  }

  private async departmentName(em: EntityManager, procedure: PublicCommentProcedure): Promise<string | null> {
    const dept = await em.findOne(Department, { id: procedure.department.id }, PUBLIC_READ);
    return dept?.name ?? null;
  }

  /** What publishing now would show, and what still stops it. */
  async previewResult(ctx: ServiceContext, procedureId: string, introduction: string | null): Promise<PublicCommentResultPreview> {
    requirePermission(ctx.actor, 'public_comment.read');
    const procedure = await this.find(ctx.em, procedureId);
    const intro =
      introduction === null
        ? (procedure.result?.introduction ?? null)
        : checkText('introduction', introduction, { label: 'はじめに', max: LIMITS.introduction }) || null;
    const live = await this.liveResult(ctx, procedure, intro);
    return {
      result: this.resultView(procedure, live.result, null, await this.departmentName(ctx.em, procedure)),
      unassignedOpinions: live.unassigned,
      blockers: this.blockers(procedure, live, new Date()).map(([, message]) => message),
    };
  }

  /**
   * Publishes 「意見の概要と市の考え方」 as it stands now (publishing again replaces it). Refused,
   * with the reason, before the period has ended, while opinions are ungrouped, and while a group
   * lacks its summary or the city's view.
   */
  async publishResult(ctx: ServiceContext, procedureId: string, introduction: string | null): Promise<PublicCommentProcedure> {
    requirePermission(ctx.actor, 'public_comment.manage');
    return inTransaction(
      ctx,
      async (tx) => {
        const procedure = await this.find(tx.em, procedureId);
        const intro =
          introduction === null ? null : checkText('introduction', introduction, { label: 'はじめに', max: LIMITS.introduction }) || null;
        const live = await this.liveResult(tx, procedure, intro);
        const [blocker] = this.blockers(procedure, live, new Date());
        if (blocker) throw preconditionFailed(blocker[1], blocker[0]);
        procedure.result = live.result;
        procedure.resultPublishedAt = new Date();
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'publicComment.result.publish',
          targetType: 'PublicCommentProcedure',
          targetId: procedure.id,
          summary: { totalOpinions: live.result.totalOpinions, groups: live.result.groups.length },
          departmentId: procedure.department.id,
        });
        return procedure;
      },
      this.logger,
    );
  }

  async withdrawResult(ctx: ServiceContext, procedureId: string): Promise<PublicCommentProcedure> {
    requirePermission(ctx.actor, 'public_comment.manage');
    return inTransaction(
      ctx,
      async (tx) => {
        const procedure = await this.find(tx.em, procedureId);
        if (!procedure.resultPublishedAt) {
          tx.meta.trace.unchanged = true;
          return procedure;
        }
        procedure.result = null;
        procedure.resultPublishedAt = null;
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'publicComment.result.withdraw',
          targetType: 'PublicCommentProcedure',
          targetId: procedure.id,
          departmentId: procedure.department.id,
        });
        return procedure;
      },
      this.logger,
    );
  }

  // --- residents' side (no sign-in) ------------------------------------------------------------

  /** Announced procedures that are upcoming, open, or closed within the last year; open ones first. */
  async publicList(ctx: ServiceContext): Promise<PublishedPublicComment[]> {
    const now = new Date();
    const since = new Date(now.getTime() - RECENTLY_CLOSED_DAYS * 86_400_000);
    const found = await ctx.em.find(
      PublicCommentProcedure,
      { publishedAt: { $ne: null }, closesAt: { $gt: since } },
      { ...PUBLIC_READ, populate: ['form'], orderBy: { closesAt: 'desc' }, limit: 200 },
    );
    const rank = { [PublicCommentStatus.OPEN]: 0, [PublicCommentStatus.SCHEDULED]: 1 } as Record<string, number>;
    const views = await this.toPublic(ctx.em, found, now);
    return views.sort((a, b) => (rank[a.status] ?? 2) - (rank[b.status] ?? 2));
  }

  /** NOT_FOUND for drafts, as for ids that do not exist. */
  async publicGet(ctx: ServiceContext, id: string): Promise<PublishedPublicComment> {
    const procedure = UUID.test(id)
      ? await ctx.em.findOne(PublicCommentProcedure, { id, publishedAt: { $ne: null } }, { ...PUBLIC_READ, populate: ['form'] })
      : null;
    if (!procedure) throw notFound('案件');
    return (await this.toPublic(ctx.em, [procedure], new Date()))[0]!;
  }

  private async toPublic(em: EntityManager, procedures: PublicCommentProcedure[], now: Date): Promise<PublishedPublicComment[]> {
    if (!procedures.length) return [];
    const docs = await em.find(
      PublicCommentDocument,
      { procedure: { $in: procedures.map((p) => p.id) } },
      { ...PUBLIC_READ, populate: ['media'], orderBy: { position: 'asc', createdAt: 'asc' } },
    );
    const depts = new Map(
      (await em.find(Department, { id: { $in: [...new Set(procedures.map((p) => p.department.id))] } }, PUBLIC_READ)).map((d) => [
        d.id,
        d.name,
      ]),
    );
    return procedures.map((p) => {
      const status = statusOf(p, now);
      return {
        id: p.id,
        title: p.title,
        summary: p.summary,
        body: p.body,
        departmentName: depts.get(p.department.id) ?? null,
        opensAt: p.opensAt,
        closesAt: p.closesAt,
        status,
        acceptingOpinions: status === PublicCommentStatus.OPEN && p.form.publishedVersionId !== null,
        formPath: `/liff/forms/${p.form.id}`,
        documents: docs
          .filter((d) => d.procedure.id === p.id)
          .map((d) => ({ id: d.id, title: d.title, contentType: d.media.contentType, byteSize: d.media.byteSize, ...this.documentUrl(d) })),
        resultPublishedAt: p.resultPublishedAt,
      };
    });
  }

  /** The published result only: NOT_FOUND before publication (a preview is staff's). */
  async publicResult(ctx: ServiceContext, procedureId: string): Promise<PublicCommentResult> {
    const procedure = UUID.test(procedureId)
      ? await ctx.em.findOne(PublicCommentProcedure, { id: procedureId, resultPublishedAt: { $ne: null } }, PUBLIC_READ)
      : null;
    if (!procedure?.result || !procedure.resultPublishedAt) throw notFound('結果');
    return this.resultView(procedure, procedure.result, procedure.resultPublishedAt, await this.departmentName(ctx.em, procedure));
  }

  /** The published result as CSV for anyone (UTF-8 with BOM, formula cells neutralised). */
  async publicResultCsv(ctx: ServiceContext, procedureId: string): Promise<Readable> {
    const result = await this.publicResult(ctx, procedureId);
    const rows = result.groups;
    return streamPagedCsv<(typeof rows)[number]>({
      columns: [
        { key: 'number', header: '番号' },
        { key: 'title', header: '意見の区分' },
        { key: 'count', header: '件数' },
        { key: 'summary', header: '意見の概要' },
        { key: 'response', header: '市の考え方' },
      ],
      pageSize: rows.length + 1,
      nextPage: async (last) => (last ? [] : rows),
      toRow: (g) => ({ ...g }),
      logger: this.logger,
      what: 'public comment result',
    });
  }

  /** Whether the actor may read a document's file, for the media module (documents are public anyway). */
  async canReadDocument(ctx: ServiceContext, documentId: string): Promise<boolean> {
    const doc = UUID.test(documentId) ? await ctx.em.findOne(PublicCommentDocument, { id: documentId }, PUBLIC_READ) : null;
    if (!doc) return false;
    if (ctx.actor.kind === 'staff' || ctx.actor.kind === 'apiKey') {
      requirePermission(ctx.actor, 'public_comment.read');
      return (await ctx.em.findOne(PublicCommentProcedure, { id: doc.procedure.id })) !== null;
    }
    return (await ctx.em.findOne(PublicCommentProcedure, { id: doc.procedure.id, publishedAt: { $ne: null } }, PUBLIC_READ)) !== null;
  }
}

/** Fields residents answer that carry a value (no headings, no staff-only fields). */
function answerableFields(definition: FormDefinition): FormField[] {
  return definition.pages.flatMap((p) => p.fields).filter((f) => f.type !== 'heading' && f.type !== 'paragraph' && !f.adminOnly);
}

/** Columns of the export: each non-personal field once, as the versions name it (the latest label wins). */
function columnFields(definitions: FormDefinition[]): Array<{ id: string; label: string }> {
  const byId = new Map<string, string>();
  for (const def of definitions) for (const f of answerableFields(def)) if (!f.personal) byId.set(f.id, f.label);
  return [...byId].map(([id, label]) => ({ id, label }));
}

/** The answers staff working the opinions read: every non-personal field the submitter answered. */
function publicAnswers(definition: FormDefinition, answers: FormSubmission['answers']): PublicCommentOpinionAnswer[] {
  return answerableFields(definition)
    .filter((f) => !f.personal && answers[f.id] !== undefined)
    .map((f) => ({ fieldId: f.id, label: f.label, text: summarizeAnswer(f, answers[f.id]) }));
}
