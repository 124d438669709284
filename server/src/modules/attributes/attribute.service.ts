import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { keyring } from '../../platform/crypto/keyring.js';
import { DEPARTMENT_SCOPE } from '../../platform/db/department-scope.js';
import { unscopedSql } from '../../platform/db/scoped-sql.js';
import { badInput, notFound } from '../../platform/errors/app-error.js';
import { AttributeDefinition } from './attribute-definition.entity.js';
import { AttributeKind, KIND_NAMES, type AttributeKindName } from './attribute-kind.js';
import {
  optionIdsOf,
  sameValue,
  selectable,
  storageOf,
  validateValue,
  valueFromOptionIds,
  type AttributeInputValue,
  type DefinitionSnapshot,
} from './attribute-values.js';
import { AttributeChangeActor } from './resident-attribute-tables.entity.js';

export type { AttributeInputValue } from './attribute-values.js';

/** Who makes a change, as the forms module and the resident page name it. */
export type AttributeActor = { kind: 'staff'; staffId: string } | { kind: 'resident' } | { kind: 'form'; submissionId: string };

/** API keys set values through the staff GraphQL operations too; they have no staff id. */
export type ChangeActor = AttributeActor | { kind: 'apiKey'; name: string };

export interface AttributeValueInput {
  readonly attributeKey: string;
  readonly value: AttributeInputValue;
}

export interface ApplyValuesInput {
  readonly residentId: string;
  readonly values: ReadonlyArray<AttributeValueInput>;
  readonly actor: AttributeActor;
}

/** An active definition for the form builder's binding picker. */
export interface AttributeDefinitionView {
  readonly key: string;
  readonly label: string;
  /** singleChoice, multipleChoice, area, date, dateList, number, text, yesNo or consent. */
  readonly kind: AttributeKindName;
  readonly helpText: string | null;
  readonly personal: boolean;
  readonly options: ReadonlyArray<{ key: string; label: string; parentKey: string | null }>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Resident attribute rows belong to no department; who may touch them is decided before this point. */
const RESIDENT_ROWS = 'resident attribute rows belong to no department; the caller checked who may act on this resident';

interface DocRow {
  options: number[];
  attribute_ids: number[];
  numbers: Record<string, number>;
  texts: string | null;
}

/** Snapshots of definitions with every option (retired ones too), in display order. */
export function snapshotOf(def: AttributeDefinition): DefinitionSnapshot {
  const options = [...def.options.getItems()].sort((a, b) => a.position - b.position || a.id - b.id);
  return {
    id: def.id,
    key: def.key,
    label: def.label,
    kind: def.kind,
    helpText: def.helpText,
    personal: def.personal,
    retired: def.retiredAt !== null,
    residentEditable: def.residentEditable,
    numberMin: def.numberMin,
    numberMax: def.numberMax,
    numberInteger: def.numberInteger,
    options: options.map((o) => ({ id: o.id, key: o.key, label: o.label, parentId: o.parent?.id ?? null, retired: o.retiredAt !== null })),
  };
}

const intArray = (ids: Iterable<number>) => `{${[...new Set(ids)].sort((a, b) => a - b).join(',')}}`;

/**
 * Residents' attribute values: validated per kind, stored per ADR 0012 (option ids in an int[],
 * dates in the side table, numbers in JSONB, texts and personal values encrypted), every change
 * recorded with who made it, in the caller's transaction. The forms module calls `applyValues`,
 * `valuesOf` and `definitions`; the staff and resident GraphQL operations go through here too.
 */
export class AttributeService {
  /**
   * Within the caller's transaction (em): validates all, writes all or throws BAD_USER_INPUT with
   * per-attribute messages; records history with `source`. Staff see the definitions their
   * department may (the em's scope); a resident or a form submission reaches every definition,
   * since the form that binds one was built by staff allowed to.
   */
  async applyValues(em: EntityManager, input: ApplyValuesInput): Promise<void> {
    await this.write(em, input.residentId, input.values, input.actor);
  }

  /** Current values by attribute key, in the same AttributeInputValue shape (for prefilling forms). */
  async valuesOf(em: EntityManager, residentId: string): Promise<Record<string, AttributeInputValue>> {
    if (!UUID.test(residentId)) return {};
    const defs = await this.snapshots(em, { scoped: false });
    const decoded = await this.read(em, residentId, defs);
    const out: Record<string, AttributeInputValue> = {};
    for (const [key, value] of decoded) if (value !== null) out[key] = value;
    return out;
  }

  /** Active definitions with their active options, for the form builder's binding picker (the em's department scope). */
  async definitions(em: EntityManager): Promise<AttributeDefinitionView[]> {
    const defs = await this.snapshots(em, { scoped: true });
    return defs
      .filter((d) => !d.retired)
      .map((d) => {
        const byId = new Map(d.options.map((o) => [o.id, o]));
        return {
          key: d.key,
          label: d.label,
          kind: KIND_NAMES[d.kind],
          helpText: d.helpText,
          personal: d.personal,
          options: d.options
            .filter((o) => selectable(d, o))
            .map((o) => ({ key: o.key, label: o.label, parentKey: o.parentId ? (byId.get(o.parentId)?.key ?? null) : null })),
        };
      });
  }

