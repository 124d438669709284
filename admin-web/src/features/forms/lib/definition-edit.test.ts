import { checkDefinition } from '@machi/form-engine';
import type { FormDefinition } from '@machi/form-engine';
import { describe, expect, it } from 'vitest';
import { surveyDefinition } from '../test-support/fixtures';
import { fromEditable, operatorsFor, toEditable } from './conditions';
import {
  addField,
  addPage,
  canMoveField,
  dependentsOf,
  earlierFields,
  groupProblems,
  moveField,
  newField,
  removePage,
  updateField,
} from './definition-edit';

const ids = (definition: FormDefinition) => definition.pages.map((p) => p.fields.map((f) => f.id));

describe('builder edits', () => {
  it('adds every palette type as a field the engine accepts, with unused ids', () => {
    let definition: FormDefinition = { schemaVersion: 1, pages: [{ id: 'p_1', fields: [] }] };
    for (const type of ['text', 'singleChoice', 'multipleChoice', 'consent', 'paragraph', 'file', 'yesNo'] as const) {
      definition = addField(
        definition,
        'p_1',
        newField(type, definition, '質問', (n) => `選択肢${n}`),
      );
    }
    expect(checkDefinition(definition).ok).toBe(true);
    const all = definition.pages.flatMap((p) => p.fields.flatMap((f) => [f.id, ...('options' in f ? f.options.map((o) => o.id) : [])]));
    expect(new Set(all).size).toBe(all.length);
  });

  it('moves a field within its page and across page boundaries, and knows where it cannot go', () => {
    const down = moveField(surveyDefinition, 'f_5', 1);
    expect(ids(down)).toEqual([
      ['f_1', 'f_2', 'f_3', 'f_4'],
      ['f_5', 'f_6', 'f_7', 'f_8'],
    ]);
    expect(ids(moveField(down, 'f_5', -1))).toEqual(ids(surveyDefinition));
    expect(ids(moveField(surveyDefinition, 'f_2', -1))[0]?.slice(0, 2)).toEqual(['f_2', 'f_1']);
    expect(canMoveField(surveyDefinition, 'f_1', -1)).toBe(false);
    expect(canMoveField(surveyDefinition, 'f_8', 1)).toBe(false);
  });

  it('drops keys set to undefined, which the engine would refuse', () => {
    const next = updateField(surveyDefinition, 'f_5', (f) => ({ ...f, personal: undefined, help: undefined }));
    const field = next.pages[0]?.fields.find((f) => f.id === 'f_5');
    expect(field && 'personal' in field).toBe(false);
  });

  it('offers conditions only earlier answerable fields, staff-only ones only to staff-only fields', () => {
    expect(earlierFields(surveyDefinition, { fieldId: 'f_4' }).map((f) => f.id)).toEqual(['f_2', 'f_3']);
    expect(earlierFields(surveyDefinition, { pageId: 'p_2' }).map((f) => f.id)).toEqual(['f_2', 'f_3', 'f_4', 'f_5']);
    const withNote = updateField(surveyDefinition, 'f_7', (f) => ({ ...f, adminOnly: true }));
    expect(earlierFields(withNote, { fieldId: 'f_8' }).map((f) => f.id)).toContain('f_7');
    expect(earlierFields(withNote, { fieldId: 'f_6' }).map((f) => f.id)).not.toContain('f_7');
  });

  it('keeps at least one page and names what depends on a field', () => {
    const one: FormDefinition = { schemaVersion: 1, pages: [{ id: 'p_1', fields: [] }] };
    expect(removePage(one, 'p_1')).toBe(one);
    expect(addPage(one).definition.pages).toHaveLength(2);
    expect(dependentsOf(surveyDefinition, 'f_2')).toEqual(['ご意見']);
    expect(dependentsOf(surveyDefinition, 'f_3')).toEqual(['お子さんの年齢']);
  });

  it('places each engine problem at its field or page', () => {
    const broken: FormDefinition = {
      schemaVersion: 1,
      pages: [
        { id: 'p_1', fields: [{ id: 'f_1', type: 'singleChoice', label: '地区', display: 'radio', options: [] }] },
        { id: 'p_2', fields: [] },
      ],
    };
    const result = checkDefinition(broken);
    expect(result.ok).toBe(false);
    const grouped = groupProblems(broken, result.ok ? [] : result.problems);
    expect(grouped.fields.get('f_1')?.map((p) => p.message)).toContain('選択肢を1つ以上作ってください');
    expect(grouped.pages.get('p_2')?.map((p) => p.message)).toContain('各ページに項目を1つ以上置いてください');
  });
});

describe('the condition editor model', () => {
  it('round-trips a rule, an all group and an any group, and keeps other shapes untouched', () => {
    const rule = { field: 'f_2', op: 'equals' as const, value: 'o_1' };
    expect(fromEditable(toEditable(rule))).toEqual(rule);
    const any = { any: [rule, { field: 'f_3', op: 'answered' as const }] };
    expect(fromEditable(toEditable(any))).toEqual(any);
    const not = { not: rule };
    expect(toEditable(not).kind).toBe('other');
    expect(fromEditable(toEditable(not))).toBe(not);
    expect(fromEditable({ kind: 'group', mode: 'all', rules: [] })).toBeUndefined();
  });

  it('offers the operators the engine accepts for each type', () => {
    expect(operatorsFor('multipleChoice')).toContain('includes');
    expect(operatorsFor('singleChoice')).not.toContain('includes');
    expect(operatorsFor('number')).toContain('gte');
    expect(operatorsFor('file')).toEqual(['answered', 'notAnswered']);
  });
});
