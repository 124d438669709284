import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { requirePermission } from '../../platform/auth/require.js';
import { departmentScope } from '../../platform/context/actor.js';
import type { ServiceContext, TxContext } from '../../platform/context/context.js';
import { DEPARTMENT_SCOPE } from '../../platform/db/department-scope.js';
import { unscopedSql } from '../../platform/db/scoped-sql.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { AppError, badInput, ErrorCode, forbidden, notFound, preconditionFailed } from '../../platform/errors/app-error.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { AuditService } from '../audit/index.js';
import { Department } from '../identity/index.js';
import { OPTION_KEY, problemField, validateAreaCsv } from './area-csv.js';
import { AttributeDefinition } from './attribute-definition.entity.js';
import { AttributeKind, EDITABLE_OPTION_KINDS, FIXED_OPTIONS } from './attribute-kind.js';
import { AttributeOption } from './attribute-option.entity.js';

export const ATTRIBUTE_KEY = /^[a-z][a-z0-9_]{1,59}$/;
const KEY_MESSAGE = 'キーは半角英小文字で始まる英小文字・数字・下線（2〜60文字）にしてください。';

export interface DefinitionInput {
  key: string;
  label: string;
  kind: AttributeKind;
  helpText?: string | null;
  personal?: boolean | null;
  residentEditable?: boolean | null;
  departmentId?: string | null;
  numberMin?: number | null;
  numberMax?: number | null;
  numberInteger?: boolean | null;
  options?: ReadonlyArray<{ key?: string | null; label: string }> | null;
}

export interface DefinitionChanges {
  id: string;
  label?: string | null;
  kind?: AttributeKind | null;
  helpText?: string | null;
  personal?: boolean | null;
  residentEditable?: boolean | null;
  departmentId?: string | null;
  numberMin?: number | null;
  numberMax?: number | null;
  numberInteger?: boolean | null;
}

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
}

const idOf = (id: string): number => (/^\d{1,9}$/.test(id) ? Number(id) : 0);
const allDepartments = (ctx: ServiceContext) => departmentScope(ctx.actor) === 'all';

/** Staff define attributes and their options at any time (RES-02, RES-03). */
export class AttributeDefinitionService {
  constructor(
    private readonly audit: AuditService,
    private readonly logger: Logger,
  ) {}

  async list(ctx: ServiceContext, options: { includeRetired: boolean }): Promise<AttributeDefinition[]> {
    requirePermission(ctx.actor, 'attributes.read');
    return ctx.em.find(AttributeDefinition, options.includeRetired ? {} : { retiredAt: null }, {
      populate: ['options'],
      orderBy: { position: 'asc', id: 'asc' },
    });
  }

  async get(ctx: ServiceContext, id: string): Promise<AttributeDefinition> {
    requirePermission(ctx.actor, 'attributes.read');
    return this.find(ctx.em, id);
  }

  private async find(em: EntityManager, id: string): Promise<AttributeDefinition> {
    const def = await em.findOne(AttributeDefinition, { id: idOf(id) }, { populate: ['options'] });
    if (!def) throw notFound('属性');
    return def;
  }

  /** A shared attribute concerns every department: only those who see them all change it. */
  private async editable(tx: TxContext, id: string): Promise<AttributeDefinition> {
    const def = await this.find(tx.em, id);
    if (!def.department && !allDepartments(tx)) {
      throw forbidden('全庁共通の属性は、システム管理者だけが変更できます。', 'SHARED_ATTRIBUTE');
    }
    return def;
  }

  private async hasValues(em: EntityManager, def: AttributeDefinition): Promise<boolean> {
    const rows = await unscopedSql<{ found: boolean }>(
      em,
      'whether any resident has a value of this attribute, whoever they are',
      'select exists (select 1 from resident_attribute_doc where attribute_ids @> array[?]::int[]) as found',
      [def.id],
    );
    return rows[0]?.found === true;
  }

  private checkNumberRange(min: number | null | undefined, max: number | null | undefined): void {
    if (min !== null && min !== undefined && max !== null && max !== undefined && min > max) {
      throw badInput({ numberMax: '最大値は最小値以上にしてください。' });
    }
  }

