import { Migration } from '@mikro-orm/migrations';

/**
 * Forms (modules/forms): forms with their draft definitions, frozen published versions,
 * submissions (non-personal answers in JSONB under a GIN index for segment delivery, personal
 * ones encrypted), the status history, messages to submitters, residents' drafts, and the
 * receipt-number counters.
 */
export class Migration20261205090000 extends Migration {
  override async up(): Promise<void> {
    const base = `"id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now()`;
    this.addSql(
      `create table "form" (${base},
        "title" varchar(200) not null,
        "description" text null,
        "kind" text not null check ("kind" in ('REGISTRATION', 'SURVEY', 'APPLICATION', 'PUBLIC_COMMENT')),
        "status" text not null default 'DRAFT' check ("status" in ('DRAFT', 'PUBLISHED', 'CLOSED')),
        "answer_policy" text not null default 'REPEAT' check ("answer_policy" in ('ONCE', 'REPEAT', 'OVERWRITE')),
        "audience" text not null default 'EVERYONE' check ("audience" in ('EVERYONE', 'CONDITION', 'STAFF_ONLY')),
        "audience_condition" jsonb null,
        "access" text not null default 'LINE_REQUIRED' check ("access" in ('LINE_REQUIRED', 'BROWSER_ALLOWED')),
        "opens_at" timestamptz null,
        "closes_at" timestamptz null,
        "receipt_format" varchar(50) not null,
        "notification_emails" text[] not null default '{}',
        "thank_you_message" text null,
        "ask_contact_email" boolean not null default false,
        "department_id" uuid not null references "department" ("id") on delete restrict,
        "draft_definition" jsonb not null,
        "published_version_id" uuid null,
        "template_key" varchar(60) null,
        constraint "form_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "form_department_id_updated_at_index" on "form" ("department_id", "updated_at");`);

    this.addSql(
      `create table "form_version" (${base},
        "form_id" uuid not null references "form" ("id") on delete cascade,
        "number" int not null,
        "definition" jsonb not null,
        "published_at" timestamptz not null,
        "published_by_name" varchar(100) null,
        constraint "form_version_pkey" primary key ("id"),
        constraint "form_version_form_id_number_unique" unique ("form_id", "number"));`,
    );
    this.addSql(
      `alter table "form" add constraint "form_published_version_id_foreign" foreign key ("published_version_id") references "form_version" ("id") on delete set null deferrable initially deferred;`,
    );

    this.addSql(
      `create table "form_submission" (${base},
        "form_id" uuid not null references "form" ("id") on delete restrict,
        "version_id" uuid not null references "form_version" ("id") on delete restrict,
        "department_id" uuid not null references "department" ("id") on delete restrict,
        "resident_id" uuid null references "resident" ("id") on delete set null,
        "receipt_number" varchar(80) not null,
        "status" text not null default 'RECEIVED' check ("status" in ('RECEIVED', 'REVIEWING', 'RETURNED', 'COMPLETED', 'REJECTED')),
        "answers" jsonb not null default '{}',
        "personal_answers" text null,
        "admin_answers" jsonb not null default '{}',
        "personal_admin_answers" text null,
        "contact_email" text null,
        "via_browser" boolean not null default false,
        "submitted_at" timestamptz not null,
        constraint "form_submission_pkey" primary key ("id"),
        constraint "form_submission_form_id_receipt_number_unique" unique ("form_id", "receipt_number"));`,
    );
    this.addSql(`create index "form_submission_form_id_submitted_at_index" on "form_submission" ("form_id", "submitted_at");`);
    this.addSql(`create index "form_submission_resident_id_form_id_index" on "form_submission" ("resident_id", "form_id");`);
    this.addSql(`create index "form_submission_department_id_index" on "form_submission" ("department_id");`);
    this.addSql(`create index "form_submission_answers_gin" on "form_submission" using gin ("answers" jsonb_path_ops);`);

    this.addSql(
      `create table "form_submission_status_change" (${base},
        "submission_id" uuid not null references "form_submission" ("id") on delete cascade,
        "from_status" text null,
        "to_status" text not null,
        "comment" text null,
        "at" timestamptz not null,
        "by_name" varchar(100) null,
        constraint "form_submission_status_change_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "form_submission_status_change_submission_id_at_index" on "form_submission_status_change" ("submission_id", "at");`,
    );

    this.addSql(
      `create table "form_submitter_message" (${base},
        "submission_id" uuid not null references "form_submission" ("id") on delete cascade,
        "body" text not null,
        "sent_at" timestamptz not null,
        "by_name" varchar(100) null,
        "read_at" timestamptz null,
        "notified_via" text not null check ("notified_via" in ('LINE', 'MAIL', 'NONE')),
        constraint "form_submitter_message_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "form_submitter_message_submission_id_sent_at_index" on "form_submitter_message" ("submission_id", "sent_at");`,
    );

    this.addSql(
      `create table "form_answer_draft" (${base},
        "resident_id" uuid not null references "resident" ("id") on delete cascade,
        "form_id" uuid not null references "form" ("id") on delete cascade,
        "answers" text not null,
        "page_id" varchar(64) null,
        "saved_at" timestamptz not null,
        constraint "form_answer_draft_pkey" primary key ("id"),
        constraint "form_answer_draft_resident_id_form_id_unique" unique ("resident_id", "form_id"));`,
    );
    this.addSql(`create index "form_answer_draft_form_id_index" on "form_answer_draft" ("form_id");`);

    // Receipt numbers (FORM-18): one counter per form and date period, bumped outside the
    // submitting transaction, so numbers are unique under concurrency and a failed submission
    // leaves at most a gap.
    this.addSql(
      `create table "form_receipt_counter" (
        "form_id" uuid not null references "form" ("id") on delete cascade,
        "period" varchar(80) not null,
        "value" bigint not null,
        constraint "form_receipt_counter_pkey" primary key ("form_id", "period"));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "form_receipt_counter";`);
    this.addSql(`drop table if exists "form_answer_draft";`);
    this.addSql(`drop table if exists "form_submitter_message";`);
    this.addSql(`drop table if exists "form_submission_status_change";`);
    this.addSql(`drop table if exists "form_submission";`);
    this.addSql(`alter table "form" drop constraint if exists "form_published_version_id_foreign";`);
    this.addSql(`drop table if exists "form_version";`);
    this.addSql(`drop table if exists "form";`);
  }
}
