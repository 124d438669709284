import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { ResidentActor } from '../../platform/context/actor.js';
import type { ServiceContext } from '../../platform/context/context.js';
import { DEPARTMENT_SCOPE, unscopedFork } from '../../platform/db/department-scope.js';
import { AppError, ErrorCode } from '../../platform/errors/app-error.js';
import { Form, FormKind, FormVersion, type FormServices } from '../forms/index.js';
import type { FormsPort, FormSummary } from './form-talk.port.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function summaryOf(form: Form): FormSummary {
  return { id: form.id, title: form.title, kind: form.kind, status: form.status };
}

/**
 * The forms module as the talk and the onboarding use it. A talk answer acts as the resident
 * (the webhook signature vouched for the LINE user), scoped as a resident's request is, so the
 * forms module applies exactly the rules of its resident pages: availability, answer policy,
 * validation, one transaction, receipt number, mails, audit.
 */
export function formsPort(orm: MikroORM, forms: FormServices): FormsPort {
  const asResident = (residentId: string): ServiceContext => {
    const em = orm.em.fork();
    em.setFilterParams(DEPARTMENT_SCOPE, { all: false, departmentIds: [] });
    // No resident session is involved: the LINE talk itself identifies the resident.
    const actor: ResidentActor = { kind: 'resident', residentId, sessionId: 'line-talk' };
    return { em, actor, meta: { requestId: randomUUID(), ip: null, userAgent: 'LINE talk', trace: { auditWrites: 0 } } };
  };

  return {
    async summary(formId) {
      if (!UUID.test(formId)) return null;
      const form = await unscopedFork(orm.em).findOne(Form, { id: formId });
      return form ? summaryOf(form) : null;
    },

    async forStaff(ctx, formId) {
      const form = await forms.forms.get(ctx, formId);
      const published = await forms.forms.publishedVersion(ctx, form);
      return { form: summaryOf(form), published: published?.definition ?? null };
    },

    async registrationForms() {
      const list = await unscopedFork(orm.em).find(Form, { kind: FormKind.REGISTRATION }, { orderBy: { title: 'asc', id: 'asc' } });
      return list.map(summaryOf);
    },

    async forResident(residentId, formId) {
      if (!UUID.test(formId)) return { kind: 'notFound' };
      try {
        const view = await forms.submissions.residentForm(asResident(residentId), formId);
        if (!view.availability.open) return { kind: 'unavailable', title: view.form.title, reason: view.availability.reason ?? '' };
        return { kind: 'open', form: summaryOf(view.form), versionId: view.version.id, definition: view.version.definition };
      } catch (err) {
        if (err instanceof AppError && err.code === ErrorCode.NOT_FOUND) return { kind: 'notFound' };
        throw err;
      }
    },

    async version(formId, versionId) {
      const version = await unscopedFork(orm.em).findOne(FormVersion, { id: versionId, form: formId }, { populate: ['form'] });
      return version ? { form: summaryOf(version.form), definition: version.definition } : null;
    },

    async submit(residentId, input) {
      const { submission, thankYouMessage } = await forms.submissions.submit(asResident(residentId), input);
      return { receiptNumber: submission.receiptNumber, thankYouMessage };
    },
  };
}
