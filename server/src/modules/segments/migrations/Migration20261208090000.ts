import { Migration } from '@mikro-orm/migrations';

/** Segments (modules/segments): named condition trees over residents, owned by a department. */
export class Migration20261208090000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "segment" (
        "id" uuid not null,
        "created_at" timestamptz not null default now(),
        "updated_at" timestamptz not null default now(),
        "name" varchar(100) not null,
        "description" text null,
        "department_id" uuid not null references "department" ("id") on delete restrict,
        "condition" jsonb not null,
        "last_count" int null,
        "last_counted_at" timestamptz null,
        constraint "segment_pkey" primary key ("id")
      );`,
    );
    this.addSql(`create index "segment_department_id_updated_at_index" on "segment" ("department_id", "updated_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "segment";`);
  }
}
