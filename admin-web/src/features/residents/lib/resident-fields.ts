import type { Can } from '../../../shared/lib/permissions';

/**
 * The `@include` variables of ResidentFields: the name and picture are personal, and the channel
 * is another feature's object, which the server answers with FORBIDDEN without channels.read.
 */
export interface ResidentFieldsVariables {
  withPersonal: boolean;
  withChannel: boolean;
}

export function residentFieldsVariables(can: Can): ResidentFieldsVariables {
  return { withPersonal: can('residents.read_personal'), withChannel: can('channels.read') };
}
