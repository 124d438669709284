import { Migration } from '@mikro-orm/migrations';

/**
 * SEG-03: a role can be limited to a set of segments. A role with a row here is limited to its
 * `segment_ids`; a role without one may use every segment of its departments.
 */
export class Migration20261211080000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "segment_role_access" (
        "role_id" uuid not null references "role" ("id") on delete cascade,
        "segment_ids" uuid[] not null default '{}',
        "updated_at" timestamptz not null default now(),
        constraint "segment_role_access_pkey" primary key ("role_id")
      );`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "segment_role_access";`);
  }
}
