import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../platform/context/context.js';
import { Public, RequirePermission, SignedIn, StaffOnly } from '../../platform/auth/access.js';
import type { Actor, StaffActor } from '../../platform/context/actor.js';
import { ConnectionArgs, toConnection, type ConnectionShape } from '../../platform/graphql/connection.js';
import { notFound } from '../../platform/errors/app-error.js';
import type { IdentityServices } from './identity.module.js';
import { ApiKey } from './api-key.entity.js';
import { STAFF_SESSION_COOKIE, type LoginResult } from './auth.service.js';
import { Department } from './department.entity.js';
import { IpAllowlistEntry } from './ip-allowlist-entry.entity.js';
import { permissionCatalogue } from '../../platform/auth/permissions.js';
import { Role } from './role.entity.js';
import { StaffUser } from './staff-user.entity.js';
import {
  AddIpAllowlistEntryInput,
  ChangePasswordInput,
  ConfirmTotpEnrolmentInput,
  CreateApiKeyInput,
  CreateDepartmentInput,
  CreateRoleInput,
  CreateStaffUserInput,
  DisableTotpInput,
  LoginInput,
  ResetStaffPasswordInput,
  StaffUserFilter,
  UpdateDepartmentInput,
  UpdateRoleInput,
  UpdateStaffUserInput,
  VerifyLoginTotpInput,
} from './identity.inputs.js';
import {
  ApiKeyConnection,
  ApiKeyPayload,
  CreateApiKeyPayload,
  DeletePayload,
  DepartmentConnection,
  DepartmentPayload,
  IpAllowlistEntryPayload,
  LoginPayload,
  LoginStatus,
  Permission,
  RoleConnection,
  RolePayload,
  StaffUserConnection,
  StaffUserPayload,
  TotpEnrolment,
  Viewer,
  ViewerPayload,
} from './identity.types.js';

/**
 * Staff records handed out as someone's own account (the viewer, also right after signing in,
 * when the request itself is still anonymous): their department and roles need no permission.
 */
const ownRecords = new WeakSet<StaffUser>();
const isOwnRecord = (root: unknown, actor: Actor) =>
  ownRecords.has(root as StaffUser) || (actor.kind === 'staff' && (root as StaffUser).id === actor.staffId);

/** Sign-in, the signed-in staff member, and their own security settings. */
@Resolver()
export class SessionResolver {
  constructor(private readonly services: IdentityServices) {}

  private async viewerFor(ctx: GraphQLContext, actor: StaffActor): Promise<Viewer> {
    const staff = await this.services.staff.self(ctx, actor.staffId);
    ownRecords.add(staff);
    return {
      staff,
      permissions: actor.isSystemAdmin ? permissionCatalogue().map((p) => p.key) : [...actor.permissions].sort(),
      isSystemAdmin: actor.isSystemAdmin,
      totpEnrolmentRequired: actor.totpEnrolmentRequired,
      mustChangePassword: actor.mustChangePassword,
      ip: ctx.meta.ip ?? '',
    };
  }

  private async completeLogin(ctx: GraphQLContext, result: LoginResult): Promise<LoginPayload> {
    if (result.status === 'TOTP_REQUIRED') return { status: LoginStatus.TOTP_REQUIRED, challengeToken: result.challengeToken };
    ctx.cookies.set(STAFF_SESSION_COOKIE, result.sessionToken, { maxAgeSeconds: result.maxAgeSeconds });
    const actor = await this.services.auth.authenticateSession(result.sessionToken);
    return { status: LoginStatus.SUCCESS, viewer: actor ? await this.viewerFor(ctx, actor) : null };
  }

  @Query(() => Viewer, { nullable: true, description: 'null when not signed in' })
  @Public('who am I: null unless a staff session')
  async viewer(@Ctx() ctx: GraphQLContext): Promise<Viewer | null> {
    return ctx.actor.kind === 'staff' ? this.viewerFor(ctx, ctx.actor) : null;
  }

  @Query(() => [Permission])
  @SignedIn()
  permissionCatalogue(): Permission[] {
    return permissionCatalogue().map((p) => {
      const [feature = '', action = ''] = p.key.split('.');
      return { ...p, feature, action };
    });
  }

