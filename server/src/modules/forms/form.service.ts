import { requirePermission } from '../../platform/auth/require.js';
import { departmentScope } from '../../platform/context/actor.js';
import type { ServiceContext, TxContext } from '../../platform/context/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { badInput, conflict, notFound } from '../../platform/errors/app-error.js';
import { paginate, type ConnectionArgs, type Page } from '../../platform/graphql/connection.js';
import type { Logger } from '../../platform/logging/logger.js';
import { INVALID_ADDRESS_MESSAGE, isMailAddress } from '../../platform/mail/message.js';
import type { AttributeService } from '../attributes/index.js';
import type { AuditService } from '../audit/index.js';
import { Department, StaffUser } from '../identity/index.js';
import { checkDefinition, checkReceiptFormat, DEFAULT_RECEIPT_FORMAT, type FormDefinition } from './engine/index.js';
import { allFields } from './answers-view.js';
import { FormSubmission } from './form-submission.entity.js';
import { Form, FormVersion, type AudienceCondition } from './form.entity.js';
import { FormAccess, FormAnswerPolicy, FormAudience, FormKind, FormStatus } from './forms.enums.js';
import { canonicalJson, withinJsonLimits } from '../../platform/graphql/json-object.js';
import { FORM_TEMPLATES, formTemplate } from './templates/index.js';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface FormFilterInput {
  kind?: FormKind | null;
  status?: FormStatus | null;
  search?: string | null;
}

export interface CreateFormFields {
  title: string;
  kind: FormKind;
  departmentId?: string | null;
  templateKey?: string | null;
}

export interface UpdateFormFields {
  title?: string | null;
  description?: string | null;
  answerPolicy?: Form['answerPolicy'] | null;
  audience?: FormAudience | null;
  audienceCondition?: Record<string, unknown> | null;
  access?: Form['access'] | null;
  opensAt?: Date | null;
  closesAt?: Date | null;
  receiptFormat?: string | null;
  notificationEmails?: string[] | null;
  thankYouMessage?: string | null;
  askContactEmail?: boolean | null;
  definition?: Record<string, unknown> | null;
}

/** What a new form starts with when no template is chosen: one page, one question. */
const STARTER_DEFINITION: FormDefinition = {
  schemaVersion: 1,
  confirmation: true,
  pages: [{ id: 'p_1', fields: [{ id: 'f_1', type: 'text', label: '質問1' }] }],
};

/** Staff's side of forms: the list, settings, the draft definition, publishing, closing, copies. */
export class FormService {
  constructor(
    private readonly audit: AuditService,
    private readonly attributes: AttributeService,
    private readonly logger: Logger,
  ) {}

  list(ctx: ServiceContext, filter: FormFilterInput, args: ConnectionArgs): Promise<Page<Form>> {
    requirePermission(ctx.actor, 'forms.read');
    const where: Record<string, unknown> = {};
    if (filter.kind) where['kind'] = filter.kind;
    if (filter.status) where['status'] = filter.status;
    const search = filter.search?.trim();
    if (search) where['title'] = { $ilike: `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` };
    return paginate(ctx.em, Form, where, args, { updatedAt: 'desc', id: 'desc' });
  }

  async get(ctx: ServiceContext, id: string): Promise<Form> {
    requirePermission(ctx.actor, 'forms.read');
    return this.load(ctx, id);
  }

  private async load(ctx: ServiceContext, id: string): Promise<Form> {
    const form = UUID.test(id) ? await ctx.em.findOne(Form, { id }) : null;
    if (!form) throw notFound('フォーム');
    return form;
  }

  templates(ctx: ServiceContext) {
    requirePermission(ctx.actor, 'forms.manage');
    return FORM_TEMPLATES.map(({ key, title, description, kind }) => ({ key, title, description, kind }));
  }

  async versions(ctx: ServiceContext, form: Form): Promise<FormVersion[]> {
    return ctx.em.find(FormVersion, { form: form.id }, { orderBy: { number: 'desc' } });
  }

  async publishedVersion(ctx: ServiceContext, form: Form): Promise<FormVersion | null> {
    return form.publishedVersionId ? ctx.em.findOne(FormVersion, { id: form.publishedVersionId }) : null;
  }

  async hasUnpublishedChanges(ctx: ServiceContext, form: Form): Promise<boolean> {
    const version = await this.publishedVersion(ctx, form);
    return !version || canonicalJson(version.definition) !== canonicalJson(form.draftDefinition);
  }

