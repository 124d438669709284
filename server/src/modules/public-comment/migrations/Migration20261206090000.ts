import { Migration } from '@mikro-orm/migrations';

/** Public comment (modules/public-comment): procedures, their documents, opinion groups and assignments. */
export class Migration20261206090000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "public_comment_procedure" (
        "id" uuid not null,
        "created_at" timestamptz not null default now(),
        "updated_at" timestamptz not null default now(),
        "title" varchar(200) not null,
        "summary" text not null default '',
        "body" text not null,
        "department_id" uuid not null references "department" ("id") on delete restrict,
        "opens_at" timestamptz not null,
        "closes_at" timestamptz not null,
        "form_id" uuid not null references "form" ("id") on delete restrict,
        "published_at" timestamptz null,
        "result_published_at" timestamptz null,
        "result" jsonb null,
        constraint "public_comment_procedure_pkey" primary key ("id"),
        constraint "public_comment_procedure_form_id_unique" unique ("form_id"),
        constraint "public_comment_procedure_period_check" check ("opens_at" < "closes_at")
      );`,
    );
    this.addSql(
      `create index "public_comment_procedure_department_id_updated_at_index" on "public_comment_procedure" ("department_id", "updated_at");`,
    );
    this.addSql(
      `create index "public_comment_procedure_published_at_closes_at_index" on "public_comment_procedure" ("published_at", "closes_at");`,
    );

    this.addSql(
      `create table "public_comment_document" (
        "id" uuid not null,
        "created_at" timestamptz not null default now(),
        "updated_at" timestamptz not null default now(),
        "procedure_id" uuid not null references "public_comment_procedure" ("id") on delete cascade,
        "media_id" uuid not null references "media_object" ("id") on delete cascade,
        "title" varchar(200) not null,
        "position" int not null default 0,
        constraint "public_comment_document_pkey" primary key ("id"),
        constraint "public_comment_document_media_id_unique" unique ("media_id")
      );`,
    );
    this.addSql(
      `create index "public_comment_document_procedure_id_position_index" on "public_comment_document" ("procedure_id", "position");`,
    );

    this.addSql(
      `create table "public_comment_group" (
        "id" uuid not null,
        "created_at" timestamptz not null default now(),
        "updated_at" timestamptz not null default now(),
        "procedure_id" uuid not null references "public_comment_procedure" ("id") on delete cascade,
        "title" varchar(200) not null,
        "summary" text not null default '',
        "response" text not null default '',
        "position" int not null default 0,
        constraint "public_comment_group_pkey" primary key ("id")
      );`,
    );
    this.addSql(`create index "public_comment_group_procedure_id_position_index" on "public_comment_group" ("procedure_id", "position");`);

    this.addSql(
      `create table "public_comment_assignment" (
        "id" uuid not null,
        "created_at" timestamptz not null default now(),
        "updated_at" timestamptz not null default now(),
        "procedure_id" uuid not null references "public_comment_procedure" ("id") on delete cascade,
        "submission_id" uuid not null references "form_submission" ("id") on delete cascade,
        "group_id" uuid not null references "public_comment_group" ("id") on delete cascade,
        constraint "public_comment_assignment_pkey" primary key ("id"),
        constraint "public_comment_assignment_submission_id_unique" unique ("submission_id")
      );`,
    );
    this.addSql(`create index "public_comment_assignment_group_id_index" on "public_comment_assignment" ("group_id");`);
    this.addSql(`create index "public_comment_assignment_procedure_id_index" on "public_comment_assignment" ("procedure_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "public_comment_assignment";`);
    this.addSql(`drop table if exists "public_comment_group";`);
    this.addSql(`drop table if exists "public_comment_document";`);
    this.addSql(`drop table if exists "public_comment_procedure";`);
  }
}
