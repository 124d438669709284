import { ArrayMaxSize, IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';

const TOO_LONG = (n: number) => ({ message: `${n}文字以内で入力してください。` });

@InputType()
export class LoginInput {
  @Field(() => String) @MaxLength(200, TOO_LONG(200)) loginId!: string;
  @Field(() => String) @MaxLength(200, TOO_LONG(200)) password!: string;
}

@InputType()
export class VerifyLoginTotpInput {
  @Field(() => String) @MaxLength(2000, TOO_LONG(2000)) challengeToken!: string;
  @Field(() => String) @MaxLength(10, TOO_LONG(10)) code!: string;
}

@InputType()
export class ChangePasswordInput {
  @Field(() => String) @MaxLength(200, TOO_LONG(200)) currentPassword!: string;
  @Field(() => String) @MaxLength(200, TOO_LONG(200)) newPassword!: string;
}

@InputType()
export class ConfirmTotpEnrolmentInput {
  @Field(() => String) @MaxLength(10, TOO_LONG(10)) code!: string;
}

@InputType()
export class DisableTotpInput {
  @Field(() => String) @MaxLength(200, TOO_LONG(200)) password!: string;
}

@InputType()
export class CreateDepartmentInput {
  @Field(() => String) @MaxLength(32, TOO_LONG(32)) code!: string;
  @Field(() => String) @MaxLength(100, TOO_LONG(100)) name!: string;
}

@InputType()
export class UpdateDepartmentInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(32, TOO_LONG(32)) code?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100, TOO_LONG(100)) name?: string | null;
}

@InputType()
export class CreateRoleInput {
  @Field(() => String) @MaxLength(100, TOO_LONG(100)) name!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(1000, TOO_LONG(1000)) description?: string | null;
  @Field(() => [String]) @ArrayMaxSize(500) permissions!: string[];
  @Field(() => Boolean, { nullable: true }) requireTotp?: boolean | null;
  @Field(() => ID, {
    nullable: true,
    description: "the owning department; omitted: the caller's own, or shared by every department when a system administrator creates it",
  })
  departmentId?: string | null;
}

@InputType()
export class UpdateRoleInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100, TOO_LONG(100)) name?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(1000, TOO_LONG(1000)) description?: string | null;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(500) permissions?: string[] | null;
  @Field(() => Boolean, { nullable: true }) requireTotp?: boolean | null;
}

@InputType()
export class CreateStaffUserInput {
  @Field(() => String) @MaxLength(64, TOO_LONG(64)) loginId!: string;
  @Field(() => String) @MaxLength(100, TOO_LONG(100)) displayName!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(254, TOO_LONG(254)) email?: string | null;
  @Field(() => ID) departmentId!: string;
  @Field(() => [ID]) @ArrayMaxSize(50) roleIds!: string[];
  @Field(() => String, { description: 'the staff member must change it at first login' })
  @MaxLength(200, TOO_LONG(200))
  initialPassword!: string;
}

@InputType()
export class UpdateStaffUserInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100, TOO_LONG(100)) displayName?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(254, TOO_LONG(254)) email?: string | null;
  @Field(() => ID, { nullable: true }) departmentId?: string | null;
  @Field(() => [ID], { nullable: true }) @IsOptional() @ArrayMaxSize(50) roleIds?: string[] | null;
  @Field(() => Boolean, { nullable: true }) isActive?: boolean | null;
}

@InputType()
export class ResetStaffPasswordInput {
  @Field(() => ID) id!: string;
  @Field(() => String) @MaxLength(200, TOO_LONG(200)) newPassword!: string;
}

@InputType()
export class CreateApiKeyInput {
  @Field(() => String) @MaxLength(100, TOO_LONG(100)) name!: string;
  @Field(() => [String]) @ArrayMaxSize(500) permissions!: string[];
  @Field(() => ID, { nullable: true }) departmentId?: string | null;
  @Field(() => Date, { nullable: true }) expiresAt?: Date | null;
  @Field(() => Boolean, { nullable: true }) ipRestricted?: boolean | null;
  @Field(() => Int, { nullable: true }) rateLimitPerMinute?: number | null;
}

@InputType()
export class AddIpAllowlistEntryInput {
  @Field(() => String) @MaxLength(50, TOO_LONG(50)) cidr!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200, TOO_LONG(200)) description?: string | null;
}

@InputType()
export class StaffUserFilter {
  @Field(() => String, { nullable: true, description: 'matches login ID or display name' })
  @IsOptional()
  @MaxLength(100, TOO_LONG(100))
  search?: string | null;
  @Field(() => ID, { nullable: true }) departmentId?: string | null;
  @Field(() => Boolean, { nullable: true }) includeInactive?: boolean | null;
}
