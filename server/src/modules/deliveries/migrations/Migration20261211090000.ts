import { Migration } from '@mikro-orm/migrations';

/**
 * Step messages (SEG-11): plans of messages N days before or after a resident's date attribute,
 * the record of every (plan, step, resident, reference date) sent, unique so a step fires once
 * per child's date however often the job runs, and the multicast batches written with that record
 * (retry key fixed at insert) so a crash between recording and sending resumes without duplicates.
 */
export class Migration20261211090000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "delivery_step_plan" (
        "id" uuid not null,
        "created_at" timestamptz not null default now(),
        "updated_at" timestamptz not null default now(),
        "title" varchar(100) not null,
        "department_id" uuid not null references "department" ("id") on delete restrict,
        "channel_id" uuid not null references "line_channel" ("id") on delete restrict,
        "date_attribute_id" int not null references "attribute_definition" ("id") on delete restrict,
        "segment_ids" uuid[] not null default '{}',
        "enabled" boolean not null default false,
        "steps" jsonb not null,
        "scanned_until" timestamptz not null default now(),
        "created_by" uuid null,
        constraint "delivery_step_plan_pkey" primary key ("id")
      );`,
    );
    this.addSql(
      `create index "delivery_step_plan_department_id_updated_at_index" on "delivery_step_plan" ("department_id", "updated_at");`,
    );
    this.addSql(`create index "delivery_step_plan_enabled_index" on "delivery_step_plan" ("id") where "enabled";`);

    // Written with SQL only (no entity), like delivery_batch: ≤ 500 residents, one step, one
    // reference date and one language each, the content compiled when it was queued.
    this.addSql(
      `create table "delivery_step_batch" (
        "id" bigint generated always as identity primary key,
        "created_at" timestamptz not null default now(),
        "plan_id" uuid not null references "delivery_step_plan" ("id") on delete cascade,
        "step_id" uuid not null,
        "reference_date" date not null,
        "language" varchar(10) not null,
        "resident_ids" uuid[] not null,
        "recipients" int not null,
        "messages" jsonb not null,
        "retry_key" uuid not null default gen_random_uuid(),
        "status" text not null default 'PENDING',
        "attempts" int not null default 0,
        "not_before" timestamptz null,
        "sent_at" timestamptz null,
        "line_request_id" varchar(64) null,
        "last_error" text null
      );`,
    );
    this.addSql(`create index "delivery_step_batch_pending_index" on "delivery_step_batch" ("id") where "status" = 'PENDING';`);
    this.addSql(`create index "delivery_step_batch_plan_id_index" on "delivery_step_batch" ("plan_id");`);

    this.addSql(
      `create table "delivery_step_sent" (
        "plan_id" uuid not null references "delivery_step_plan" ("id") on delete cascade,
        "step_id" uuid not null,
        "resident_id" uuid not null references "resident" ("id") on delete cascade,
        "reference_date" date not null,
        "batch_id" bigint null references "delivery_step_batch" ("id") on delete set null,
        "created_at" timestamptz not null default now(),
        "sent_at" timestamptz null,
        constraint "delivery_step_sent_pkey" primary key ("plan_id", "step_id", "resident_id", "reference_date")
      );`,
    );
    this.addSql(`create index "delivery_step_sent_batch_id_index" on "delivery_step_sent" ("batch_id");`);
    this.addSql(`create index "delivery_step_sent_resident_id_index" on "delivery_step_sent" ("resident_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "delivery_step_sent";`);
    this.addSql(`drop table if exists "delivery_step_batch";`);
    this.addSql(`drop table if exists "delivery_step_plan";`);
  }
}
