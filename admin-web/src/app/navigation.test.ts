import { describe, expect, it } from 'vitest';
import { activeNavKey, visibleNavItems } from './navigation';
import { PERMISSION_KEYS } from '../shared/lib/permissions';

describe('visibleNavItems', () => {
  it('shows only home and account to staff without admin permissions', () => {
    expect(visibleNavItems([]).map((i) => i.key)).toEqual(['home', 'account']);
  });

  it('adds each page its read permission unlocks', () => {
    expect(visibleNavItems(['staff.read', 'audit.read', 'audit.export']).map((i) => i.key)).toEqual(['home', 'staff', 'audit', 'account']);
  });

  it('does not open a page for a write permission alone', () => {
    expect(visibleNavItems(['departments.write']).map((i) => i.key)).not.toContain('departments');
  });

  it('shows everything to a holder of every permission', () => {
    expect(visibleNavItems(PERMISSION_KEYS)).toHaveLength(10);
  });
});

describe('activeNavKey', () => {
  it('picks the longest matching path', () => {
    expect(activeNavKey('/')).toBe('home');
    expect(activeNavKey('/staff')).toBe('staff');
    expect(activeNavKey('/staff/123')).toBe('staff');
    expect(activeNavKey('/staffing')).toBeNull();
    expect(activeNavKey('/residents/abc')).toBe('residents');
    expect(activeNavKey('/channels/abc')).toBe('channels');
  });
});