  /** Definitions (all, or those with these keys) as snapshots; `scoped` applies the em's department scope. */
  async snapshots(em: EntityManager, options: { scoped: boolean; keys?: readonly string[] }): Promise<DefinitionSnapshot[]> {
    const defs = await em.find(AttributeDefinition, options.keys ? { key: { $in: [...options.keys] } } : {}, {
      populate: ['options'],
      orderBy: { position: 'asc', id: 'asc' },
      ...(options.scoped ? {} : { filters: { [DEPARTMENT_SCOPE]: false } }),
    });
    return defs.map(snapshotOf);
  }

  /** The values a resident has for these definitions (null where unset). */
  async read(em: EntityManager, residentId: string, defs: readonly DefinitionSnapshot[]): Promise<Map<string, AttributeInputValue>> {
    const rows = await unscopedSql<DocRow>(
      em,
      RESIDENT_ROWS,
      'select options, attribute_ids, numbers, texts from resident_attribute_doc where resident_id = ?',
      [residentId],
    );
    return this.decode(em, residentId, defs, rows[0] ?? null);
  }

  private async decode(
    em: EntityManager,
    residentId: string,
    defs: readonly DefinitionSnapshot[],
    row: DocRow | null,
  ): Promise<Map<string, AttributeInputValue>> {
    const out = new Map<string, AttributeInputValue>();
    const options = new Set(row?.options ?? []);
    const sealed = row?.texts ? (JSON.parse(keyring().decrypt(row.texts)) as Record<string, AttributeInputValue>) : {};
    const dateDefs = defs.filter((d) => storageOf(d) === 'dates' && row?.attribute_ids.includes(d.id));
    const dates = new Map<number, string[]>();
    if (dateDefs.length) {
      const dateRows = await unscopedSql<{ attribute_id: number; value: string }>(
        em,
        RESIDENT_ROWS,
        `select attribute_id, value::text as value from resident_attribute_date
          where resident_id = ? and attribute_id = any(?::int[]) order by attribute_id, value, position`,
        [residentId, intArray(dateDefs.map((d) => d.id))],
      );
      for (const r of dateRows) dates.set(r.attribute_id, [...(dates.get(r.attribute_id) ?? []), r.value]);
    }
    for (const def of defs) {
      let value: AttributeInputValue = null;
      switch (storageOf(def)) {
        case 'options':
          value = valueFromOptionIds(def, options);
          break;
        case 'dates': {
          const list = dates.get(def.id) ?? [];
          value = def.kind === AttributeKind.DATE ? (list[0] ?? null) : list.length ? list : null;
          break;
        }
        case 'numbers':
          value = row?.numbers[String(def.id)] ?? null;
          break;
        case 'sealed':
          value = sealed[String(def.id)] ?? null;
          break;
      }
      out.set(def.key, value);
    }
    return out;
  }

