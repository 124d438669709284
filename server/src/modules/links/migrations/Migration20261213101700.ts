import { Migration } from '@mikro-orm/migrations';

/**
 * Identified clicks (docs/adr/0016): a link sent through the LIFF app (`identified_at`, the last
 * time its owner asked for it that way) and, per owner and resident, the first link they opened
 * there and when. One row per owner and resident however often they tap; a resident's rows go
 * with the resident. The primary key serves the segment condition "opened a link of delivery X".
 */
export class Migration20261213101700 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "tracked_link" add column "identified_at" timestamptz null;`);
    this.addSql(
      `create table "tracked_link_resident_click" (
        "owner_type" varchar(60) not null,
        "owner_id" uuid not null,
        "resident_id" uuid not null references "resident" ("id") on delete cascade,
        "link_id" uuid not null references "tracked_link" ("id") on update cascade on delete cascade,
        "first_clicked_at" timestamptz not null default now(),
        constraint "tracked_link_resident_click_pkey" primary key ("owner_type", "owner_id", "resident_id")
      );`,
    );
    // Deleting a resident (or a link) finds their rows by index, not by a scan.
    this.addSql(`create index "tracked_link_resident_click_resident_id_index" on "tracked_link_resident_click" ("resident_id");`);
    this.addSql(`create index "tracked_link_resident_click_link_id_index" on "tracked_link_resident_click" ("link_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "tracked_link_resident_click";`);
    this.addSql(`alter table "tracked_link" drop column if exists "identified_at";`);
  }
}
