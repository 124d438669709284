import { Migration } from '@mikro-orm/migrations';

/**
 * SEG-05: a delivery names the mail lists that get its content by mail (replacing the unused
 * `email_mirror` flag, which named no one), and each real run keeps what it mails and when the
 * mails were queued, so a job that died before queuing them is found and run again.
 */
export class Migration20261213090000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "delivery"
         add column "mail_list_ids" uuid[] not null default '{}',
         add column "mail_subject" varchar(150) null,
         drop column "email_mirror";`,
    );
    this.addSql(
      `alter table "delivery_run"
         add column "mail_list_ids" uuid[] not null default '{}',
         add column "mail_subject" varchar(150) null,
         add column "mail_text" text null,
         add column "mail_queued_at" timestamptz null,
         add column "mail_recipients" int null;`,
    );
    // The runs whose mail is still to be queued (few at any time): what the resume job looks for.
    this.addSql(
      `create index "delivery_run_mail_pending_index" on "delivery_run" ("created_at")
         where "mail_queued_at" is null and cardinality("mail_list_ids") > 0;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "delivery_run_mail_pending_index";`);
    this.addSql(
      `alter table "delivery_run"
         drop column "mail_list_ids", drop column "mail_subject", drop column "mail_text",
         drop column "mail_queued_at", drop column "mail_recipients";`,
    );
    this.addSql(
      `alter table "delivery"
         add column "email_mirror" boolean not null default false,
         drop column "mail_list_ids", drop column "mail_subject";`,
    );
  }
}