  /** The one writer of resident values (see applyValues). */
  async write(em: EntityManager, residentId: string, values: ReadonlyArray<AttributeValueInput>, actor: ChangeActor): Promise<void> {
    if (!UUID.test(residentId)) throw notFound('住民');
    const errors: Record<string, string> = {};
    const seen = new Set<string>();
    for (const v of values) {
      if (seen.has(v.attributeKey)) errors[v.attributeKey.slice(0, 60)] = '同じ項目が2回指定されています。';
      seen.add(v.attributeKey);
    }
    const defs = await this.snapshots(em, { scoped: actor.kind === 'staff' || actor.kind === 'apiKey', keys: [...seen] });
    const byKey = new Map(defs.map((d) => [d.key, d]));
    for (const v of values) {
      const def = byKey.get(v.attributeKey);
      // A resident cannot tell a staff-only attribute from a missing one.
      if (!def || (actor.kind === 'resident' && !def.residentEditable)) {
        errors[v.attributeKey.slice(0, 60)] = `「${v.attributeKey.slice(0, 60)}」という項目はありません。`;
      } else if (def.retired) errors[def.key] = `「${def.label}」は現在受け付けていません。`;
    }
    if (Object.keys(errors).length) throw badInput(errors);
    if (values.length === 0) return;

    const row = await this.lock(em, residentId);
    const touched = values.map((v) => byKey.get(v.attributeKey)!);
    const current = await this.decode(em, residentId, touched, row);
    const changes: Array<{ def: DefinitionSnapshot; before: AttributeInputValue; after: AttributeInputValue }> = [];
    for (const v of values) {
      const def = byKey.get(v.attributeKey)!;
      const before = current.get(def.key) ?? null;
      const checked = validateValue(def, v.value, before, { consentBySomeoneElse: actor.kind === 'staff' || actor.kind === 'apiKey' });
      if (!checked.ok) errors[def.key] = checked.message;
      else if (!sameValue(checked.value, before)) changes.push({ def, before, after: checked.value });
    }
    if (Object.keys(errors).length) throw badInput(errors);
    if (changes.length === 0) return;

    const options = new Set(row.options);
    const attributeIds = new Set(row.attribute_ids);
    const numbers = { ...row.numbers };
    const sealed = row.texts ? (JSON.parse(keyring().decrypt(row.texts)) as Record<string, AttributeInputValue>) : {};
    const dateDefs: number[] = [];
    const dateRows: Array<{ attributeId: number; position: number; value: string }> = [];
    for (const { def, after } of changes) {
      if (after === null) attributeIds.delete(def.id);
      else attributeIds.add(def.id);
      switch (storageOf(def)) {
        case 'options':
          for (const o of def.options) options.delete(o.id);
          for (const id of optionIdsOf(def, after)) options.add(id);
          break;
        case 'dates':
          dateDefs.push(def.id);
          (after === null ? [] : typeof after === 'string' ? [after] : (after as string[])).forEach((value, position) =>
            dateRows.push({ attributeId: def.id, position, value }),
          );
          break;
        case 'numbers':
          if (after === null) delete numbers[String(def.id)];
          else numbers[String(def.id)] = after as number;
          break;
        case 'sealed':
          if (after === null) delete sealed[String(def.id)];
          else sealed[String(def.id)] = after;
          break;
      }
    }
    await unscopedSql(
      em,
      RESIDENT_ROWS,
      `update resident_attribute_doc set options = ?::int[], attribute_ids = ?::int[], numbers = ?::jsonb, texts = ?, updated_at = now()
        where resident_id = ?`,
      [
        intArray(options),
        intArray(attributeIds),
        JSON.stringify(numbers),
        Object.keys(sealed).length ? keyring().encrypt(JSON.stringify(sealed)) : null,
        residentId,
      ],
    );
    if (dateDefs.length) {
      await unscopedSql(em, RESIDENT_ROWS, 'delete from resident_attribute_date where resident_id = ? and attribute_id = any(?::int[])', [
        residentId,
        intArray(dateDefs),
      ]);
    }
    if (dateRows.length) {
      await unscopedSql(
        em,
        RESIDENT_ROWS,
        `insert into resident_attribute_date (resident_id, attribute_id, position, value)
          select ?::uuid, x.a, x.p, x.v from unnest(?::int[], ?::smallint[], ?::date[]) as x(a, p, v)`,
        [
          residentId,
          `{${dateRows.map((r) => r.attributeId).join(',')}}`,
          `{${dateRows.map((r) => r.position).join(',')}}`,
          `{${dateRows.map((r) => r.value).join(',')}}`,
        ],
      );
    }
    await this.recordHistory(em, residentId, changes, actor);
  }

  /** The resident's document, created empty on first write and locked for this transaction. */
  private async lock(em: EntityManager, residentId: string): Promise<DocRow> {
    await unscopedSql(
      em,
      RESIDENT_ROWS,
      `insert into resident_attribute_doc (resident_id, channel_id) select id, channel_id from resident where id = ?
        on conflict (resident_id) do nothing`,
      [residentId],
    );
    const rows = await unscopedSql<DocRow>(
      em,
      RESIDENT_ROWS,
      'select options, attribute_ids, numbers, texts from resident_attribute_doc where resident_id = ? for update',
      [residentId],
    );
    if (!rows[0]) throw notFound('住民');
    return rows[0];
  }

  private async recordHistory(
    em: EntityManager,
    residentId: string,
    changes: ReadonlyArray<{ def: DefinitionSnapshot; before: AttributeInputValue; after: AttributeInputValue }>,
    actor: ChangeActor,
  ): Promise<void> {
    let label: string;
    let kind: AttributeChangeActor;
    switch (actor.kind) {
      case 'staff': {
        const staff = await unscopedSql<{ login_id: string }>(
          em,
          'the history names whoever made the change, whatever their department',
          'select login_id from staff_user where id = ?',
          [actor.staffId],
        );
        label = staff[0]?.login_id ?? '職員';
        kind = AttributeChangeActor.STAFF;
        break;
      }
      case 'apiKey':
        label = `apikey:${actor.name}`.slice(0, 200);
        kind = AttributeChangeActor.STAFF;
        break;
      case 'resident':
        label = '住民本人';
        kind = AttributeChangeActor.RESIDENT;
        break;
      case 'form':
        label = 'フォーム回答';
        kind = AttributeChangeActor.FORM;
        break;
    }
    const staffId = actor.kind === 'staff' && UUID.test(actor.staffId) ? actor.staffId : null;
    const submissionId = actor.kind === 'form' && UUID.test(actor.submissionId) ? actor.submissionId : null;
    const params: unknown[] = [];
    const seal = (v: AttributeInputValue) => (v === null ? null : keyring().encrypt(JSON.stringify(v)));
    for (const c of changes)
      params.push(randomUUID(), residentId, c.def.id, kind, staffId, submissionId, label, seal(c.before), seal(c.after));
    await unscopedSql(
      em,
      RESIDENT_ROWS,
      `insert into resident_attribute_change
        (id, resident_id, attribute_id, actor_kind, staff_id, form_submission_id, actor_label, old_value, new_value)
        values ${changes.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      params,
    );
  }
}
