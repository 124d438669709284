/** The attributes module's public surface: the forms module calls `ctx.module('attributes').attributes`. */
import type { AttributeServices } from './attributes.module.js';

export { attributesModule, type AttributeServices } from './attributes.module.js';
export {
  AttributeService,
  type AttributeActor,
  type AttributeDefinitionView,
  type AttributeInputValue,
  type AttributeValueInput,
  type ApplyValuesInput,
} from './attribute.service.js';
export { AttributeKind, KIND_NAMES, type AttributeKindName } from './attribute-kind.js';
export type { DefinitionSnapshot, OptionSnapshot } from './attribute-values.js';
export { seedDemoAttributes } from './attributes.seed.js';

declare module '../../platform/modules/feature-module.js' {
  interface ModuleApis {
    attributes: AttributeServices;
  }
}
