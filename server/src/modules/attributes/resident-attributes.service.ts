import { hasPermission } from '../../platform/context/actor.js';
import type { ServiceContext } from '../../platform/context/context.js';
import { requirePermission } from '../../platform/auth/require.js';
import { RESIDENT, authorize } from '../../platform/auth/gate.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { notFound } from '../../platform/errors/app-error.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { AuditService } from '../audit/index.js';
import { Resident } from '../residents/index.js';
import { AttributeKind } from './attribute-kind.js';
import { displayValue, selectable, type AttributeInputValue, type DefinitionSnapshot } from './attribute-values.js';
import type { AttributeService, ChangeActor } from './attribute.service.js';
import { AttributeChangeActor, ResidentAttributeChange } from './resident-attribute-tables.entity.js';

/** A value in the typed shape GraphQL carries (one field per kind of value). */
export interface TypedValue {
  attributeKey: string;
  optionKeys?: readonly string[] | null;
  dates?: readonly string[] | null;
  number?: number | null;
  text?: string | null;
  flag?: boolean | null;
}

export interface SheetEntry {
  definitionId: number;
  value: TypedValue | null;
  masked: boolean;
  updatedAt: Date | null;
  updatedBy: string | null;
}

export interface ChangeView {
  id: string;
  attributeKey: string;
  attributeLabel: string;
  changedAt: Date;
  actorKind: AttributeChangeActor;
  actorLabel: string;
  before: string;
  after: string;
}

export interface Sheet {
  residentId: string;
  entries: SheetEntry[];
  history: ChangeView[];
}

export interface FieldView {
  key: string;
  label: string;
  kind: AttributeKind;
  helpText: string | null;
  numberMin: number | null;
  numberMax: number | null;
  numberInteger: boolean;
  options: Array<{ key: string; label: string; parentKey: string | null; retired: boolean }>;
}

export interface MyAttributes {
  fields: FieldView[];
  values: TypedValue[];
}

const HISTORY_LIMIT = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The GraphQL shape of a value into the service's, by kind. */
export function fromTyped(def: DefinitionSnapshot | undefined, v: TypedValue): AttributeInputValue {
  const single = (list: readonly string[] | null | undefined): AttributeInputValue =>
    !list || list.length === 0 ? null : list.length === 1 ? list[0]! : list;
  switch (def?.kind) {
    case AttributeKind.SINGLE_CHOICE:
    case AttributeKind.AREA:
      return single(v.optionKeys);
    case AttributeKind.MULTIPLE_CHOICE:
      return v.optionKeys ?? null;
    case AttributeKind.DATE:
      return single(v.dates);
    case AttributeKind.DATE_LIST:
      return v.dates ?? null;
    case AttributeKind.NUMBER:
      return v.number ?? null;
    case AttributeKind.TEXT:
      return v.text ?? null;
    case AttributeKind.YES_NO:
    case AttributeKind.CONSENT:
      return v.flag ?? null;
    default:
      return null;
  }
}

export function toTyped(def: DefinitionSnapshot, value: AttributeInputValue): TypedValue {
  const list = (x: AttributeInputValue) => (x === null ? null : typeof x === 'string' ? [x] : (x as string[]));
  switch (def.kind) {
    case AttributeKind.SINGLE_CHOICE:
    case AttributeKind.AREA:
    case AttributeKind.MULTIPLE_CHOICE:
      return { attributeKey: def.key, optionKeys: list(value) };
    case AttributeKind.DATE:
    case AttributeKind.DATE_LIST:
      return { attributeKey: def.key, dates: list(value) };
    case AttributeKind.NUMBER:
      return { attributeKey: def.key, number: value as number | null };
    case AttributeKind.TEXT:
      return { attributeKey: def.key, text: value as string | null };
    case AttributeKind.YES_NO:
    case AttributeKind.CONSENT:
      return { attributeKey: def.key, flag: value as boolean | null };
  }
}

function changeActorOf(ctx: ServiceContext): ChangeActor {
  switch (ctx.actor.kind) {
    case 'staff':
      return { kind: 'staff', staffId: ctx.actor.staffId };
    case 'apiKey':
      return { kind: 'apiKey', name: ctx.actor.name };
    default:
      throw new Error('staff operations need a staff member or an API key');
  }
}

/**
 * A resident's attributes as staff see them on the resident page (RES-10) and as the resident
 * sees their own on the 受信設定 page (RES-08). Residents name no resident id: their session does.
 */
export class ResidentAttributeService {
  constructor(
    private readonly attributes: AttributeService,
    private readonly audit: AuditService,
    private readonly logger: Logger,
  ) {}

