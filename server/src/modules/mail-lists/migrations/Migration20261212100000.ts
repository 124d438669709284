import { Migration } from '@mikro-orm/migrations';

/**
 * Mail lists (modules/mail-lists, SEG-05): lists owned by a department, their subscribers (address
 * encrypted, found by its keyed hash), who is on which list, the one-time confirmation links of
 * the double opt-in, and which subscriber each delivery run has already been mailed to.
 */
export class Migration20261212100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "mail_list" (
        "id" uuid not null,
        "created_at" timestamptz not null default now(),
        "updated_at" timestamptz not null default now(),
        "name" varchar(100) not null,
        "description" text null,
        "is_public" boolean not null default false,
        "active" boolean not null default true,
        "department_id" uuid not null references "department" ("id") on delete restrict,
        constraint "mail_list_pkey" primary key ("id"),
        constraint "mail_list_department_id_name_unique" unique ("department_id", "name")
      );`,
    );
    this.addSql(`create index "mail_list_department_id_updated_at_index" on "mail_list" ("department_id", "updated_at");`);

    this.addSql(
      `create table "mail_subscriber" (
        "id" uuid not null,
        "created_at" timestamptz not null default now(),
        "updated_at" timestamptz not null default now(),
        "email" text not null,
        "email_hash" varchar(67) not null,
        "status" varchar(12) not null default 'PENDING' check ("status" in ('PENDING', 'CONFIRMED', 'UNSUBSCRIBED')),
        "confirmed_at" timestamptz null,
        "unsubscribed_at" timestamptz null,
        constraint "mail_subscriber_pkey" primary key ("id"),
        constraint "mail_subscriber_email_hash_unique" unique ("email_hash")
      );`,
    );
    this.addSql(`create index "mail_subscriber_status_created_at_index" on "mail_subscriber" ("status", "created_at");`);

    this.addSql(
      `create table "mail_list_member" (
        "id" uuid not null,
        "created_at" timestamptz not null default now(),
        "updated_at" timestamptz not null default now(),
        "list_id" uuid not null references "mail_list" ("id") on delete cascade,
        "subscriber_id" uuid not null references "mail_subscriber" ("id") on delete cascade,
        "department_id" uuid not null references "department" ("id") on delete restrict,
        "confirmed_at" timestamptz null,
        "confirmed_via" varchar(20) null check ("confirmed_via" in ('LINK', 'STAFF_CONSENT')),
        constraint "mail_list_member_pkey" primary key ("id"),
        constraint "mail_list_member_list_id_subscriber_id_unique" unique ("list_id", "subscriber_id")
      );`,
    );
    this.addSql(`create index "mail_list_member_subscriber_id_index" on "mail_list_member" ("subscriber_id");`);
    this.addSql(`create index "mail_list_member_list_id_created_at_index" on "mail_list_member" ("list_id", "created_at");`);
    this.addSql(`create index "mail_list_member_department_id_index" on "mail_list_member" ("department_id");`);

    this.addSql(
      `create table "mail_list_confirmation" (
        "id" uuid not null,
        "created_at" timestamptz not null default now(),
        "subscriber_id" uuid not null references "mail_subscriber" ("id") on delete cascade,
        "token_hash" varchar(64) not null,
        "list_ids" uuid[] not null,
        "expires_at" timestamptz not null,
        "used_at" timestamptz null,
        constraint "mail_list_confirmation_pkey" primary key ("id"),
        constraint "mail_list_confirmation_token_hash_unique" unique ("token_hash")
      );`,
    );
    this.addSql(`create index "mail_list_confirmation_subscriber_id_index" on "mail_list_confirmation" ("subscriber_id");`);
    this.addSql(`create index "mail_list_confirmation_expires_at_index" on "mail_list_confirmation" ("expires_at");`);

    this.addSql(
      `create table "mail_list_send" (
        "run_id" uuid not null,
        "subscriber_id" uuid not null references "mail_subscriber" ("id") on delete cascade,
        "delivery_id" uuid not null,
        "outbound_mail_id" uuid null references "outbound_mail" ("id") on delete set null,
        "created_at" timestamptz not null default now(),
        constraint "mail_list_send_pkey" primary key ("run_id", "subscriber_id")
      );`,
    );
    this.addSql(`create index "mail_list_send_subscriber_id_index" on "mail_list_send" ("subscriber_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "mail_list_send";`);
    this.addSql(`drop table if exists "mail_list_confirmation";`);
    this.addSql(`drop table if exists "mail_list_member";`);
    this.addSql(`drop table if exists "mail_subscriber";`);
    this.addSql(`drop table if exists "mail_list";`);
  }
}
