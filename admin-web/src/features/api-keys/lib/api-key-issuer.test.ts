import { describe, expect, it } from 'vitest';
import { hasPermission } from '../../../shared/lib/permissions';
import { activeKeysIssuedUnder, apiKeyFieldsVariables, apiKeyIssuer } from './api-key-issuer';

const key = (id: string, parent: string | null, revokedAt: string | null = null) => ({
  id,
  revokedAt,
  createdBy: null,
  createdByKey: parent ? { id: parent, name: `key ${parent}` } : null,
});

describe('apiKeyFieldsVariables', () => {
  it('asks for the department and the issuing staff member only with their read permissions', () => {
    expect(apiKeyFieldsVariables((p) => hasPermission(['apikeys.read'], p))).toEqual({ withDepartment: false, withCreatedBy: false });
    expect(apiKeyFieldsVariables((p) => hasPermission(['apikeys.read', 'staff.read', 'departments.read'], p))).toEqual({
      withDepartment: true,
      withCreatedBy: true,
    });
  });
});

describe('apiKeyIssuer', () => {
  it('names the issuing key, or else the issuing staff member', () => {
    expect(apiKeyIssuer({ createdBy: null, createdByKey: { id: 'k1', name: '基幹連携' } })).toEqual({ kind: 'apiKey', name: '基幹連携' });
    expect(apiKeyIssuer({ createdBy: { displayName: '山田 太郎' }, createdByKey: null })).toEqual({ kind: 'staff', name: '山田 太郎' });
  });

  it('knows no issuer when the staff member is not visible to the viewer', () => {
    expect(apiKeyIssuer({ createdByKey: null })).toBeNull();
  });
});

describe('activeKeysIssuedUnder', () => {
  it('finds the keys issued by a key and by those keys, still in force', () => {
    const keys = [key('a', null), key('b', 'a'), key('c', 'b'), key('d', 'a', '2026-01-01T00:00:00Z'), key('e', null)];
    expect(activeKeysIssuedUnder(keys, 'a').map((k) => k.id)).toEqual(['b', 'c']);
    expect(activeKeysIssuedUnder(keys, 'e')).toEqual([]);
  });
});