  async sheet(ctx: ServiceContext, residentId: string): Promise<Sheet> {
    requirePermission(ctx.actor, 'attributes.read');
    if (!UUID.test(residentId) || !(await ctx.em.findOne(Resident, { id: residentId }))) throw notFound('住民');
    const defs = await this.attributes.snapshots(ctx.em, { scoped: true });
    const values = await this.attributes.read(ctx.em, residentId, defs);
    const personal = hasPermission(ctx.actor, 'residents.read_personal');
    const byId = new Map(defs.map((d) => [d.id, d]));
    const changes = defs.length
      ? await ctx.em.find(
          ResidentAttributeChange,
          { residentId, attributeId: { $in: defs.map((d) => d.id) } },
          { orderBy: { changedAt: 'desc', id: 'asc' }, limit: HISTORY_LIMIT },
        )
      : [];
    const latest = new Map<number, ResidentAttributeChange>();
    for (const c of changes) if (!latest.has(c.attributeId)) latest.set(c.attributeId, c);
    const readable = (v: string | null) => (v === null ? null : (JSON.parse(v) as AttributeInputValue));
    return {
      residentId,
      entries: defs.map((def) => {
        const masked = def.personal && !personal;
        const value = values.get(def.key) ?? null;
        const last = latest.get(def.id);
        return {
          definitionId: def.id,
          value: masked || value === null ? null : toTyped(def, value),
          masked: masked && value !== null,
          updatedAt: last?.changedAt ?? null,
          updatedBy: last?.actorLabel ?? null,
        };
      }),
      history: changes.map((c) => {
        const def = byId.get(c.attributeId)!;
        const hidden = def.personal && !personal;
        return {
          id: c.id,
          attributeKey: def.key,
          attributeLabel: def.label,
          changedAt: c.changedAt,
          actorKind: c.actorKind,
          actorLabel: c.actorLabel,
          before: hidden ? '（非表示）' : displayValue(def, readable(c.oldValue)),
          after: hidden ? '（非表示）' : displayValue(def, readable(c.newValue)),
        };
      }),
    };
  }

  async set(ctx: ServiceContext, residentId: string, values: readonly TypedValue[]): Promise<Sheet> {
    requirePermission(ctx.actor, 'attributes.write');
    await inTransaction(
      ctx,
      async (tx) => {
        if (!UUID.test(residentId) || !(await tx.em.findOne(Resident, { id: residentId }))) throw notFound('住民');
        const defs = await this.attributes.snapshots(tx.em, { scoped: true, keys: values.map((v) => v.attributeKey) });
        const byKey = new Map(defs.map((d) => [d.key, d]));
        await this.attributes.write(
          tx.em,
          residentId,
          values.map((v) => ({ attributeKey: v.attributeKey, value: fromTyped(byKey.get(v.attributeKey), v) })),
          changeActorOf(tx),
        );
        await this.audit.record(tx, {
          action: 'attributes.setResidentValues',
          targetType: 'Resident',
          targetId: residentId,
          summary: { keys: values.map((v) => v.attributeKey.slice(0, 60)) },
        });
      },
      this.logger,
    );
    return this.sheet(ctx, residentId);
  }

  /** The signed-in resident's own editable attributes and values. */
  async mine(ctx: ServiceContext): Promise<MyAttributes> {
    authorize(ctx.actor, [RESIDENT]);
    if (ctx.actor.kind !== 'resident') throw notFound('住民');
    const defs = (await this.attributes.snapshots(ctx.em, { scoped: false })).filter((d) => !d.retired && d.residentEditable);
    const values = await this.attributes.read(ctx.em, ctx.actor.residentId, defs);
    return {
      fields: defs.map((def) => {
        const value = values.get(def.key) ?? null;
        const held = new Set(value === null ? [] : typeof value === 'string' ? [value] : Array.isArray(value) ? (value as string[]) : []);
        const byId = new Map(def.options.map((o) => [o.id, o]));
        return {
          key: def.key,
          label: def.label,
          kind: def.kind,
          helpText: def.helpText,
          numberMin: def.numberMin,
          numberMax: def.numberMax,
          numberInteger: def.numberInteger,
          // Retired options only where the resident still has one, so saving keeps it visibly.
          options: def.options
            .filter((o) => selectable(def, o) || held.has(o.key))
            .map((o) => ({
              key: o.key,
              label: o.label,
              parentKey: o.parentId ? (byId.get(o.parentId)?.key ?? null) : null,
              retired: !selectable(def, o),
            })),
        };
      }),
      values: defs.flatMap((def) => {
        const value = values.get(def.key) ?? null;
        return value === null ? [] : [toTyped(def, value)];
      }),
    };
  }

  async updateMine(ctx: ServiceContext, values: readonly TypedValue[]): Promise<MyAttributes> {
    authorize(ctx.actor, [RESIDENT]);
    if (ctx.actor.kind !== 'resident') throw notFound('住民');
    const residentId = ctx.actor.residentId;
    await inTransaction(
      ctx,
      async (tx) => {
        const defs = await this.attributes.snapshots(tx.em, { scoped: false, keys: values.map((v) => v.attributeKey) });
        const byKey = new Map(defs.map((d) => [d.key, d]));
        await this.attributes.write(
          tx.em,
          residentId,
          values.map((v) => ({ attributeKey: v.attributeKey, value: fromTyped(byKey.get(v.attributeKey), v) })),
          { kind: 'resident' },
        );
      },
      this.logger,
    );
    return this.mine(ctx);
  }
}