  @Mutation(() => LoginPayload)
  @Public('sign-in')
  async login(@Arg('input', () => LoginInput) input: LoginInput, @Ctx() ctx: GraphQLContext): Promise<LoginPayload> {
    return this.completeLogin(ctx, await this.services.auth.login(ctx, input.loginId, input.password));
  }

  @Mutation(() => LoginPayload)
  @Public('second step of sign-in, with the challenge token of the first')
  async verifyLoginTotp(
    @Arg('input', () => VerifyLoginTotpInput) input: VerifyLoginTotpInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<LoginPayload> {
    return this.completeLogin(ctx, await this.services.auth.verifyLoginTotp(ctx, input.challengeToken, input.code));
  }

  @Mutation(() => Boolean)
  @Public('ends the current staff session, if any')
  async logout(@Ctx() ctx: GraphQLContext): Promise<boolean> {
    await this.services.auth.logout(ctx);
    ctx.cookies.clear(STAFF_SESSION_COOKIE);
    return true;
  }

  @Mutation(() => ViewerPayload)
  @StaffOnly()
  async changePassword(
    @Arg('input', () => ChangePasswordInput) input: ChangePasswordInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ViewerPayload> {
    await this.services.auth.changePassword(ctx, input.currentPassword, input.newPassword);
    return { viewer: await this.viewerFor(ctx, { ...(ctx.actor as StaffActor), mustChangePassword: false }) };
  }

  @Mutation(() => TotpEnrolment)
  @StaffOnly()
  startTotpEnrolment(@Ctx() ctx: GraphQLContext): Promise<TotpEnrolment> {
    return this.services.auth.startTotpEnrolment(ctx);
  }

  @Mutation(() => ViewerPayload)
  @StaffOnly()
  async confirmTotpEnrolment(
    @Arg('input', () => ConfirmTotpEnrolmentInput) input: ConfirmTotpEnrolmentInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ViewerPayload> {
    await this.services.auth.confirmTotpEnrolment(ctx, input.code);
    return { viewer: await this.viewerFor(ctx, { ...(ctx.actor as StaffActor), totpEnrolmentRequired: false }) };
  }

  @Mutation(() => ViewerPayload)
  @StaffOnly()
  async disableTotp(@Arg('input', () => DisableTotpInput) input: DisableTotpInput, @Ctx() ctx: GraphQLContext): Promise<ViewerPayload> {
    await this.services.auth.disableTotp(ctx, input.password);
    return { viewer: await this.viewerFor(ctx, ctx.actor as StaffActor) };
  }
}

@Resolver(() => Department)
export class DepartmentResolver {
  constructor(private readonly services: IdentityServices) {}

  @Query(() => DepartmentConnection)
  @RequirePermission('departments.read')
  async departments(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: GraphQLContext): Promise<ConnectionShape<Department>> {
    return toConnection(await this.services.departments.list(ctx, args));
  }

  @Query(() => Department, { description: 'NOT_FOUND when it does not exist' })
  @RequirePermission('departments.read')
  async department(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<Department> {
    return (await this.services.departments.get(ctx, id)) ?? Promise.reject(notFound('部署'));
  }

  @FieldResolver(() => Int, { nullable: true, description: "active staff; null for a department outside the caller's scope" })
  staffCount(@Root() dept: Department, @Ctx() ctx: GraphQLContext): Promise<number | null> {
    return ctx.loaders
      .custom<string, number | null>('department.staffCount', (ids) => this.services.departments.staffCounts(ctx, ids))
      .load(dept.id);
  }

  @Mutation(() => DepartmentPayload)
  @RequirePermission('departments.write')
  async createDepartment(
    @Arg('input', () => CreateDepartmentInput) input: CreateDepartmentInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<DepartmentPayload> {
    return { department: await this.services.departments.create(ctx, input) };
  }

  @Mutation(() => DepartmentPayload)
  @RequirePermission('departments.write')
  async updateDepartment(
    @Arg('input', () => UpdateDepartmentInput) input: UpdateDepartmentInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<DepartmentPayload> {
    return { department: await this.services.departments.update(ctx, input) };
  }

  @Mutation(() => DeletePayload)
  @RequirePermission('departments.write')
  async deleteDepartment(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<DeletePayload> {
    return { deletedId: await this.services.departments.delete(ctx, id) };
  }
}

@Resolver(() => Role)
export class RoleResolver {
  constructor(private readonly services: IdentityServices) {}

  @Query(() => RoleConnection)
  @RequirePermission('roles.read')
  async roles(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: GraphQLContext): Promise<ConnectionShape<Role>> {
    return toConnection(await this.services.roles.list(ctx, args));
  }

  @Query(() => Role, { description: 'NOT_FOUND when it does not exist' })
  @RequirePermission('roles.read')
  async role(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<Role> {
    return (await this.services.roles.get(ctx, id)) ?? Promise.reject(notFound('ロール'));
  }

  @FieldResolver(() => Department, { nullable: true, description: 'the owning department; null: shared by every department' })
  @RequirePermission('departments.read')
  department(@Root() role: Role, @Ctx() ctx: GraphQLContext): Promise<Department | null> {
    return role.department ? ctx.loaders.load(Department, role.department.id) : Promise.resolve(null);
  }

  @FieldResolver(() => Boolean, { description: 'shared by every department: only system administrators change it' })
  isShared(@Root() role: Role): boolean {
    return !role.department;
  }

  @FieldResolver(() => Int, { description: "active staff holding it, within the caller's departments" })
  staffCount(@Root() role: Role, @Ctx() ctx: GraphQLContext): Promise<number> {
    return ctx.loaders.custom<string, number>('role.staffCount', (ids) => this.services.roles.memberCounts(ctx, ids)).load(role.id);
  }

  @Mutation(() => RolePayload)
  @RequirePermission('roles.write')
  async createRole(@Arg('input', () => CreateRoleInput) input: CreateRoleInput, @Ctx() ctx: GraphQLContext): Promise<RolePayload> {
    return { role: await this.services.roles.create(ctx, input) };
  }

  @Mutation(() => RolePayload)
  @RequirePermission('roles.write')
  async updateRole(@Arg('input', () => UpdateRoleInput) input: UpdateRoleInput, @Ctx() ctx: GraphQLContext): Promise<RolePayload> {
    return { role: await this.services.roles.update(ctx, input) };
  }

  @Mutation(() => DeletePayload)
  @RequirePermission('roles.write')
  async deleteRole(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<DeletePayload> {
    return { deletedId: await this.services.roles.delete(ctx, id) };
  }
}

@Resolver(() => StaffUser)
export class StaffUserResolver {
  constructor(private readonly services: IdentityServices) {}

  @Query(() => StaffUserConnection)
  @RequirePermission('staff.read')
  async staffUsers(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => StaffUserFilter, { nullable: true }) filter: StaffUserFilter | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ConnectionShape<StaffUser>> {
    return toConnection(await this.services.staff.list(ctx, filter ?? {}, args));
  }

  @Query(() => StaffUser, { description: 'NOT_FOUND when it does not exist or belongs to another department' })
  @RequirePermission('staff.read')
  async staffUser(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<StaffUser> {
    return (await this.services.staff.get(ctx, id)) ?? Promise.reject(notFound('職員'));
  }

  @FieldResolver(() => Department)
  @RequirePermission('departments.read', { orSelf: isOwnRecord })
  async department(@Root() staff: StaffUser, @Ctx() ctx: GraphQLContext): Promise<Department> {
    const dept = await ctx.loaders.load(Department, staff.department.id);
    if (!dept) throw notFound('部署');
    return dept;
  }

  @FieldResolver(() => [Role])
  @RequirePermission('roles.read', { orSelf: isOwnRecord })
  async roles(@Root() staff: StaffUser): Promise<Role[]> {
    return staff.roles.isInitialized() ? staff.roles.getItems() : (await staff.roles.load()).getItems();
  }

  @Mutation(() => StaffUserPayload)
  @RequirePermission('staff.write')
  async createStaffUser(
    @Arg('input', () => CreateStaffUserInput) input: CreateStaffUserInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<StaffUserPayload> {
    return { staffUser: await this.services.staff.create(ctx, input) };
  }

  @Mutation(() => StaffUserPayload)
  @RequirePermission('staff.write')
  async updateStaffUser(
    @Arg('input', () => UpdateStaffUserInput) input: UpdateStaffUserInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<StaffUserPayload> {
    return { staffUser: await this.services.staff.update(ctx, input) };
  }

  @Mutation(() => StaffUserPayload)
  @RequirePermission('staff.write')
  async resetStaffPassword(
    @Arg('input', () => ResetStaffPasswordInput) input: ResetStaffPasswordInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<StaffUserPayload> {
    return { staffUser: await this.services.staff.resetPassword(ctx, input.id, input.newPassword) };
  }

  @Mutation(() => StaffUserPayload)
  @RequirePermission('staff.write')
  async unlockStaffUser(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<StaffUserPayload> {
    return { staffUser: await this.services.staff.unlock(ctx, id) };
  }

  @Mutation(() => StaffUserPayload)
  @RequirePermission('staff.write')
  async resetStaffTotp(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<StaffUserPayload> {
    return { staffUser: await this.services.staff.resetTotp(ctx, id) };
  }
}

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  constructor(private readonly services: IdentityServices) {}

  @Query(() => ApiKeyConnection)
  @RequirePermission('apikeys.read')
  async apiKeys(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: GraphQLContext): Promise<ConnectionShape<ApiKey>> {
    return toConnection(await this.services.apiKeys.list(ctx, args));
  }

  @FieldResolver(() => Department, { nullable: true, description: 'null: every department (system administrators only)' })
  @RequirePermission('departments.read')
  department(@Root() key: ApiKey, @Ctx() ctx: GraphQLContext): Promise<Department | null> {
    return key.department ? ctx.loaders.load(Department, key.department.id) : Promise.resolve(null);
  }

  @FieldResolver(() => StaffUser, { nullable: true, description: 'the staff member who issued it' })
  @RequirePermission('staff.read')
  createdBy(@Root() key: ApiKey, @Ctx() ctx: GraphQLContext): Promise<StaffUser | null> {
    return key.createdBy ? ctx.loaders.load(StaffUser, key.createdBy.id) : Promise.resolve(null);
  }

  @FieldResolver(() => ApiKey, { nullable: true, description: 'the API key that issued it; revoking that key revokes this one' })
  createdByKey(@Root() key: ApiKey, @Ctx() ctx: GraphQLContext): Promise<ApiKey | null> {
    return key.createdByKey ? ctx.loaders.load(ApiKey, key.createdByKey.id) : Promise.resolve(null);
  }

  @Mutation(() => CreateApiKeyPayload)
  @RequirePermission('apikeys.write')
  createApiKey(@Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput, @Ctx() ctx: GraphQLContext): Promise<CreateApiKeyPayload> {
    return this.services.apiKeys.create(ctx, input);
  }

  @Mutation(() => ApiKeyPayload)
  @RequirePermission('apikeys.write')
  async revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<ApiKeyPayload> {
    return { apiKey: await this.services.apiKeys.revoke(ctx, id) };
  }
}

@Resolver(() => IpAllowlistEntry)
export class IpAllowlistResolver {
  constructor(private readonly services: IdentityServices) {}

  @Query(() => [IpAllowlistEntry])
  @RequirePermission('ipallowlist.read')
  ipAllowlist(@Ctx() ctx: GraphQLContext): Promise<IpAllowlistEntry[]> {
    return this.services.ipAllowlist.list(ctx);
  }

  @Mutation(() => IpAllowlistEntryPayload)
  @RequirePermission('ipallowlist.write')
  async addIpAllowlistEntry(
    @Arg('input', () => AddIpAllowlistEntryInput) input: AddIpAllowlistEntryInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<IpAllowlistEntryPayload> {
    return { entry: await this.services.ipAllowlist.add(ctx, input) };
  }

  @Mutation(() => DeletePayload)
  @RequirePermission('ipallowlist.write')
  async removeIpAllowlistEntry(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<DeletePayload> {
    return { deletedId: await this.services.ipAllowlist.remove(ctx, id) };
  }
}
