import type { AuthCheckerFn } from 'type-graphql';
import type { GraphQLContext } from '../context/context.js';
import { authorize } from './gate.js';

/**
 * type-graphql's hook for `@Authorized` (and the access decorators in access.ts built on it):
 * the one gate, applied to the declared permissions.
 */
export const authChecker: AuthCheckerFn<GraphQLContext> = ({ context }, permissions) => {
  authorize(context.actor, permissions);
  return true;
};
