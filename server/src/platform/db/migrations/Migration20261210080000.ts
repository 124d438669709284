import { Migration } from '@mikro-orm/migrations';

/** Evenly paced call streams shared by every process (RateLimiter.pace: LINE's per-second limits). */
export class Migration20261210080000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "rate_pacer" ("key" varchar(200) not null, "next_slot" timestamptz not null, constraint "rate_pacer_pkey" primary key ("key"));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "rate_pacer";`);
  }
}
