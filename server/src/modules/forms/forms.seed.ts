import type { EntityManager } from '@mikro-orm/postgresql';
import { DEPARTMENT_SCOPE } from '../../platform/db/department-scope.js';
import { Department } from '../identity/index.js';
import { DEFAULT_RECEIPT_FORMAT, type FormDefinition } from './engine/index.js';
import { Form, FormVersion } from './form.entity.js';
import { FormStatus } from './forms.enums.js';
import { formTemplate } from './templates/index.js';

interface SeedForm {
  /** The template it is made from, and the key the seed knows it by. */
  templateKey: string;
  /** The owning department's code (identity's demo departments). */
  departmentCode: string;
}

/**
 * FORM-20: the 住民満足度アンケート about the account, owned by デジタル戦略課, which runs the
 * city's LINE account in the demo (its first administrator's department).
 */
const DEMO_FORMS: SeedForm[] = [{ templateKey: 'satisfaction-survey', departmentCode: 'digital' }];

/**
 * The demo city's forms: each made once from its template and published (version 1), by template
 * key, so running the seed again adds only what is missing, and a city that already made the form
 * from the template keeps its own. A form whose department does not exist is left out. Returns the
 * template keys it created.
 */
export async function seedDemoForms(em: EntityManager): Promise<string[]> {
  const unscoped = { filters: { [DEPARTMENT_SCOPE]: false } };
  const created: string[] = [];
  for (const seed of DEMO_FORMS) {
    const template = formTemplate(seed.templateKey);
    if (!template) throw new Error(`no form template ${seed.templateKey}`);
    if ((await em.count(Form, { templateKey: template.key }, unscoped)) > 0) continue;
    const department = await em.findOne(Department, { code: seed.departmentCode }, unscoped);
    if (!department) continue;
    const form = em.create(Form, {
      title: template.title,
      description: template.description,
      kind: template.kind,
      status: FormStatus.PUBLISHED,
      answerPolicy: template.answerPolicy,
      access: template.access,
      askContactEmail: template.askContactEmail,
      thankYouMessage: template.thankYouMessage,
      receiptFormat: DEFAULT_RECEIPT_FORMAT,
      department,
      draftDefinition: structuredClone<FormDefinition>(template.definition),
      templateKey: template.key,
    });
    const version = em.create(FormVersion, {
      form,
      number: 1,
      definition: structuredClone<FormDefinition>(template.definition),
      publishedAt: new Date(),
      publishedByName: '初期データ',
    });
    // The foreign key to the version is deferred, so both go in one flush.
    form.publishedVersionId = version.id;
    em.persist([form, version]);
    created.push(template.key);
  }
  await em.flush();
  return created;
}
