import { Migration } from '@mikro-orm/migrations';

/**
 * Delivery statistics (SEG-14/15): what LINE's insight last reported for each real run. Counts
 * keep LINE's names and stay null where LINE withholds them (privacy threshold), never 0.
 */
export class Migration20261211143000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "delivery_stat" (
        "id" uuid not null,
        "created_at" timestamptz not null default now(),
        "updated_at" timestamptz not null default now(),
        "run_id" uuid not null references "delivery_run" ("id") on delete cascade,
        "delivery_id" uuid not null references "delivery" ("id") on delete cascade,
        "department_id" uuid not null references "department" ("id") on delete restrict,
        "collected_at" timestamptz null,
        "attempted_at" timestamptz null,
        "period_from" varchar(8) null,
        "period_to" varchar(8) null,
        "unique_impression" int null,
        "unique_click" int null,
        "unique_media_played" int null,
        "unique_media_played_100_percent" int null,
        "messages" jsonb null,
        "clicks" jsonb null,
        "last_error" text null,
        constraint "delivery_stat_pkey" primary key ("id"),
        constraint "delivery_stat_run_id_unique" unique ("run_id")
      );`,
    );
    this.addSql(`create index "delivery_stat_delivery_id_index" on "delivery_stat" ("delivery_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "delivery_stat";`);
  }
}
