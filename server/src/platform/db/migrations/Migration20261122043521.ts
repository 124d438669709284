import { Migration } from '@mikro-orm/migrations';

export class Migration20261122043521 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "line_send_request" ("retry_key" uuid not null, "channel_id" uuid not null, "endpoint" varchar(20) not null, "status" text check ("status" in ('PENDING', 'ACCEPTED', 'FAILED')) not null default 'PENDING', "ref" varchar(120) null, "recipients" int not null, "attempts" int not null default 0, "line_request_id" varchar(64) null, "last_error" text null, "created_at" timestamptz not null default now(), "completed_at" timestamptz null, constraint "line_send_request_pkey" primary key ("retry_key"));`,
    );
    this.addSql(`create index "line_send_request_channel_id_created_at_index" on "line_send_request" ("channel_id", "created_at");`);

    this.addSql(`alter table "line_channel" alter column "greeting_text" type text using ("greeting_text"::text);`);
    this.addSql(`alter table "line_channel" alter column "greeting_text" set default '友だち追加ありがとうございます。
お住まいの地域や関心のある分野を登録していただくと、あなたに合った情報をお届けします。メニューの「受信設定」から登録してください。';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "line_send_request" cascade;`);

    this.addSql(`alter table "line_channel" alter column "greeting_text" type text using ("greeting_text"::text);`);
    this.addSql(`alter table "line_channel" alter column "greeting_text" set default '友だち追加ありがとうございます。
お住まいの地域や関心のある分野を登録していただくと、あなたに合った情報をお届けします。メニューの「受信設定」から登録してください。'::text;`);
  }
}
