import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { RequirePermission } from '../../platform/auth/access.js';
import type { GraphQLContext } from '../../platform/context/context.js';
import { DEPARTMENT_SCOPE } from '../../platform/db/department-scope.js';
import { Department } from '../identity/index.js';
import { AttributeDefinition } from './attribute-definition.entity.js';
import { AttributeOption } from './attribute-option.entity.js';
import type { AttributeServices } from './attributes.module.js';
import {
  AddAttributeOptionInput,
  AttributeDefinitionPayload,
  AttributeDefinitionsPayload,
  CreateAttributeDefinitionInput,
  ImportAreaOptionsPayload,
  ResidentAttributeSheet,
  SetResidentAttributesInput,
  UpdateAttributeDefinitionInput,
  UpdateAttributeOptionInput,
} from './attributes.types.js';
import type { Sheet } from './resident-attributes.service.js';

/** The console's 属性 page: attributes, their options, area import from CSV. */
@Resolver(() => AttributeDefinition)
export class AttributeDefinitionResolver {
  constructor(private readonly services: AttributeServices) {}

  @Query(() => [AttributeDefinition], { description: 'in display order; shared ones and those of your departments' })
  @RequirePermission('attributes.read')
  attributeDefinitions(
    @Arg('includeRetired', () => Boolean, { defaultValue: false }) includeRetired: boolean,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AttributeDefinition[]> {
    return this.services.definitions.list(ctx, { includeRetired });
  }

  @Query(() => AttributeDefinition, { description: 'NOT_FOUND when it does not exist or belongs to another department' })
  @RequirePermission('attributes.read')
  attributeDefinition(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<AttributeDefinition> {
    return this.services.definitions.get(ctx, id);
  }

  @FieldResolver(() => [AttributeOption], { description: 'in display order' })
  async options(
    @Root() def: AttributeDefinition,
    @Arg('includeRetired', () => Boolean, { defaultValue: true }) includeRetired: boolean,
  ): Promise<AttributeOption[]> {
    if (!def.options.isInitialized()) await def.options.init();
    return [...def.options.getItems()]
      .filter((o) => includeRetired || o.retiredAt === null)
      .sort((a, b) => a.position - b.position || a.id - b.id);
  }

  @FieldResolver(() => Int, { description: 'options in use' })
  async optionCount(@Root() def: AttributeDefinition): Promise<number> {
    if (!def.options.isInitialized()) await def.options.init();
    return def.options.getItems().filter((o) => o.retiredAt === null).length;
  }

  @FieldResolver(() => ID, { nullable: true, description: 'null: shared by every department' })
  departmentId(@Root() def: AttributeDefinition): string | null {
    return def.department?.id ?? null;
  }

  @FieldResolver(() => String, { nullable: true })
  async departmentName(@Root() def: AttributeDefinition, @Ctx() ctx: GraphQLContext): Promise<string | null> {
    if (!def.department) return null;
    const names = ctx.loaders.custom<string, string | null>('attributes.departmentName', async (ids) => {
      const rows = await ctx.em.find(Department, { id: { $in: [...ids] } }, { filters: { [DEPARTMENT_SCOPE]: false } });
      const byId = new Map(rows.map((d) => [d.id, d.name]));
      return ids.map((id) => byId.get(id) ?? null);
    });
    return names.load(def.department.id);
  }

  @Mutation(() => AttributeDefinitionPayload)
  @RequirePermission('attributes.manage')
  async createAttributeDefinition(
    @Arg('input', () => CreateAttributeDefinitionInput) input: CreateAttributeDefinitionInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AttributeDefinitionPayload> {
    return { definition: await this.services.definitions.create(ctx, input) };
  }

  @Mutation(() => AttributeDefinitionPayload)
  @RequirePermission('attributes.manage')
  async updateAttributeDefinition(
    @Arg('input', () => UpdateAttributeDefinitionInput) input: UpdateAttributeDefinitionInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AttributeDefinitionPayload> {
    return { definition: await this.services.definitions.update(ctx, input) };
  }

  @Mutation(() => AttributeDefinitionsPayload, { description: 'the listed attributes take the listed order' })
  @RequirePermission('attributes.manage')
  async reorderAttributeDefinitions(
    @Arg('ids', () => [ID]) ids: string[],
    @Ctx() ctx: GraphQLContext,
  ): Promise<AttributeDefinitionsPayload> {
    return { definitions: await this.services.definitions.reorder(ctx, ids.slice(0, 1000)) };
  }

  @Mutation(() => AttributeDefinitionPayload, { description: 'stops offering it; every stored value is kept' })
  @RequirePermission('attributes.manage')
  async retireAttributeDefinition(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<AttributeDefinitionPayload> {
    return { definition: await this.services.definitions.setRetired(ctx, id, true) };
  }

  @Mutation(() => AttributeDefinitionPayload)
  @RequirePermission('attributes.manage')
  async restoreAttributeDefinition(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<AttributeDefinitionPayload> {
    return { definition: await this.services.definitions.setRetired(ctx, id, false) };
  }

  @Mutation(() => AttributeDefinitionPayload)
  @RequirePermission('attributes.manage')
  async addAttributeOption(
    @Arg('input', () => AddAttributeOptionInput) input: AddAttributeOptionInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AttributeDefinitionPayload> {
    return { definition: await this.services.definitions.addOption(ctx, input) };
  }

  @Mutation(() => AttributeDefinitionPayload)
  @RequirePermission('attributes.manage')
  async updateAttributeOption(
    @Arg('input', () => UpdateAttributeOptionInput) input: UpdateAttributeOptionInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AttributeDefinitionPayload> {
    return { definition: await this.services.definitions.updateOption(ctx, input) };
  }

  @Mutation(() => AttributeDefinitionPayload)
  @RequirePermission('attributes.manage')
  async reorderAttributeOptions(
    @Arg('attributeId', () => ID) attributeId: string,
    @Arg('optionIds', () => [ID]) optionIds: string[],
    @Ctx() ctx: GraphQLContext,
  ): Promise<AttributeDefinitionPayload> {
    return { definition: await this.services.definitions.reorderOptions(ctx, attributeId, optionIds.slice(0, 10_000)) };
  }

  @Mutation(() => AttributeDefinitionPayload, { description: 'residents who chose it keep it' })
  @RequirePermission('attributes.manage')
  async retireAttributeOption(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<AttributeDefinitionPayload> {
    return { definition: await this.services.definitions.setOptionRetired(ctx, id, true) };
  }

  @Mutation(() => AttributeDefinitionPayload)
  @RequirePermission('attributes.manage')
  async restoreAttributeOption(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<AttributeDefinitionPayload> {
    return { definition: await this.services.definitions.setOptionRetired(ctx, id, false) };
  }

  @Mutation(() => ImportAreaOptionsPayload, {
    description: 'CSV of 親キー,キー,名称 (header optional); every row is checked first, one bad row imports nothing',
  })
  @RequirePermission('attributes.manage')
  async importAreaOptions(
    @Arg('attributeId', () => ID) attributeId: string,
    @Arg('csv', () => String) csv: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ImportAreaOptionsPayload> {
    const { definition, result } = await this.services.definitions.importAreas(ctx, attributeId, csv);
    return { definition, ...result };
  }
}

@Resolver(() => AttributeOption)
export class AttributeOptionResolver {
  @FieldResolver(() => String, { nullable: true, description: 'area attributes: the key of the enclosing area' })
  parentKey(@Root() option: AttributeOption): string | null {
    return option.parent?.key ?? null;
  }

  @FieldResolver(() => ID, { nullable: true })
  parentId(@Root() option: AttributeOption): string | null {
    return option.parent ? String(option.parent.id) : null;
  }
}

/** A resident's attributes on the resident page (RES-10). */
@Resolver(() => ResidentAttributeSheet)
export class ResidentAttributeSheetResolver {
  constructor(private readonly services: AttributeServices) {}

  private async withDefinitions(ctx: GraphQLContext, sheet: Sheet): Promise<ResidentAttributeSheet> {
    const defs = new Map((await this.services.definitions.list(ctx, { includeRetired: true })).map((d) => [d.id, d]));
    return {
      residentId: sheet.residentId,
      entries: sheet.entries
        .filter((e) => defs.has(e.definitionId))
        .map((e) => ({ ...e, definition: defs.get(e.definitionId)!, value: e.value ? { ...e.value } : null }) as never),
      history: sheet.history,
    };
  }

  @Query(() => ResidentAttributeSheet, { description: 'NOT_FOUND for an unknown resident; personal values need residents.read_personal' })
  @RequirePermission('attributes.read')
  async residentAttributes(@Arg('residentId', () => ID) residentId: string, @Ctx() ctx: GraphQLContext): Promise<ResidentAttributeSheet> {
    return this.withDefinitions(ctx, await this.services.residentValues.sheet(ctx, residentId));
  }

  @Mutation(() => ResidentAttributeSheet, {
    description: 'sets the listed attributes (others unchanged); all or nothing, BAD_USER_INPUT per attribute key',
  })
  @RequirePermission(['attributes.write', 'attributes.read'])
  async setResidentAttributes(
    @Arg('input', () => SetResidentAttributesInput) input: SetResidentAttributesInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ResidentAttributeSheet> {
    return this.withDefinitions(ctx, await this.services.residentValues.set(ctx, input.residentId, input.values));
  }
}
