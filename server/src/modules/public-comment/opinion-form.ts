import type { ServiceContext, TxContext } from '../../platform/context/context.js';
import { FormAccess, FormKind, type Form, type FormService } from '../forms/index.js';

/**
 * What public comment needs of the forms module: the opinion form of a procedure is an ordinary
 * PUBLIC_COMMENT form, made from the forms module's 'public-comment' template and kept in step
 * with the procedure's period. Everything goes through the forms module's own service, inside the
 * caller's transaction, so the form's versioning, checks and audit stay the forms module's.
 */
export interface OpinionFormPort {
  /** A new draft PUBLIC_COMMENT form from the 'public-comment' template, owned by the department. */
  createForProcedure(tx: TxContext, input: { title: string; departmentId: string }): Promise<Form>;
  /**
   * The form accepts opinions exactly during the procedure's period, from LINE and plain browsers;
   * with `publish`, its draft is published (a new version only if it changed).
   */
  follow(tx: TxContext, form: Form, input: { opensAt: Date; closesAt: Date; publish: boolean }): Promise<void>;
  /** Removes a form no one has answered (a deleted draft procedure's). */
  remove(tx: TxContext, form: Form): Promise<void>;
}

/**
 * The forms service acts as the public-comment feature here, not as the staff member: the staff
 * member's right is public_comment.manage (checked by this module first), and the opinion form is
 * part of the procedure, so managing it needs no forms.manage of its own. The transaction, and so
 * the department-scoped EntityManager, stays the caller's.
 */
function asFeature(tx: TxContext): ServiceContext {
  return { em: tx.em, meta: tx.meta, actor: { kind: 'system', name: 'public-comment' } };
}

export function opinionFormsThrough(forms: FormService): OpinionFormPort {
  return {
    async createForProcedure(tx, input) {
      return forms.create(asFeature(tx), {
        title: input.title.slice(0, 200),
        kind: FormKind.PUBLIC_COMMENT,
        departmentId: input.departmentId,
        templateKey: 'public-comment',
      });
    },
    async follow(tx, form, input) {
      await forms.update(asFeature(tx), form.id, {
        opensAt: input.opensAt,
        closesAt: input.closesAt,
        access: FormAccess.BROWSER_ALLOWED,
      });
      if (input.publish) await forms.publish(asFeature(tx), form.id);
    },
    async remove(tx, form) {
      await forms.delete(asFeature(tx), form.id);
    },
  };
}
