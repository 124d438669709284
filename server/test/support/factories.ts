import { randomBytes, randomUUID } from 'node:crypto';
import { sha256Hex } from '../../src/platform/crypto/digest.js';
import { DEPARTMENT_SCOPE, unscopedFork } from '../../src/platform/db/department-scope.js';
import { departmentScope, type StaffActor } from '../../src/platform/context/actor.js';
import type { ServiceContext } from '../../src/platform/context/context.js';
import { Department } from '../../src/modules/identity/department.entity.js';
import { Role } from '../../src/modules/identity/role.entity.js';
import { StaffUser } from '../../src/modules/identity/staff-user.entity.js';
import { StaffSession } from '../../src/modules/identity/staff-session.entity.js';
import { ApiKey } from '../../src/modules/identity/api-key.entity.js';
import { STAFF_SESSION_COOKIE } from '../../src/modules/identity/auth.service.js';
import { LineChannel, LineChannelPurpose } from '../../src/modules/channels/line-channel.entity.js';
import { Resident } from '../../src/modules/residents/resident.entity.js';
import { ResidentSession } from '../../src/modules/residents/resident-session.entity.js';
import { RESIDENT_SESSION_COOKIE } from '../../src/modules/residents/resident-auth.service.js';
import { GqlClient } from './graphql-client.js';
import type { TestServer } from './test-server.js';

/** Never used to sign in: factory accounts get sessions directly (no argon2 in the loop). */
const NO_PASSWORD = '$argon2id$v=19$m=19456,t=2,p=1$bm90LWEtcGFzc3dvcmQ$bm90LWEtcGFzc3dvcmQtaGFzaC1hdC1hbGw';

const suffix = () => randomBytes(4).toString('hex');

const testMeta = (): ServiceContext['meta'] => ({ requestId: 'test', ip: null, userAgent: null, trace: { auditWrites: 0 } });

export interface NewStaffOptions {
  permissions?: string[];
  roles?: Role[];
  departmentId?: string;
  isSystemAdmin?: boolean;
  /** A role that makes TOTP mandatory, without enrolment: only enrolment is allowed. */
  totpEnrolmentRequired?: boolean;
  mustChangePassword?: boolean;
  loginId?: string;
}

export interface NewStaff {
  staff: StaffUser;
  client: GqlClient;
  /** The session cookie, `machi_staff=…`. */
  cookie: string;
  departmentId: string;
}

/**
 * Rows straight through the ORM, for tests that need many actors or objects quickly: departments,
 * roles, staff with a signed-in session, API keys, channels, residents with a session.
 */
export class Factories {
  constructor(private readonly t: TestServer) {}

  private em() {
    return unscopedFork(this.t.app.orm.em);
  }

  /** A service context acting as the system (jobs, maintenance): every department visible. */
  systemContext(): ServiceContext {
    const em = this.t.app.orm.em.fork();
    em.setFilterParams(DEPARTMENT_SCOPE, { all: true });
    return { em, actor: { kind: 'system', name: 'test' }, meta: testMeta() };
  }

  /** The service context of a staff member of one department, scoped as a request would be. */
  staffContext(departmentId: string, permissions: string[] = []): ServiceContext {
    const actor: StaffActor = {
      kind: 'staff',
      staffId: 'x',
      sessionId: 'x',
      loginId: 'x',
      departmentId,
      isSystemAdmin: false,
      permissions: new Set(permissions),
      totpEnrolmentRequired: false,
      mustChangePassword: false,
    };
    const em = this.t.app.orm.em.fork();
    const scope = departmentScope(actor);
    em.setFilterParams(DEPARTMENT_SCOPE, scope === 'all' ? { all: true } : { all: false, departmentIds: scope });
    return { em, actor, meta: testMeta() };
  }

  async newDepartment(name = '部署'): Promise<Department> {
    const em = this.em();
    const dept = em.create(Department, { code: `f-${suffix()}`, name: `${name} ${suffix()}` });
    await em.persist(dept).flush();
    return dept;
  }

  async newRole(options: {
    permissions: string[];
    departmentId?: string | null;
    isSystemAdmin?: boolean;
    requireTotp?: boolean;
  }): Promise<Role> {
    const em = this.em();
    const role = em.create(Role, {
      name: `factory-role-${suffix()}`,
      permissions: [...options.permissions].sort(),
      isSystemAdmin: options.isSystemAdmin ?? false,
      requireTotp: options.requireTotp ?? false,
      department: options.departmentId ? em.getReference(Department, options.departmentId) : null,
    });
    await em.persist(role).flush();
    return role;
  }

