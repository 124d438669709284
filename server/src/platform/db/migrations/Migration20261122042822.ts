import { Migration } from '@mikro-orm/migrations';

export class Migration20261122042822 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "line_webhook_event" ("id" bigserial primary key, "channel_id" uuid not null, "webhook_event_id" varchar(64) not null, "type" varchar(40) not null, "payload" text not null, "received_at" timestamptz not null, "redeliveries" int not null default 0, "status" text check ("status" in ('PENDING', 'PROCESSED', 'IGNORED', 'FAILED')) not null default 'PENDING', "attempts" int not null default 0, "last_error" text null, "next_attempt_at" timestamptz null, "processed_at" timestamptz null);`,
    );
    this.addSql(`create index "line_webhook_event_status_next_attempt_at_index" on "line_webhook_event" ("status", "next_attempt_at");`);
    this.addSql(
      `alter table "line_webhook_event" add constraint "line_webhook_event_channel_id_webhook_event_id_unique" unique ("channel_id", "webhook_event_id");`,
    );

    this.addSql(
      `create table "resident_follow_event" ("id" bigserial primary key, "resident_id" uuid not null, "kind" text check ("kind" in ('FOLLOW', 'UNFOLLOW')) not null, "occurred_at" timestamptz not null, "source_event_id" varchar(64) null);`,
    );
    this.addSql(
      `alter table "resident_follow_event" add constraint "resident_follow_event_source_event_id_unique" unique ("source_event_id");`,
    );
    this.addSql(
      `create index "resident_follow_event_resident_id_occurred_at_index" on "resident_follow_event" ("resident_id", "occurred_at");`,
    );

    this.addSql(
      `create table "talk_log_entry" ("id" bigserial primary key, "resident_id" uuid not null, "direction" text check ("direction" in ('INCOMING', 'OUTGOING')) not null, "message_type" varchar(20) not null, "content" text null, "origin" varchar(40) null, "occurred_at" timestamptz not null, "source_event_id" varchar(80) null);`,
    );
    this.addSql(`alter table "talk_log_entry" add constraint "talk_log_entry_source_event_id_unique" unique ("source_event_id");`);
    this.addSql(`create index "talk_log_entry_occurred_at_index" on "talk_log_entry" ("occurred_at");`);
    this.addSql(`create index "talk_log_entry_resident_id_occurred_at_index" on "talk_log_entry" ("resident_id", "occurred_at");`);

    this.addSql(
      `alter table "line_webhook_event" add constraint "line_webhook_event_channel_id_foreign" foreign key ("channel_id") references "line_channel" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "resident_follow_event" add constraint "resident_follow_event_resident_id_foreign" foreign key ("resident_id") references "resident" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "talk_log_entry" add constraint "talk_log_entry_resident_id_foreign" foreign key ("resident_id") references "resident" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(`alter table "line_channel" add column "greeting_text" text not null default '友だち追加ありがとうございます。
お住まいの地域や関心のある分野を登録していただくと、あなたに合った情報をお届けします。メニューの「受信設定」から登録してください。';`);

    this.addSql(`alter table "resident" drop constraint "resident_line_user_id_hash_unique";`);

    this.addSql(
      `alter table "resident" add column "channel_id" uuid null, add column "follow_status" text check ("follow_status" in ('FOLLOWING', 'BLOCKED', 'UNKNOWN')) not null default 'UNKNOWN', add column "followed_at" timestamptz null, add column "unfollowed_at" timestamptz null, add column "profile_refreshed_at" timestamptz null, add column "is_test_recipient" boolean not null default false, add column "tags" text[] not null default '{}';`,
    );
    this.addSql(
      `alter table "resident" add constraint "resident_channel_id_foreign" foreign key ("channel_id") references "line_channel" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(`create index "resident_channel_id_index" on "resident" ("channel_id");`);
    this.addSql(`create index "resident_line_user_id_hash_index" on "resident" ("line_user_id_hash");`);
    this.addSql(
      `alter table "resident" add constraint "resident_channel_id_line_user_id_hash_unique" unique ("channel_id", "line_user_id_hash");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "line_webhook_event" cascade;`);

    this.addSql(`drop table if exists "resident_follow_event" cascade;`);

    this.addSql(`drop table if exists "talk_log_entry" cascade;`);

    this.addSql(`alter table "resident" drop constraint "resident_channel_id_foreign";`);

    this.addSql(`alter table "line_channel" drop column "greeting_text";`);

    this.addSql(`drop index "resident_channel_id_index";`);
    this.addSql(`drop index "resident_line_user_id_hash_index";`);
    this.addSql(`alter table "resident" drop constraint "resident_channel_id_line_user_id_hash_unique";`);
    this.addSql(
      `alter table "resident" drop column "channel_id", drop column "follow_status", drop column "followed_at", drop column "unfollowed_at", drop column "profile_refreshed_at", drop column "is_test_recipient", drop column "tags";`,
    );

    this.addSql(`alter table "resident" add constraint "resident_line_user_id_hash_unique" unique ("line_user_id_hash");`);
  }
}