  private checkLabel(label: string, field = 'label'): string {
    const text = label.trim();
    if (!text) throw badInput({ [field]: '名称を入力してください。' });
    if ([...text].length > 100) throw badInput({ [field]: '名称は100文字以内にしてください。' });
    return text;
  }

  private async departmentFor(tx: TxContext, requested: string | null | undefined): Promise<Department | null> {
    if (allDepartments(tx)) {
      if (!requested) return null;
      const dept = await tx.em.findOne(Department, { id: requested }, { filters: { [DEPARTMENT_SCOPE]: false } });
      if (!dept) throw badInput({ departmentId: '部署が見つかりません。' });
      return dept;
    }
    const own = tx.actor.kind === 'staff' ? tx.actor.departmentId : tx.actor.kind === 'apiKey' ? tx.actor.departmentId : null;
    if (!own || (requested && requested !== own)) {
      throw forbidden('自分の部署の属性だけを作成・変更できます。', 'OTHER_DEPARTMENT');
    }
    return tx.em.getReference(Department, own);
  }

  async create(ctx: ServiceContext, input: DefinitionInput): Promise<AttributeDefinition> {
    requirePermission(ctx.actor, 'attributes.manage');
    return inTransaction(
      ctx,
      async (tx) => {
        if (!ATTRIBUTE_KEY.test(input.key)) throw badInput({ key: KEY_MESSAGE });
        const label = this.checkLabel(input.label);
        if (await tx.em.findOne(AttributeDefinition, { key: input.key }, { filters: { [DEPARTMENT_SCOPE]: false } })) {
          throw badInput({ key: `キー「${input.key}」はすでに使われています。` });
        }
        this.checkNumberRange(input.numberMin, input.numberMax);
        const last = await tx.em.findOne(
          AttributeDefinition,
          { id: { $gt: 0 } },
          { orderBy: { position: 'desc' }, filters: { [DEPARTMENT_SCOPE]: false } },
        );
        const isNumber = input.kind === AttributeKind.NUMBER;
        const def = tx.em.create(AttributeDefinition, {
          key: input.key,
          label,
          kind: input.kind,
          helpText: input.helpText?.trim() || null,
          personal: input.personal ?? false,
          residentEditable: input.residentEditable ?? true,
          department: await this.departmentFor(tx, input.departmentId),
          numberMin: isNumber ? (input.numberMin ?? null) : null,
          numberMax: isNumber ? (input.numberMax ?? null) : null,
          numberInteger: isNumber ? (input.numberInteger ?? false) : false,
          position: (last?.position ?? 0) + 1,
        });
        tx.em.persist(def);
        const initial = FIXED_OPTIONS[input.kind] ?? (EDITABLE_OPTION_KINDS.has(input.kind) ? (input.options ?? []) : []);
        const keys = new Set<string>();
        initial.forEach((o, i) => {
          const key = o.key?.trim() || generatedKey();
          if (!OPTION_KEY.test(key))
            throw badInput({ [`options.${i}.key`]: '選択肢のキーは半角英数字・ハイフン・下線で、60文字以内にしてください。' });
          if (keys.has(key)) throw badInput({ [`options.${i}.key`]: `選択肢のキー「${key}」が重複しています。` });
          keys.add(key);
          tx.em.persist(
            tx.em.create(AttributeOption, { attribute: def, key, label: this.checkLabel(o.label, `options.${i}.label`), position: i + 1 }),
          );
        });
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'attributes.create',
          targetType: 'AttributeDefinition',
          targetId: String(def.id),
          summary: { key: def.key, kind: def.kind, options: initial.length },
        });
        return def;
      },
      this.logger,
    );
  }

  async update(ctx: ServiceContext, changes: DefinitionChanges): Promise<AttributeDefinition> {
    requirePermission(ctx.actor, 'attributes.manage');
    return inTransaction(
      ctx,
      async (tx) => {
        const def = await this.editable(tx, changes.id);
        const changed: string[] = [];
        if (changes.label !== undefined && changes.label !== null) {
          def.label = this.checkLabel(changes.label);
          changed.push('label');
        }
        if (changes.helpText !== undefined) {
          def.helpText = changes.helpText?.trim() || null;
          changed.push('helpText');
        }
        if (changes.residentEditable !== undefined && changes.residentEditable !== null) {
          def.residentEditable = changes.residentEditable;
          changed.push('residentEditable');
        }
        const kindChanges = changes.kind && changes.kind !== def.kind;
        const personalChanges = changes.personal !== undefined && changes.personal !== null && changes.personal !== def.personal;
        if ((kindChanges || personalChanges) && (await this.hasValues(tx.em, def))) {
          throw preconditionFailed(
            kindChanges
              ? 'すでに住民の値が登録されているため、種類を変更できません。新しい属性を作成し、この属性は廃止してください。'
              : 'すでに住民の値が登録されているため、個人情報の扱いを変更できません。新しい属性を作成し、この属性は廃止してください。',
            'ATTRIBUTE_HAS_VALUES',
          );
        }
        if (kindChanges) {
          await this.reshapeOptions(tx, def, changes.kind!);
          def.kind = changes.kind!;
          changed.push('kind');
        }
        if (personalChanges) {
          def.personal = changes.personal!;
          changed.push('personal');
        }
        if (changes.departmentId !== undefined && (changes.departmentId ?? null) !== (def.department?.id ?? null)) {
          def.department = await this.departmentFor(tx, changes.departmentId);
          changed.push('department');
        }
        if (def.kind === AttributeKind.NUMBER) {
          if (changes.numberMin !== undefined) def.numberMin = changes.numberMin;
          if (changes.numberMax !== undefined) def.numberMax = changes.numberMax;
          if (changes.numberInteger !== undefined && changes.numberInteger !== null) def.numberInteger = changes.numberInteger;
          this.checkNumberRange(def.numberMin, def.numberMax);
        } else {
          def.numberMin = def.numberMax = null;
          def.numberInteger = false;
        }
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'attributes.update',
          targetType: 'AttributeDefinition',
          targetId: String(def.id),
          summary: { key: def.key, changed },
        });
        return def;
      },
      this.logger,
    );
  }

  /** A kind change before any value exists: the new kind's options (fixed ones, or the choices kept). */
  private async reshapeOptions(tx: TxContext, def: AttributeDefinition, kind: AttributeKind): Promise<void> {
    const keepChoices = EDITABLE_OPTION_KINDS.has(def.kind) && EDITABLE_OPTION_KINDS.has(kind);
    const options = def.options.getItems();
    if (keepChoices) {
      if (kind !== AttributeKind.AREA) for (const o of options) o.parent = null;
      return;
    }
    for (const o of options) o.parent = null;
    await tx.em.flush();
    for (const o of options) tx.em.remove(o);
    await tx.em.flush();
    (FIXED_OPTIONS[kind] ?? []).forEach((o, i) =>
      tx.em.persist(tx.em.create(AttributeOption, { attribute: def, key: o.key, label: o.label, position: i + 1 })),
    );
  }

  async reorder(ctx: ServiceContext, ids: readonly string[]): Promise<AttributeDefinition[]> {
    requirePermission(ctx.actor, 'attributes.manage');
    return inTransaction(
      ctx,
      async (tx) => {
        const numeric = ids.map(idOf);
        if (new Set(numeric).size !== numeric.length) throw badInput({ ids: '同じ属性が2回指定されています。' });
        const defs = await tx.em.find(AttributeDefinition, { id: { $in: numeric } });
        if (defs.length !== numeric.length) throw notFound('属性');
        // Positions stay those the listed ones had, reassigned in the new order: others keep theirs.
        const slots = defs.map((d) => d.position).sort((a, b) => a - b);
        const byId = new Map(defs.map((d) => [d.id, d]));
        numeric.forEach((id, i) => (byId.get(id)!.position = slots[i]!));
        await tx.em.flush();
        await this.audit.record(tx, { action: 'attributes.reorder', targetType: 'AttributeDefinition', summary: { ids: numeric } });
        return this.list(tx, { includeRetired: true });
      },
      this.logger,
    );
  }

  async setRetired(ctx: ServiceContext, id: string, retired: boolean): Promise<AttributeDefinition> {
    requirePermission(ctx.actor, 'attributes.manage');
    return inTransaction(
      ctx,
      async (tx) => {
        const def = await this.editable(tx, id);
        if ((def.retiredAt !== null) === retired) {
          tx.meta.trace.unchanged = true;
          return def;
        }
        def.retiredAt = retired ? new Date() : null;
        await tx.em.flush();
        await this.audit.record(tx, {
          action: retired ? 'attributes.retire' : 'attributes.restore',
          targetType: 'AttributeDefinition',
          targetId: String(def.id),
          summary: { key: def.key },
        });
        return def;
      },
      this.logger,
    );
  }

  // --- options ---------------------------------------------------------------------------------

  private async optionOf(tx: TxContext, optionId: string): Promise<{ def: AttributeDefinition; option: AttributeOption }> {
    const option = await tx.em.findOne(AttributeOption, { id: idOf(optionId) });
    if (!option) throw notFound('選択肢');
    // Through the definition, so the department scope decides.
    const def = await this.editable(tx, String(option.attribute.id)).catch((err: unknown) => {
      throw err instanceof AppError && err.code === ErrorCode.NOT_FOUND ? notFound('選択肢') : err;
    });
    return { def, option };
  }

  private parentFor(def: AttributeDefinition, parentKey: string | null | undefined, self?: AttributeOption): AttributeOption | null {
    if (!parentKey) return null;
    if (def.kind !== AttributeKind.AREA) throw badInput({ parentKey: '親を指定できるのは地域の属性だけです。' });
    const parent = def.options.getItems().find((o) => o.key === parentKey);
    if (!parent) throw badInput({ parentKey: `親キー「${parentKey.slice(0, 60)}」の地域がありません。` });
    for (let p: AttributeOption | null = parent, depth = 0; p && depth < 50; p = p.parent, depth++) {
      if (self && p.id === self.id) throw badInput({ parentKey: '自分の下にある地域を親にはできません。' });
    }
    return parent;
  }

  async addOption(
    ctx: ServiceContext,
    input: { attributeId: string; key?: string | null; label: string; parentKey?: string | null },
  ): Promise<AttributeDefinition> {
    requirePermission(ctx.actor, 'attributes.manage');
    return inTransaction(
      ctx,
      async (tx) => {
        const def = await this.editable(tx, input.attributeId);
        if (!EDITABLE_OPTION_KINDS.has(def.kind)) throw preconditionFailed('この種類の属性には選択肢を追加できません。', 'FIXED_OPTIONS');
        const key = input.key?.trim() || generatedKey();
        if (!OPTION_KEY.test(key)) throw badInput({ key: '選択肢のキーは半角英数字・ハイフン・下線で、60文字以内にしてください。' });
        if (def.options.getItems().some((o) => o.key === key)) throw badInput({ key: `選択肢のキー「${key}」はすでに使われています。` });
        const position = Math.max(0, ...def.options.getItems().map((o) => o.position)) + 1;
        const option = tx.em.create(AttributeOption, {
          attribute: def,
          key,
          label: this.checkLabel(input.label),
          parent: this.parentFor(def, input.parentKey),
          position,
        });
        tx.em.persist(option);
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'attributes.addOption',
          targetType: 'AttributeDefinition',
          targetId: String(def.id),
          summary: { key: def.key, option: key },
        });
        return def;
      },
      this.logger,
    );
  }

  async updateOption(
    ctx: ServiceContext,
    input: { id: string; label?: string | null; parentKey?: string | null },
  ): Promise<AttributeDefinition> {
    requirePermission(ctx.actor, 'attributes.manage');
    return inTransaction(
      ctx,
      async (tx) => {
        const { def, option } = await this.optionOf(tx, input.id);
        if (input.label !== undefined && input.label !== null) option.label = this.checkLabel(input.label);
        if (input.parentKey !== undefined) option.parent = this.parentFor(def, input.parentKey, option);
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'attributes.updateOption',
          targetType: 'AttributeDefinition',
          targetId: String(def.id),
          summary: { key: def.key, option: option.key },
        });
        return def;
      },
      this.logger,
    );
  }

  async reorderOptions(ctx: ServiceContext, attributeId: string, optionIds: readonly string[]): Promise<AttributeDefinition> {
    requirePermission(ctx.actor, 'attributes.manage');
    return inTransaction(
      ctx,
      async (tx) => {
        const def = await this.editable(tx, attributeId);
        const byId = new Map(def.options.getItems().map((o) => [o.id, o]));
        const numeric = optionIds.map(idOf);
        if (new Set(numeric).size !== numeric.length || numeric.some((id) => !byId.has(id))) {
          throw badInput({ optionIds: 'この属性の選択肢を、重複なく指定してください。' });
        }
        const slots = numeric.map((id) => byId.get(id)!.position).sort((a, b) => a - b);
        numeric.forEach((id, i) => (byId.get(id)!.position = slots[i]!));
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'attributes.reorderOptions',
          targetType: 'AttributeDefinition',
          targetId: String(def.id),
          summary: { key: def.key, count: numeric.length },
        });
        return def;
      },
      this.logger,
    );
  }

  async setOptionRetired(ctx: ServiceContext, optionId: string, retired: boolean): Promise<AttributeDefinition> {
    requirePermission(ctx.actor, 'attributes.manage');
    return inTransaction(
      ctx,
      async (tx) => {
        const { def, option } = await this.optionOf(tx, optionId);
        if (!EDITABLE_OPTION_KINDS.has(def.kind)) throw preconditionFailed('この種類の属性の選択肢は廃止できません。', 'FIXED_OPTIONS');
        if ((option.retiredAt !== null) === retired) {
          tx.meta.trace.unchanged = true;
          return def;
        }
        option.retiredAt = retired ? new Date() : null;
        await tx.em.flush();
        await this.audit.record(tx, {
          action: retired ? 'attributes.retireOption' : 'attributes.restoreOption',
          targetType: 'AttributeDefinition',
          targetId: String(def.id),
          summary: { key: def.key, option: option.key },
        });
        return def;
      },
      this.logger,
    );
  }

  /**
   * Area options from CSV (parent key, key, label): new keys are added, existing ones get the
   * file's label and parent. Every row is validated first; one bad row writes nothing.
   */
  async importAreas(
    ctx: ServiceContext,
    attributeId: string,
    csv: string,
  ): Promise<{ definition: AttributeDefinition; result: ImportResult }> {
    requirePermission(ctx.actor, 'attributes.manage');
    return inTransaction(
      ctx,
      async (tx) => {
        const def = await this.editable(tx, attributeId);
        if (def.kind !== AttributeKind.AREA) throw preconditionFailed('CSVから取り込めるのは地域の属性だけです。', 'NOT_AREA');
        const existing = def.options.getItems();
        const byKey = new Map(existing.map((o) => [o.key, o]));
        const { rows, problems } = validateAreaCsv(
          csv,
          existing.map((o) => ({ key: o.key, parentKey: o.parent?.key ?? null })),
        );
        if (problems.length) {
          throw badInput(
            Object.fromEntries(problems.map(problemField)),
            `CSVに${problems.length}件の誤りがあります。取り込みは行っていません。`,
          );
        }
        const result: ImportResult = { created: 0, updated: 0, unchanged: 0 };
        let position = Math.max(0, ...existing.map((o) => o.position));
        for (const r of rows) {
          const found = byKey.get(r.key);
          if (found) {
            const same = found.label === r.label && (found.parent?.key ?? null) === r.parentKey;
            found.label = r.label;
            if (same) result.unchanged++;
            else result.updated++;
          } else {
            const option = tx.em.create(AttributeOption, { attribute: def, key: r.key, label: r.label, position: ++position });
            tx.em.persist(option);
            byKey.set(r.key, option);
            result.created++;
          }
        }
        // Parents after every row exists, so a file may name a parent below its child.
        for (const r of rows) byKey.get(r.key)!.parent = r.parentKey ? byKey.get(r.parentKey)! : null;
        await tx.em.flush();
        await this.audit.record(tx, {
          action: 'attributes.importAreas',
          targetType: 'AttributeDefinition',
          targetId: String(def.id),
          summary: { key: def.key, ...result },
        });
        return { definition: def, result };
      },
      this.logger,
    );
  }
}

function generatedKey(): string {
  return `opt-${randomBytes(4).toString('hex')}`;
}