  /** A staff member with a live session; their client sends its cookie. */
  async newStaff(options: NewStaffOptions = {}): Promise<NewStaff> {
    const em = this.em();
    const departmentId = options.departmentId ?? (await this.newDepartment()).id;
    const roles = [...(options.roles ?? [])];
    if (options.permissions || options.isSystemAdmin || options.totpEnrolmentRequired || roles.length === 0) {
      roles.push(
        await this.newRole({
          permissions: options.permissions ?? [],
          isSystemAdmin: options.isSystemAdmin,
          requireTotp: options.totpEnrolmentRequired,
        }),
      );
    }
    const staff = em.create(StaffUser, {
      loginId: options.loginId ?? `f-${suffix()}`,
      displayName: `職員 ${suffix()}`,
      passwordHash: NO_PASSWORD,
      department: em.getReference(Department, departmentId),
      mustChangePassword: options.mustChangePassword ?? false,
    });
    staff.roles.set(roles.map((r) => em.getReference(Role, r.id)));
    await em.persist(staff).flush();
    const cookie = await this.newSession(staff.id);
    return { staff, client: new GqlClient(this.t.url, { cookie }), cookie, departmentId };
  }

  /** A new session for an existing staff member; returns the cookie header value. */
  async newSession(staffId: string): Promise<string> {
    const em = this.em();
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    em.persist(
      em.create(StaffSession, {
        tokenHash: sha256Hex(token),
        staff: em.getReference(StaffUser, staffId),
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + 3_600_000),
      }),
    );
    await em.flush();
    return `${STAFF_SESSION_COOKIE}=${token}`;
  }

  async newApiKey(options: {
    permissions: string[];
    departmentId?: string | null;
    ipRestricted?: boolean;
    rateLimitPerMinute?: number;
    expiresAt?: Date | null;
  }): Promise<{ key: ApiKey; secret: string; client: GqlClient }> {
    const em = this.em();
    const secret = `mlk_${randomBytes(32).toString('base64url')}`;
    const key = em.create(ApiKey, {
      name: `factory-key-${suffix()}`,
      prefix: secret.slice(0, 12),
      secretHash: this.t.app.keyring.hash(secret),
      permissions: [...options.permissions].sort(),
      department: options.departmentId ? em.getReference(Department, options.departmentId) : null,
      ipRestricted: options.ipRestricted ?? false,
      rateLimitPerMinute: options.rateLimitPerMinute ?? 10_000,
      expiresAt: options.expiresAt ?? null,
    });
    await em.persist(key).flush();
    return { key, secret, client: new GqlClient(this.t.url, { authorization: `Bearer ${secret}` }) };
  }

  async newChannel(): Promise<LineChannel> {
    const em = this.em();
    const channel = em.create(LineChannel, {
      name: `チャネル ${suffix()}`,
      purpose: LineChannelPurpose.TRAINING,
      messagingChannelId: String(1_000_000_000 + Math.floor(Math.random() * 999_999_999)),
      channelSecret: randomBytes(16).toString('hex'),
      channelAccessToken: randomBytes(32).toString('base64url'),
      credentialsUpdatedAt: new Date(),
    });
    await em.persist(channel).flush();
    return channel;
  }

  /** A resident of a channel with a signed-in session (as after LIFF sign-in). */
  async newResident(options: { channel?: LineChannel } = {}): Promise<{ resident: Resident; client: GqlClient; cookie: string }> {
    const em = this.em();
    const channel = options.channel ?? (await this.newChannel());
    const lineUserId = `U${randomUUID().replaceAll('-', '')}`;
    const resident = em.create(Resident, {
      channel: em.getReference(LineChannel, channel.id),
      lineUserId,
      lineUserIdHash: this.t.app.keyring.hash(lineUserId),
      displayName: `住民 ${suffix()}`,
    });
    const token = randomBytes(32).toString('base64url');
    em.persist(resident);
    em.persist(em.create(ResidentSession, { tokenHash: sha256Hex(token), resident, expiresAt: new Date(Date.now() + 3_600_000) }));
    await em.flush();
    const cookie = `${RESIDENT_SESSION_COOKIE}=${token}`;
    return { resident, client: new GqlClient(this.t.url, { cookie }), cookie };
  }
}
