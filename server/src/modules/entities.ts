import { RateLimitBucket } from '../platform/ratelimit/rate-limit-bucket.entity.js';
import { LineSendRequest } from '../platform/line/line-send-request.entity.js';
import { Department } from './identity/department.entity.js';
import { Role } from './identity/role.entity.js';
import { StaffUser } from './identity/staff-user.entity.js';
import { StaffSession } from './identity/staff-session.entity.js';
import { ApiKey } from './identity/api-key.entity.js';
import { IpAllowlistEntry } from './identity/ip-allowlist-entry.entity.js';
import { AuditEvent } from './audit/audit-event.entity.js';
import { AuditSettings } from './audit/audit-settings.entity.js';
import { Resident } from './residents/resident.entity.js';
import { ResidentSession } from './residents/resident-session.entity.js';
import { LineChannel } from './channels/line-channel.entity.js';
import { ResidentFollowEvent } from './residents/resident-follow-event.entity.js';
import { TalkLogEntry } from './residents/talk-log-entry.entity.js';
import { ResidentNameToken } from './residents/resident-name-token.entity.js';
import { LineWebhookEvent } from './webhook/line-webhook-event.entity.js';

/** Every MikroORM entity of the server; features add theirs here. */
export const entities = [
  RateLimitBucket,
  LineSendRequest,
  Department,
  Role,
  StaffUser,
  StaffSession,
  ApiKey,
  IpAllowlistEntry,
  AuditEvent,
  AuditSettings,
  Resident,
  ResidentSession,
  LineChannel,
  ResidentFollowEvent,
  TalkLogEntry,
  ResidentNameToken,
  LineWebhookEvent,
] as const;
