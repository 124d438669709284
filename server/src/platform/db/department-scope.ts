import type { Dictionary } from '@mikro-orm/core';

/**
 * Department scoping (DESIGN §4) as a MikroORM filter that is on by default for every scoped
 * entity: a request's EntityManager gets the actor's departments as filter parameters, so a
 * forgotten check cannot leak another department's rows. A code path that forgets to set the
 * parameters fails loudly instead of seeing everything.
 */
export const DEPARTMENT_SCOPE = 'departmentScope';

export type DepartmentScopeParams = { all: true } | { all: false; departmentIds: string[] };

export function departmentScopeFilter(field: string) {
  return {
    name: DEPARTMENT_SCOPE,
    default: true,
    /** The property the scope applies to (read by scoped-sql.ts to know the table's column). */
    departmentField: field,
    cond: (args: Dictionary) => {
      const params = args as DepartmentScopeParams;
      if (params.all) return {};
      return { [field]: { $in: params.departmentIds.length ? params.departmentIds : ['00000000-0000-0000-0000-000000000000'] } };
    },
  };
}

/**
 * The same scope for rows that are either one department's or shared by all (department null):
 * everyone in scope sees the shared ones, only their own department's otherwise.
 */
export function sharedOrDepartmentScopeFilter(field: string) {
  return {
    name: DEPARTMENT_SCOPE,
    default: true,
    departmentField: field,
    cond: (args: Dictionary) => {
      const params = args as DepartmentScopeParams;
      if (params.all) return {};
      return params.departmentIds.length ? { $or: [{ [field]: null }, { [field]: { $in: params.departmentIds } }] } : { [field]: null };
    },
  };
}

/**
 * A fork that sees every department, for the paths that legitimately need it (sign-in before any
 * scope exists, system jobs, seeding). Saying so explicitly keeps scoping fail-closed elsewhere.
 */
export function unscopedFork<EM extends { fork(): EM; setFilterParams(name: string, args: Dictionary): void }>(em: EM): EM {
  const fork = em.fork();
  fork.setFilterParams(DEPARTMENT_SCOPE, { all: true });
  return fork;
}
