/** The audit module's public surface: other modules and the composition root import only this. */
import type { AuditServices } from './audit.module.js';

export { auditModule, type AuditServices } from './audit.module.js';
export { AuditService, AUDIT_EVENT_ADDED, type AuditEntry } from './audit.service.js';

declare module '../../platform/modules/feature-module.js' {
  interface ModuleApis {
    audit: AuditServices;
  }
}
