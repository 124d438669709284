import { Migration } from '@mikro-orm/migrations';

export class Migration20261122044053 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "resident_name_token" ("resident_id" uuid not null, "token_hash" varchar(67) not null, constraint "resident_name_token_pkey" primary key ("resident_id", "token_hash"));`,
    );
    this.addSql(`create index "resident_name_token_token_hash_index" on "resident_name_token" ("token_hash");`);

    this.addSql(
      `alter table "resident_name_token" add constraint "resident_name_token_resident_id_foreign" foreign key ("resident_id") references "resident" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(`alter table "line_channel" alter column "greeting_text" type text using ("greeting_text"::text);`);
    this.addSql(`alter table "line_channel" alter column "greeting_text" set default '友だち追加ありがとうございます。
お住まいの地域や関心のある分野を登録していただくと、あなたに合った情報をお届けします。メニューの「受信設定」から登録してください。';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "resident_name_token" cascade;`);

    this.addSql(`alter table "line_channel" alter column "greeting_text" type text using ("greeting_text"::text);`);
    this.addSql(`alter table "line_channel" alter column "greeting_text" set default '友だち追加ありがとうございます。
お住まいの地域や関心のある分野を登録していただくと、あなたに合った情報をお届けします。メニューの「受信設定」から登録してください。'::text;`);
  }
}
