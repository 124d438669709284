import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { ExposesSelf } from '../../platform/auth/access.js';
import { connectionType } from '../../platform/graphql/connection.js';
import { ApiKey } from './api-key.entity.js';
import { Department } from './department.entity.js';
import { IpAllowlistEntry } from './ip-allowlist-entry.entity.js';
import { Role } from './role.entity.js';
import { StaffUser } from './staff-user.entity.js';

export const DepartmentConnection = connectionType('Department', Department);
export const RoleConnection = connectionType('Role', Role);
export const StaffUserConnection = connectionType('StaffUser', StaffUser);
export const ApiKeyConnection = connectionType('ApiKey', ApiKey);

@ObjectType({ description: 'One entry of the permission catalogue, key is <feature>.<action>' })
export class Permission {
  @Field(() => String) key!: string;
  @Field(() => String) feature!: string;
  @Field(() => String) action!: string;
  @Field(() => String, { description: 'Japanese label' }) label!: string;
  @Field(() => String, { description: 'Japanese label of the feature group' }) featureLabel!: string;
}

@ObjectType({ description: 'The signed-in staff member' })
export class Viewer {
  @Field(() => StaffUser) @ExposesSelf() staff!: StaffUser;
  @Field(() => [String]) permissions!: string[];
  @Field(() => Boolean) isSystemAdmin!: boolean;
  @Field(() => Boolean, {
    description: 'a role requires TOTP and the staff member has not enrolled yet: only enrolment, viewer and logout work',
  })
  totpEnrolmentRequired!: boolean;
  @Field(() => Boolean) mustChangePassword!: boolean;
  @Field(() => String, { description: 'the IP address the server sees for this request' }) ip!: string;
}

export enum LoginStatus {
  SUCCESS = 'SUCCESS',
  TOTP_REQUIRED = 'TOTP_REQUIRED',
}
registerEnumType(LoginStatus, { name: 'LoginStatus' });

@ObjectType()
export class LoginPayload {
  @Field(() => LoginStatus) status!: LoginStatus;
  @Field(() => String, { nullable: true, description: 'present with TOTP_REQUIRED; pass it to verifyLoginTotp within 5 minutes' })
  challengeToken?: string | null;
  @Field(() => Viewer, { nullable: true }) viewer?: Viewer | null;
}

@ObjectType()
export class TotpEnrolment {
  @Field(() => String) secret!: string;
  @Field(() => String) otpauthUri!: string;
}

@ObjectType()
export class CreateApiKeyPayload {
  @Field(() => ApiKey) apiKey!: ApiKey;
  @Field(() => String, { description: 'shown once' }) secret!: string;
}

@ObjectType()
export class DepartmentPayload {
  @Field(() => Department) department!: Department;
}
@ObjectType()
export class RolePayload {
  @Field(() => Role) role!: Role;
}
@ObjectType()
export class StaffUserPayload {
  @Field(() => StaffUser) staffUser!: StaffUser;
}
@ObjectType()
export class ApiKeyPayload {
  @Field(() => ApiKey) apiKey!: ApiKey;
}
@ObjectType()
export class IpAllowlistEntryPayload {
  @Field(() => IpAllowlistEntry) entry!: IpAllowlistEntry;
}
@ObjectType()
export class DeletePayload {
  @Field(() => ID) deletedId!: string;
}
@ObjectType()
export class ViewerPayload {
  @Field(() => Viewer) viewer!: Viewer;
}
