import { Migration } from '@mikro-orm/migrations';

export class Migration20261122041736 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "line_channel" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "name" varchar(100) not null, "purpose" text check ("purpose" in ('PRODUCTION', 'TRAINING')) not null, "messaging_channel_id" varchar(20) not null, "channel_secret" text not null, "channel_access_token" text not null, "credentials_updated_at" timestamptz not null, "login_channel_id" varchar(20) null, "liff_ids" text[] not null default '{}', "is_active" boolean not null default true, "bot_user_id" varchar(40) null, "basic_id" varchar(40) null, "bot_display_name" varchar(100) null, "bot_picture_url" varchar(500) null, "last_checked_at" timestamptz null, "last_check_ok" boolean null, "last_check_message" varchar(300) null, constraint "line_channel_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "line_channel" add constraint "line_channel_messaging_channel_id_unique" unique ("messaging_channel_id");`);

    this.addSql(`alter table "audit_settings" alter column "id" type int using ("id"::int);`);
    this.addSql(`alter table "audit_settings" alter column "id" set default 1;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "line_channel" cascade;`);

    this.addSql(`alter table "audit_settings" alter column "id" drop default;`);
    this.addSql(`alter table "audit_settings" alter column "id" type int4 using ("id"::int4);`);
  }
}
