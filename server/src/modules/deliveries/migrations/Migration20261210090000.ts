import { Migration } from '@mikro-orm/migrations';

/**
 * Deliveries (modules/deliveries): what to send, its runs, and each run's multicast batches,
 * written before any call so a crash resumes without duplicates or gaps.
 */
export class Migration20261210090000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "delivery" (
        "id" uuid not null,
        "created_at" timestamptz not null default now(),
        "updated_at" timestamptz not null default now(),
        "title" varchar(100) not null,
        "department_id" uuid not null references "department" ("id") on delete restrict,
        "channel_id" uuid not null references "line_channel" ("id") on delete restrict,
        "status" text not null default 'DRAFT',
        "variants" jsonb not null,
        "target_kind" text not null,
        "segment_ids" uuid[] not null default '{}',
        "list_size" int not null default 0,
        "timing" text not null,
        "scheduled_at" timestamptz null,
        "recurrence" jsonb null,
        "next_run_at" timestamptz null,
        "form_id" uuid null,
        "email_mirror" boolean not null default false,
        "created_by" uuid null,
        "approved_by" uuid null,
        "approved_at" timestamptz null,
        "last_tested_at" timestamptz null,
        constraint "delivery_pkey" primary key ("id")
      );`,
    );
    this.addSql(`create index "delivery_department_id_updated_at_index" on "delivery" ("department_id", "updated_at");`);
    this.addSql(`create index "delivery_status_next_run_at_index" on "delivery" ("status", "next_run_at");`);

    // The explicit list (LIST target), imported from a CSV of resident ids.
    this.addSql(
      `create table "delivery_list_member" (
        "delivery_id" uuid not null references "delivery" ("id") on delete cascade,
        "resident_id" uuid not null references "resident" ("id") on delete cascade,
        constraint "delivery_list_member_pkey" primary key ("delivery_id", "resident_id")
      );`,
    );

    this.addSql(
      `create table "delivery_run" (
        "id" uuid not null,
        "created_at" timestamptz not null default now(),
        "updated_at" timestamptz not null default now(),
        "delivery_id" uuid not null references "delivery" ("id") on delete cascade,
        "department_id" uuid not null references "department" ("id") on delete restrict,
        "channel_id" uuid not null references "line_channel" ("id") on delete restrict,
        "kind" text not null,
        "status" text not null default 'SENDING',
        "occurrence" varchar(60) not null,
        "day" varchar(10) not null,
        "compiled" jsonb not null,
        "prepare_cursor" uuid null,
        "prepared_at" timestamptz null,
        "planned_recipients" int not null default 0,
        "batches_total" int not null default 0,
        "pause_reason" text null,
        "last_error" text null,
        "started_by" uuid null,
        "completed_at" timestamptz null,
        constraint "delivery_run_pkey" primary key ("id"),
        constraint "delivery_run_delivery_id_occurrence_unique" unique ("delivery_id", "occurrence")
      );`,
    );
    this.addSql(`create index "delivery_run_status_index" on "delivery_run" ("status");`);

    // Batches are written and claimed with SQL only (no entity): up to 500 residents each, the
    // X-Line-Retry-Key fixed at insert, PENDING until a sender's transaction marks them SENT.
    this.addSql(
      `create table "delivery_batch" (
        "id" bigint generated always as identity primary key,
        "run_id" uuid not null references "delivery_run" ("id") on delete cascade,
        "seq" int not null,
        "language" varchar(10) not null,
        "resident_ids" uuid[] not null,
        "recipients" int not null,
        "retry_key" uuid not null default gen_random_uuid(),
        "status" text not null default 'PENDING',
        "attempts" int not null default 0,
        "not_before" timestamptz null,
        "sent_at" timestamptz null,
        "line_request_id" varchar(64) null,
        "last_error" text null,
        constraint "delivery_batch_run_id_seq_unique" unique ("run_id", "seq")
      );`,
    );
    this.addSql(`create index "delivery_batch_pending_index" on "delivery_batch" ("run_id", "seq") where "status" = 'PENDING';`);
    this.addSql(`create index "delivery_batch_retry_key_index" on "delivery_batch" ("retry_key");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "delivery_batch";`);
    this.addSql(`drop table if exists "delivery_run";`);
    this.addSql(`drop table if exists "delivery_list_member";`);
    this.addSql(`drop table if exists "delivery";`);
  }
}
