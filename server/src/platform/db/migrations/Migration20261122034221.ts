import { Migration } from '@mikro-orm/migrations';

export class Migration20261122034221 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "audit_event" ("seq" bigserial primary key, "occurred_at" timestamptz not null, "actor_type" varchar(16) not null, "actor_id" varchar(64) null, "actor_label" varchar(120) null, "action" varchar(100) not null, "target_type" varchar(60) null, "target_id" varchar(64) null, "summary" text null, "ip" varchar(45) null, "user_agent" varchar(400) null, "department_id" uuid null, "prev_hash" varchar(64) not null, "hash" varchar(64) not null);`,
    );
    this.addSql(`create index "audit_event_actor_id_index" on "audit_event" ("actor_id");`);
    this.addSql(`create index "audit_event_department_id_index" on "audit_event" ("department_id");`);
    this.addSql(`create index "audit_event_target_type_target_id_index" on "audit_event" ("target_type", "target_id");`);
    this.addSql(`create index "audit_event_action_index" on "audit_event" ("action");`);
    this.addSql(`create index "audit_event_occurred_at_index" on "audit_event" ("occurred_at");`);

    this.addSql(
      `create table "audit_settings" ("id" serial primary key, "retention_months" int not null, "anchor_seq" bigint null, "anchor_hash" varchar(64) not null);`,
    );

    this.addSql(
      `create table "department" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "code" varchar(32) not null, "name" varchar(100) not null, constraint "department_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "department" add constraint "department_code_unique" unique ("code");`);

    this.addSql(
      `create table "ip_allowlist_entry" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "cidr" varchar(50) not null, "description" varchar(200) null, constraint "ip_allowlist_entry_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "ip_allowlist_entry" add constraint "ip_allowlist_entry_cidr_unique" unique ("cidr");`);

    this.addSql(
      `create table "rate_limit_bucket" ("key" varchar(200) not null, "window_start" timestamptz not null, "count" int not null, constraint "rate_limit_bucket_pkey" primary key ("key", "window_start"));`,
    );

    this.addSql(
      `create table "resident" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "line_user_id_hash" varchar(67) not null, "line_user_id" text not null, "display_name" text null, "picture_url" text null, "language" varchar(10) not null default 'ja', "last_signed_in_at" timestamptz null, constraint "resident_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "resident" add constraint "resident_line_user_id_hash_unique" unique ("line_user_id_hash");`);

    this.addSql(
      `create table "resident_session" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "token_hash" varchar(64) not null, "resident_id" uuid not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, constraint "resident_session_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "resident_session" add constraint "resident_session_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "resident_session_resident_id_index" on "resident_session" ("resident_id");`);

    this.addSql(
      `create table "role" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "name" varchar(100) not null, "description" text null, "permissions" text[] not null, "is_system_admin" boolean not null default false, "require_totp" boolean not null default false, constraint "role_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "role" add constraint "role_name_unique" unique ("name");`);

    this.addSql(
      `create table "staff_user" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "login_id" varchar(64) not null, "display_name" varchar(100) not null, "email" text null, "password_hash" varchar(255) not null, "department_id" uuid not null, "is_active" boolean not null default true, "totp_enabled" boolean not null default false, "totp_secret" text null, "totp_pending_secret" text null, "totp_last_step" bigint null, "must_change_password" boolean not null default false, "failed_login_count" int not null default 0, "locked_until" timestamptz null, "last_login_at" timestamptz null, "password_changed_at" timestamptz null, constraint "staff_user_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "staff_user" add constraint "staff_user_login_id_unique" unique ("login_id");`);
    this.addSql(`create index "staff_user_department_id_index" on "staff_user" ("department_id");`);

    this.addSql(
      `create table "staff_session" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "token_hash" varchar(64) not null, "staff_id" uuid not null, "last_seen_at" timestamptz not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, "ip" varchar(45) null, "user_agent" varchar(400) null, constraint "staff_session_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "staff_session" add constraint "staff_session_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "staff_session_staff_id_index" on "staff_session" ("staff_id");`);

    this.addSql(
      `create table "staff_user_role" ("staff_user_id" uuid not null, "role_id" uuid not null, constraint "staff_user_role_pkey" primary key ("staff_user_id", "role_id"));`,
    );

    this.addSql(
      `create table "api_key" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "name" varchar(100) not null, "prefix" varchar(16) not null, "secret_hash" varchar(67) not null, "permissions" text[] not null, "department_id" uuid null, "ip_restricted" boolean not null default false, "rate_limit_per_minute" int not null, "expires_at" timestamptz null, "revoked_at" timestamptz null, "last_used_at" timestamptz null, "created_by_id" uuid null, constraint "api_key_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "api_key_prefix_index" on "api_key" ("prefix");`);
    this.addSql(`alter table "api_key" add constraint "api_key_secret_hash_unique" unique ("secret_hash");`);

    this.addSql(
      `alter table "resident_session" add constraint "resident_session_resident_id_foreign" foreign key ("resident_id") references "resident" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "staff_user" add constraint "staff_user_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade on delete restrict;`,
    );

    this.addSql(
      `alter table "staff_session" add constraint "staff_session_staff_id_foreign" foreign key ("staff_id") references "staff_user" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "staff_user_role" add constraint "staff_user_role_staff_user_id_foreign" foreign key ("staff_user_id") references "staff_user" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "staff_user_role" add constraint "staff_user_role_role_id_foreign" foreign key ("role_id") references "role" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "api_key" add constraint "api_key_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(
      `alter table "api_key" add constraint "api_key_created_by_id_foreign" foreign key ("created_by_id") references "staff_user" ("id") on update cascade on delete set null;`,
    );
  }
}
