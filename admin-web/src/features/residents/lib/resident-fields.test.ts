import { describe, expect, it } from 'vitest';
import { hasPermission } from '../../../shared/lib/permissions';
import type { PermissionRequirement } from '../../../shared/lib/permissions';
import { residentFieldsVariables } from './resident-fields';

const holding =
  (...granted: string[]) =>
  (required: PermissionRequirement) =>
    hasPermission(granted, required);

describe('residentFieldsVariables', () => {
  it('asks for the channel only with channels.read', () => {
    expect(residentFieldsVariables(holding('residents.read'))).toEqual({ withPersonal: false, withChannel: false });
    expect(residentFieldsVariables(holding('residents.read', 'channels.read'))).toEqual({ withPersonal: false, withChannel: true });
    expect(residentFieldsVariables(holding('residents.read_personal'))).toEqual({ withPersonal: true, withChannel: false });
  });
});
