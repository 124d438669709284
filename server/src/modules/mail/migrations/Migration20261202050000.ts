import { Migration } from '@mikro-orm/migrations';

/** The outbox of mails the product sends (modules/mail). */
export class Migration20261202050000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "outbound_mail" (
        "id" uuid not null,
        "created_at" timestamptz not null default now(),
        "updated_at" timestamptz not null default now(),
        "purpose" varchar(60) not null,
        "department_id" uuid null references "department" ("id") on delete set null,
        "to_address" text not null,
        "reply_to" text null,
        "subject" text not null,
        "body" text not null,
        "status" varchar(10) not null default 'PENDING' check ("status" in ('PENDING', 'SENDING', 'SENT', 'FAILED')),
        "attempts" int not null default 0,
        "last_error" text null,
        "message_id" varchar(255) null,
        "sent_at" timestamptz null,
        "requested_by" varchar(200) not null,
        constraint "outbound_mail_pkey" primary key ("id")
      );`,
    );
    this.addSql(`create index "outbound_mail_status_created_at_index" on "outbound_mail" ("status", "created_at");`);
    this.addSql(`create index "outbound_mail_department_id_index" on "outbound_mail" ("department_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "outbound_mail";`);
  }
}
