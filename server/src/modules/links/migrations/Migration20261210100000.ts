import { Migration } from '@mikro-orm/migrations';

/**
 * Click-tracked links (modules/links, SEG-15): the links with their random tokens, and clicks per
 * link and day (Asia/Tokyo). The owner is a name and an id, not a foreign key: a delivery's links
 * are made before its row and outlive it.
 */
export class Migration20261210100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "tracked_link" (
        "id" uuid not null,
        "token" varchar(64) not null,
        "url" varchar(2000) not null,
        "owner_type" varchar(60) not null,
        "owner_id" uuid not null,
        "label" varchar(200) null,
        "created_at" timestamptz not null default now(),
        constraint "tracked_link_pkey" primary key ("id")
      );`,
    );
    this.addSql(`alter table "tracked_link" add constraint "tracked_link_token_unique" unique ("token");`);
    // Also the index of an owner's links (clicks per delivery).
    this.addSql(
      `alter table "tracked_link" add constraint "tracked_link_owner_type_owner_id_url_unique" unique ("owner_type", "owner_id", "url");`,
    );

    this.addSql(
      `create table "tracked_link_click" (
        "link_id" uuid not null references "tracked_link" ("id") on update cascade on delete cascade,
        "day" date not null,
        "clicks" int not null default 0,
        constraint "tracked_link_click_pkey" primary key ("link_id", "day")
      );`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "tracked_link_click";`);
    this.addSql(`drop table if exists "tracked_link";`);
  }
}
