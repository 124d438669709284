import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import { parse as parseYaml } from 'yaml';

// Loads LINE's official OpenAPI documents from ../shared/data/line-openapi beside the checkout
// (never copied into the project) and compiles their schemas with Ajv.
//
// OpenAPI 3.0 describes polymorphism with `discriminator.mapping` on a base schema whose subtypes
// say `allOf: [base, ...]`; plain JSON Schema validation of the base would only check the base's
// own properties. So each discriminated base B is split: subtypes keep referring to the plain base
// ("B__base"), while every other reference to B dispatches on the discriminator to the mapped
// subtype, and unknown discriminator values are rejected.

/** ../shared/data/line-openapi beside the checkout root (this file is <root>/tests/line-emulator/contract/). */
export const OPENAPI_DIRECTORY = fileURLToPath(new URL('../../../../shared/data/line-openapi/', import.meta.url));
export const OPENAPI_PRESENT = existsSync(`${OPENAPI_DIRECTORY}messaging-api.yml`);

type Json = Record<string, any>;

export interface OfficialDocument {
  id: string;
  document: Json;
}

function splitDiscriminators(schemas: Record<string, Json>, documentId: string): void {
  for (const [name, schema] of Object.entries({ ...schemas })) {
    const discriminator = schema.discriminator as { propertyName: string; mapping?: Record<string, string> } | undefined;
    if (!discriminator?.mapping) continue;
    const { discriminator: _removed, ...base } = schema;
    const baseName = `${name}__base`;
    schemas[baseName] = base;
    const ownRef = `#/components/schemas/${name}`;
    for (const target of Object.values(discriminator.mapping)) {
      const subtype = schemas[target.replace('#/components/schemas/', '')];
      for (const part of (subtype?.allOf ?? []) as Json[]) if (part.$ref === ownRef) part.$ref = `#/components/schemas/${baseName}`;
    }
    const property = discriminator.propertyName;
    schemas[name] = {
      ...base,
      properties: { ...(base.properties ?? {}), [property]: { type: 'string', enum: Object.keys(discriminator.mapping) } },
      allOf: Object.entries(discriminator.mapping).map(([value, target]) => ({
        if: { properties: { [property]: { const: value } }, required: [property] },
        then: { $ref: `${documentId}${target}` },
      })),
    };
  }
}

export function loadOfficialDocument(fileName: string): OfficialDocument {
  const document = parseYaml(readFileSync(`${OPENAPI_DIRECTORY}${fileName}`, 'utf8')) as Json;
  splitDiscriminators(document.components.schemas as Record<string, Json>, fileName);
  return { id: fileName, document };
}

export class OfficialValidator {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, discriminator: false });
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(readonly documents: OfficialDocument[]) {
    (addFormatsPlugin as unknown as (ajv: Ajv) => void)(this.ajv);
    // OpenAPI's numeric and binary formats carry no constraint JSON Schema can check.
    for (const format of ['int32', 'int64', 'double', 'float', 'binary']) this.ajv.addFormat(format, true);
    for (const { id, document } of documents) this.ajv.addSchema(document, id);
  }

  /** Validates against a schema given by "$ref" inside one of the documents. */
  validate(documentId: string, ref: string, value: unknown): { valid: boolean; errors: string } {
    const key = `${documentId}${ref}`;
    let validate = this.cache.get(key);
    if (!validate) {
      validate = this.ajv.getSchema(key);
      if (!validate) throw new Error(`no schema ${key}`);
      this.cache.set(key, validate);
    }
    const valid = validate(value);
    return { valid, errors: valid ? '' : this.ajv.errorsText(validate.errors) };
  }

  /** The operation of a path + method, searching every document. */
  operation(method: string, path: string): { documentId: string; operation: Json } | undefined {
    for (const { id, document } of this.documents) {
      const operation = document.paths?.[path]?.[method.toLowerCase()] as Json | undefined;
      if (operation) return { documentId: id, operation };
    }
    return undefined;
  }

  /** The JSON schema $ref of an operation's request body or of one of its responses. */
  static jsonSchemaRef(part: Json | undefined): string | undefined {
    return part?.content?.['application/json']?.schema?.$ref as string | undefined;
  }

  /** Paths of every document as regular expressions, to map a concrete URL back to its template. */
  templateFor(method: string, concretePath: string): string | undefined {
    const matches: string[] = [];
    for (const { document } of this.documents)
      for (const [template, item] of Object.entries(document.paths as Json)) {
        if (!(item as Json)[method.toLowerCase()]) continue;
        const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
        if (pattern.test(concretePath)) matches.push(template);
      }
    // "/v2/bot/richmenu/list" also matches "/v2/bot/richmenu/{richMenuId}": literal segments win.
    return matches.sort((a, b) => a.split('{').length - b.split('{').length)[0];
  }
}