  async create(ctx: ServiceContext, input: CreateFormFields): Promise<Form> {
    requirePermission(ctx.actor, 'forms.manage');
    const title = input.title.trim();
    if (!title) throw badInput({ title: 'フォームの名前を入力してください。' });
    const template = input.templateKey ? formTemplate(input.templateKey) : undefined;
    if (input.templateKey && !template) throw badInput({ templateKey: 'ひな形が見つかりません。' });
    return inTransaction(
      ctx,
      async (tx) => {
        const department = await this.owningDepartment(tx, input.departmentId ?? null);
        const form = tx.em.create(Form, {
          title,
          kind: input.kind,
          department,
          receiptFormat: DEFAULT_RECEIPT_FORMAT,
          draftDefinition: structuredClone<FormDefinition>(template?.definition ?? STARTER_DEFINITION),
          ...(template
            ? {
                description: template.description,
                answerPolicy: template.answerPolicy,
                access: template.access,
                askContactEmail: template.askContactEmail,
                thankYouMessage: template.thankYouMessage,
                templateKey: template.key,
              }
            : {}),
        });
        tx.em.persist(form);
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'forms.create',
          targetType: 'Form',
          targetId: form.id,
          summary: { kind: form.kind, templateKey: form.templateKey },
          departmentId: department.id,
        });
        return form;
      },
      this.logger,
    );
  }

  /** The department a new form belongs to: the creator's own, or one within their scope. */
  private async owningDepartment(tx: TxContext, departmentId: string | null): Promise<Department> {
    const actor = tx.actor;
    const own = actor.kind === 'staff' ? actor.departmentId : actor.kind === 'apiKey' ? actor.departmentId : null;
    const id = departmentId ?? own;
    if (!id) throw badInput({ departmentId: 'フォームを持つ部署を選んでください。' });
    const scope = departmentScope(actor);
    if (!UUID.test(id) || (scope !== 'all' && !scope.includes(id))) throw badInput({ departmentId: '所属していない部署は選べません。' });
    const department = await tx.em.findOne(Department, { id });
    if (!department) throw badInput({ departmentId: '部署が見つかりません。' });
    return department;
  }

  async update(ctx: ServiceContext, id: string, input: UpdateFormFields): Promise<Form> {
    requirePermission(ctx.actor, 'forms.manage');
    return inTransaction(
      ctx,
      async (tx) => {
        const form = await this.load(tx, id);
        const fields: Record<string, string> = {};
        const changed: string[] = [];
        const set = <K extends Extract<keyof Form, string>>(key: K, value: Form[K]) => {
          if (canonicalJson(form[key]) !== canonicalJson(value)) changed.push(key);
          form[key] = value;
        };
        if (input.title !== undefined && input.title !== null) {
          const title = input.title.trim();
          if (!title) fields['title'] = 'フォームの名前を入力してください。';
          else set('title', title);
        }
        if (input.description !== undefined) set('description', input.description?.trim() || null);
        if (input.answerPolicy) set('answerPolicy', input.answerPolicy);
        if (input.access) set('access', input.access);
        if (input.thankYouMessage !== undefined) set('thankYouMessage', input.thankYouMessage?.trim() || null);
        if (input.askContactEmail !== undefined && input.askContactEmail !== null) set('askContactEmail', input.askContactEmail);
        if (input.opensAt !== undefined) set('opensAt', input.opensAt);
        if (input.closesAt !== undefined) set('closesAt', input.closesAt);
        if (form.opensAt && form.closesAt && form.opensAt >= form.closesAt) fields['closesAt'] = '締切は受付開始より後にしてください。';
        if (input.receiptFormat !== undefined && input.receiptFormat !== null) {
          const problem = checkReceiptFormat(input.receiptFormat);
          if (problem) fields['receiptFormat'] = problem;
          else set('receiptFormat', input.receiptFormat);
        }
        if (input.notificationEmails) {
          const emails = [...new Set(input.notificationEmails.map((e) => e.trim()).filter(Boolean))];
          const bad = emails.find((e) => !isMailAddress(e));
          if (bad) fields['notificationEmails'] = `${bad}: ${INVALID_ADDRESS_MESSAGE}`;
          else set('notificationEmails', emails);
        }
        if (form.access === FormAccess.BROWSER_ALLOWED && form.answerPolicy !== FormAnswerPolicy.REPEAT)
          // Browser answerers cannot be told apart, so "once" and "overwrite" could not hold for them.
          fields['answerPolicy'] =
            'ブラウザからの回答を受け付けるフォームでは、回答者を見分けられないため「1人1回だけ」「あとから修正できる」は選べません。「何度でも」にするか、LINEでのログインを必須にしてください。';
        if (input.audience) set('audience', input.audience);
        if (input.audienceCondition !== undefined) {
          const condition = input.audienceCondition === null ? null : audienceConditionOf(input.audienceCondition);
          if (condition === undefined) fields['audienceCondition'] = '対象の条件は属性と選択肢（1つ以上）で指定してください。';
          else set('audienceCondition', condition);
        }
        if (form.audience === FormAudience.CONDITION && !form.audienceCondition)
          fields['audienceCondition'] = '対象を条件で絞るときは、属性と選択肢を指定してください。';
        if (form.audience === FormAudience.CONDITION && form.audienceCondition) {
          const defs = await this.attributes.definitions(tx.em);
          const def = defs.find((d) => d.key === form.audienceCondition!.attributeKey);
          if (!def) fields['audienceCondition'] = `属性 ${form.audienceCondition.attributeKey} が見つかりません。`;
          else if (form.audienceCondition.optionKeys.some((k) => !def.options.some((o) => o.key === k)))
            fields['audienceCondition'] = `属性「${def.label}」にない選択肢が指定されています。`;
        }
        if (input.definition !== undefined && input.definition !== null) {
          if (!withinJsonLimits(input.definition)) throw badInput({ definition: 'フォームの定義が大きすぎるか、入れ子が深すぎます。' });
          const checked = checkDefinition(input.definition);
          if (!checked.ok) {
            for (const p of checked.problems) {
              const key = p.path || 'definition';
              fields[key] = fields[key] ? `${fields[key]}\n${p.message}` : p.message;
            }
          } else {
            Object.assign(fields, await this.bindingProblems(tx, checked.definition));
            set('draftDefinition', checked.definition);
          }
        }
        if (Object.keys(fields).length) throw badInput(fields);
        if (!changed.length) {
          tx.meta.trace.unchanged = true;
          return form;
        }
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'forms.update',
          targetType: 'Form',
          targetId: form.id,
          summary: { changed },
          departmentId: form.department.id,
        });
        return form;
      },
      this.logger,
    );
  }

  /** Bound fields must name an attribute that exists, and personal fields only personal attributes (NFR-25). */
  private async bindingProblems(tx: TxContext, definition: FormDefinition): Promise<Record<string, string>> {
    const bound = allFields(definition).filter((f) => f.attributeKey);
    if (!bound.length) return {};
    const defs = new Map((await this.attributes.definitions(tx.em)).map((d) => [d.key, d]));
    const problems: Record<string, string> = {};
    definition.pages.forEach((page, i) =>
      page.fields.forEach((field, j) => {
        if (!field.attributeKey) return;
        const path = `pages[${i}].fields[${j}].attributeKey`;
        const def = defs.get(field.attributeKey);
        if (!def) problems[path] = `属性 ${field.attributeKey} が見つかりません（廃止されたか、権限のない属性です）。`;
        else if (field.personal && !def.personal)
          problems[path] =
            `個人情報の項目は、個人情報として扱う属性にだけ結び付けられます（「${def.label}」は配信の条件に使える属性です）。`;
      }),
    );
    return problems;
  }

  async publish(ctx: ServiceContext, id: string): Promise<Form> {
    requirePermission(ctx.actor, 'forms.manage');
    return inTransaction(
      ctx,
      async (tx) => {
        const form = await this.load(tx, id);
        const checked = checkDefinition(form.draftDefinition);
        if (!checked.ok) throw badInput({ definition: checked.problems.map((p) => p.message).join('\n') }, '公開できない内容があります。');
        Object.entries(await this.bindingProblems(tx, checked.definition)).forEach(([path, message]) => {
          throw badInput({ [path]: message }, '公開できない内容があります。');
        });
        const current = await this.publishedVersion(tx, form);
        const changedDefinition = !current || canonicalJson(current.definition) !== canonicalJson(form.draftDefinition);
        if (!changedDefinition && form.status !== FormStatus.DRAFT) {
          tx.meta.trace.unchanged = true;
          return form;
        }
        let number = current?.number ?? 0;
        if (changedDefinition) {
          const last = await tx.em.findOne(FormVersion, { form: form.id }, { orderBy: { number: 'desc' } });
          number = (last?.number ?? 0) + 1;
          const version = tx.em.create(FormVersion, {
            form,
            number,
            definition: structuredClone(form.draftDefinition),
            publishedAt: new Date(),
            publishedByName: await this.staffName(tx),
          });
          tx.em.persist(version);
          await tx.em.flush();
          form.publishedVersionId = version.id;
        }
        if (form.status === FormStatus.DRAFT) form.status = FormStatus.PUBLISHED;
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'forms.publish',
          targetType: 'Form',
          targetId: form.id,
          summary: { version: number },
          departmentId: form.department.id,
        });
        return form;
      },
      this.logger,
    );
  }

  private async staffName(ctx: ServiceContext): Promise<string | null> {
    const actor = ctx.actor;
    if (actor.kind === 'apiKey') return `APIキー ${actor.name}`.slice(0, 100);
    if (actor.kind !== 'staff') return null;
    const staff = await ctx.em.findOne(StaffUser, { id: actor.staffId });
    return (staff?.displayName ?? actor.loginId).slice(0, 100);
  }

  /** The acting staff member's name, for histories and messages. */
  actorName(ctx: ServiceContext): Promise<string | null> {
    return this.staffName(ctx);
  }

  async close(ctx: ServiceContext, id: string): Promise<Form> {
    return this.move(ctx, id, FormStatus.PUBLISHED, FormStatus.CLOSED, 'forms.close', '受付中のフォームだけを締め切れます。');
  }

  async reopen(ctx: ServiceContext, id: string): Promise<Form> {
    return this.move(ctx, id, FormStatus.CLOSED, FormStatus.PUBLISHED, 'forms.reopen', '締め切ったフォームだけを再開できます。');
  }

  private async move(ctx: ServiceContext, id: string, from: FormStatus, to: FormStatus, action: string, refusal: string): Promise<Form> {
    requirePermission(ctx.actor, 'forms.manage');
    return inTransaction(
      ctx,
      async (tx) => {
        const form = await this.load(tx, id);
        if (form.status !== from) throw conflict(refusal, 'FORM_STATUS');
        form.status = to;
        await tx.em.flush();
        await this.audit.record(tx, { action, targetType: 'Form', targetId: form.id, summary: {}, departmentId: form.department.id });
        return form;
      },
      this.logger,
    );
  }

  async duplicate(ctx: ServiceContext, id: string): Promise<Form> {
    requirePermission(ctx.actor, 'forms.manage');
    return inTransaction(
      ctx,
      async (tx) => {
        const source = await this.load(tx, id);
        const copy = tx.em.create(Form, {
          title: `${source.title}（コピー）`.slice(0, 200),
          description: source.description,
          kind: source.kind,
          answerPolicy: source.answerPolicy,
          audience: source.audience,
          audienceCondition: source.audienceCondition ? structuredClone(source.audienceCondition) : null,
          access: source.access,
          receiptFormat: source.receiptFormat,
          notificationEmails: [...source.notificationEmails],
          thankYouMessage: source.thankYouMessage,
          askContactEmail: source.askContactEmail,
          department: source.department,
          draftDefinition: structuredClone(source.draftDefinition),
          templateKey: source.templateKey,
        });
        tx.em.persist(copy);
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'forms.duplicate',
          targetType: 'Form',
          targetId: copy.id,
          summary: { from: source.id },
          departmentId: copy.department.id,
        });
        return copy;
      },
      this.logger,
    );
  }

  async delete(ctx: ServiceContext, id: string): Promise<string> {
    requirePermission(ctx.actor, 'forms.manage');
    return inTransaction(
      ctx,
      async (tx) => {
        const form = await this.load(tx, id);
        const answered = await tx.em.count(FormSubmission, { form: form.id }, { filters: false });
        if (answered > 0)
          throw conflict(
            `回答が${answered}件あるフォームは削除できません。締め切って残すか、回答を出力してから相談してください。`,
            'FORM_HAS_SUBMISSIONS',
          );
        form.publishedVersionId = null;
        await tx.em.flush();
        await tx.em.nativeDelete(FormVersion, { form: form.id });
        tx.em.remove(form);
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'forms.delete',
          targetType: 'Form',
          targetId: id,
          summary: { title: form.title },
          departmentId: form.department.id,
        });
        return id;
      },
      this.logger,
    );
  }
}

/** `{ attributeKey, optionKeys }` from client JSON, or undefined when it is not one. */
export function audienceConditionOf(value: Record<string, unknown>): AudienceCondition | undefined {
  const key = value['attributeKey'];
  const options = value['optionKeys'];
  if (typeof key !== 'string' || !/^[A-Za-z][A-Za-z0-9_.-]{0,99}$/.test(key)) return undefined;
  if (!Array.isArray(options) || options.length === 0 || options.length > 500) return undefined;
  if (!options.every((o): o is string => typeof o === 'string' && o.length > 0 && o.length <= 64)) return undefined;
  if (Object.keys(value).some((k) => k !== 'attributeKey' && k !== 'optionKeys')) return undefined;
  return { attributeKey: key, optionKeys: [...new Set(options)] };
}
