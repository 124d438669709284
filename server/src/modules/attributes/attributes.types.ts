import { ArrayMaxSize, IsOptional, MaxLength } from 'class-validator';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AttributeDefinition } from './attribute-definition.entity.js';
import { AttributeKind } from './attribute-kind.js';
import { AttributeChangeActor } from './resident-attribute-tables.entity.js';

registerEnumType(AttributeChangeActor, {
  name: 'AttributeChangeActor',
  valuesConfig: { STAFF: { description: '職員' }, RESIDENT: { description: '住民本人' }, FORM: { description: 'フォーム回答' } },
});

const TOO_LONG = (n: number) => ({ message: `${n}文字以内で入力してください。` });
const TOO_MANY = (n: number) => ({ message: `${n}件以内にしてください。` });

@InputType()
export class AttributeOptionDraftInput {
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(60, TOO_LONG(60)) key?: string | null;
  @Field(() => String) @MaxLength(100, TOO_LONG(100)) label!: string;
}

@InputType()
export class CreateAttributeDefinitionInput {
  @Field(() => String) @MaxLength(60, TOO_LONG(60)) key!: string;
  @Field(() => String) @MaxLength(100, TOO_LONG(100)) label!: string;
  @Field(() => AttributeKind) kind!: AttributeKind;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(500, TOO_LONG(500)) helpText?: string | null;
  @Field(() => Boolean, { nullable: true }) personal?: boolean | null;
  @Field(() => Boolean, { nullable: true }) residentEditable?: boolean | null;
  @Field(() => ID, { nullable: true, description: "owning department; omitted: shared (system administrators) or the creator's own" })
  @IsOptional()
  @MaxLength(40)
  departmentId?: string | null;
  @Field(() => Float, { nullable: true }) numberMin?: number | null;
  @Field(() => Float, { nullable: true }) numberMax?: number | null;
  @Field(() => Boolean, { nullable: true }) numberInteger?: boolean | null;
  @Field(() => [AttributeOptionDraftInput], { nullable: true }) @IsOptional() @ArrayMaxSize(500, TOO_MANY(500)) options?:
    AttributeOptionDraftInput[] | null;
}

@InputType()
export class UpdateAttributeDefinitionInput {
  @Field(() => ID) @MaxLength(40) id!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100, TOO_LONG(100)) label?: string | null;
  @Field(() => AttributeKind, {
    nullable: true,
    description: 'refused (PRECONDITION_FAILED ATTRIBUTE_HAS_VALUES) once any resident has a value',
  })
  kind?: AttributeKind | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(500, TOO_LONG(500)) helpText?: string | null;
  @Field(() => Boolean, { nullable: true }) personal?: boolean | null;
  @Field(() => Boolean, { nullable: true }) residentEditable?: boolean | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @MaxLength(40) departmentId?: string | null;
  @Field(() => Float, { nullable: true }) numberMin?: number | null;
  @Field(() => Float, { nullable: true }) numberMax?: number | null;
  @Field(() => Boolean, { nullable: true }) numberInteger?: boolean | null;
}

@InputType()
export class AddAttributeOptionInput {
  @Field(() => ID) @MaxLength(40) attributeId!: string;
  @Field(() => String, { nullable: true, description: 'generated when omitted' }) @IsOptional() @MaxLength(60, TOO_LONG(60)) key?:
    string | null;
  @Field(() => String) @MaxLength(100, TOO_LONG(100)) label!: string;
  @Field(() => String, { nullable: true, description: 'area attributes: the enclosing area' })
  @IsOptional()
  @MaxLength(60, TOO_LONG(60))
  parentKey?: string | null;
}

@InputType()
export class UpdateAttributeOptionInput {
  @Field(() => ID) @MaxLength(40) id!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100, TOO_LONG(100)) label?: string | null;
  @Field(() => String, { nullable: true, description: 'area attributes; null makes it a top-level area' })
  @IsOptional()
  @MaxLength(60, TOO_LONG(60))
  parentKey?: string | null;
}

@ObjectType()
export class AttributeDefinitionPayload {
  @Field(() => AttributeDefinition) definition!: AttributeDefinition;
}

@ObjectType()
export class AttributeDefinitionsPayload {
  @Field(() => [AttributeDefinition]) definitions!: AttributeDefinition[];
}

@ObjectType()
export class ImportAreaOptionsPayload {
  @Field(() => AttributeDefinition) definition!: AttributeDefinition;
  @Field(() => Int) created!: number;
  @Field(() => Int) updated!: number;
  @Field(() => Int) unchanged!: number;
}

