import { defineModule } from '../../platform/modules/feature-module.js';
import { AttributeDefinition } from './attribute-definition.entity.js';
import { AttributeDefinitionService } from './attribute-definitions.service.js';
import { AttributeOption } from './attribute-option.entity.js';
import { AttributeService } from './attribute.service.js';
import { attributePermissions } from './attributes.permissions.js';
import { MyAttributesResolver } from './attributes.resident.resolver.js';
import { AttributeDefinitionResolver, AttributeOptionResolver, ResidentAttributeSheetResolver } from './attributes.resolver.js';
import { Migration20261204080000 } from './migrations/Migration20261204080000.js';
import { Migration20261208100000 } from './migrations/Migration20261208100000.js';
import { ResidentAttributeService } from './resident-attributes.service.js';
import { ResidentAttributeChange, ResidentAttributeDate, ResidentAttributeDoc } from './resident-attribute-tables.entity.js';

export interface AttributeServices {
  /** Values: what the forms module calls (applyValues, valuesOf, definitions). */
  readonly attributes: AttributeService;
  readonly definitions: AttributeDefinitionService;
  readonly residentValues: ResidentAttributeService;
}

/** Resident attributes (RES-01..11): definitions staff edit, values per resident with history (ADR 0012). */
export const attributesModule = defineModule({
  name: 'attributes',
  needs: ['audit', 'residents'],
  entities: [AttributeDefinition, AttributeOption, ResidentAttributeDoc, ResidentAttributeDate, ResidentAttributeChange],
  migrations: [
    { name: 'Migration20261204080000', class: Migration20261204080000 },
    { name: 'Migration20261208100000', class: Migration20261208100000 },
  ],
  permissions: [attributePermissions],
  resolvers: [AttributeDefinitionResolver, AttributeOptionResolver, ResidentAttributeSheetResolver, MyAttributesResolver],
  create(ctx) {
    const { audit } = ctx.module('audit');
    const attributes = new AttributeService();
    return {
      services: {
        attributes,
        definitions: new AttributeDefinitionService(audit, ctx.logger),
        residentValues: new ResidentAttributeService(attributes, audit, ctx.logger),
      },
    };
  },
});
