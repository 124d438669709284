import { describe, expect, it } from 'vitest';
import { featureLabelsOf, groupPermissions, hasPermission, replaceGroupSelection } from './permissions';

const catalogue = [
  { key: 'staff.read', label: '閲覧', featureLabel: '職員' },
  { key: 'departments.read', label: '閲覧', featureLabel: '部署' },
  { key: 'staff.write', label: '編集', featureLabel: '職員' },
];

describe('hasPermission', () => {
  it('needs one of the listed keys', () => {
    expect(hasPermission(['staff.read'], 'staff.read')).toBe(true);
    expect(hasPermission(['staff.read'], 'staff.write')).toBe(false);
    expect(hasPermission(['audit.read'], ['staff.read', 'audit.read'])).toBe(true);
    expect(hasPermission([], undefined)).toBe(true);
  });
});

describe('groupPermissions', () => {
  it('groups by feature label in catalogue order', () => {
    expect(groupPermissions(catalogue).map((g) => [g.featureLabel, g.permissions.map((p) => p.key)])).toEqual([
      ['職員', ['staff.read', 'staff.write']],
      ['部署', ['departments.read']],
    ]);
  });
});

describe('replaceGroupSelection', () => {
  it('changes only the keys of the group', () => {
    expect(
      replaceGroupSelection(['departments.read', 'staff.read', 'unknown.key'], ['staff.read', 'staff.write'], ['staff.write']),
    ).toEqual(['departments.read', 'unknown.key', 'staff.write']);
  });
});

describe('featureLabelsOf', () => {
  it('lists each touched feature once', () => {
    expect(featureLabelsOf(['staff.write', 'staff.read', 'departments.read'], catalogue)).toEqual(['職員', '部署']);
  });
});