@InputType({ description: 'one attribute value; set the field of its kind, leave all empty to clear' })
export class AttributeValueInput {
  @Field(() => String) @MaxLength(60, TOO_LONG(60)) attributeKey!: string;
  @Field(() => [String], { nullable: true, description: 'choice and area kinds: option keys (one for single choice and area)' })
  @IsOptional()
  @ArrayMaxSize(500, TOO_MANY(500))
  @MaxLength(60, { each: true, ...TOO_LONG(60) })
  optionKeys?: string[] | null;
  @Field(() => [String], { nullable: true, description: "date kinds: 'YYYY-MM-DD' (one for a date)" })
  @IsOptional()
  @ArrayMaxSize(20, TOO_MANY(20))
  @MaxLength(10, { each: true, message: '日付は YYYY-MM-DD で入力してください。' })
  dates?: string[] | null;
  @Field(() => Float, { nullable: true }) number?: number | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(500, TOO_LONG(500)) text?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'yes/no and consent' }) flag?: boolean | null;
}

@ObjectType({ description: 'one attribute value, in the field of its kind' })
export class AttributeValue {
  @Field(() => String) attributeKey!: string;
  @Field(() => [String], { nullable: true }) optionKeys?: string[] | null;
  @Field(() => [String], { nullable: true }) dates?: string[] | null;
  @Field(() => Float, { nullable: true }) number?: number | null;
  @Field(() => String, { nullable: true }) text?: string | null;
  @Field(() => Boolean, { nullable: true }) flag?: boolean | null;
}

@ObjectType()
export class ResidentAttributeEntry {
  @Field(() => AttributeDefinition) definition!: AttributeDefinition;
  @Field(() => AttributeValue, { nullable: true, description: 'null when unset, or masked' }) value!: AttributeValue | null;
  @Field(() => Boolean, { description: 'a personal value the viewer may not read (needs residents.read_personal)' })
  masked!: boolean;
  @Field(() => Date, { nullable: true }) updatedAt!: Date | null;
  @Field(() => String, { nullable: true }) updatedBy!: string | null;
}

@ObjectType({ description: 'one change of a resident attribute value' })
export class AttributeChange {
  @Field(() => ID) id!: string;
  @Field(() => String) attributeKey!: string;
  @Field(() => String) attributeLabel!: string;
  @Field(() => Date) changedAt!: Date;
  @Field(() => AttributeChangeActor) actorKind!: AttributeChangeActor;
  @Field(() => String, { description: "the staff member's login ID, 住民本人 or フォーム回答" }) actorLabel!: string;
  @Field(() => String, { description: 'the value before, as a person reads it' }) before!: string;
  @Field(() => String) after!: string;
}

@ObjectType({ description: "a resident's attributes with their change history (newest first, at most 200)" })
export class ResidentAttributeSheet {
  @Field(() => ID) residentId!: string;
  @Field(() => [ResidentAttributeEntry]) entries!: ResidentAttributeEntry[];
  @Field(() => [AttributeChange]) history!: AttributeChange[];
}

@InputType()
export class SetResidentAttributesInput {
  @Field(() => ID) @MaxLength(40) residentId!: string;
  @Field(() => [AttributeValueInput]) @ArrayMaxSize(200, TOO_MANY(200)) values!: AttributeValueInput[];
}

@ObjectType()
export class AttributeFieldOption {
  @Field(() => String) key!: string;
  @Field(() => String) label!: string;
  @Field(() => String, { nullable: true }) parentKey!: string | null;
  @Field(() => Boolean, { description: 'no longer offered; shown only because the resident has it' }) retired!: boolean;
}

@ObjectType({ description: 'an attribute the signed-in resident may set' })
export class AttributeField {
  @Field(() => String) key!: string;
  @Field(() => String) label!: string;
  @Field(() => AttributeKind) kind!: AttributeKind;
  @Field(() => String, { nullable: true }) helpText!: string | null;
  @Field(() => Float, { nullable: true }) numberMin!: number | null;
  @Field(() => Float, { nullable: true }) numberMax!: number | null;
  @Field(() => Boolean) numberInteger!: boolean;
  @Field(() => [AttributeFieldOption]) options!: AttributeFieldOption[];
}

@ObjectType({ description: "the signed-in resident's own attributes (受信設定)" })
export class MyAttributes {
  @Field(() => [AttributeField]) fields!: AttributeField[];
  @Field(() => [AttributeValue]) values!: AttributeValue[];
}
