import { Migration } from '@mikro-orm/migrations';

/** Registration onboarding (RES-07) and talk-screen surveys (FORM-14): modules/form-talk. */
export class Migration20261206100000 extends Migration {
  override async up(): Promise<void> {
    const base = `"id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now()`;
    this.addSql(
      `create table "form_onboarding_setting" (${base},
        "channel_id" uuid not null references "line_channel" ("id") on delete cascade,
        "registration_form_id" uuid null references "form" ("id") on delete set null,
        "reminder_delay_hours" int not null default 72 check ("reminder_delay_hours" between 1 and 720),
        "reminders_enabled" boolean not null default true,
        "reminders_from" timestamptz null,
        constraint "form_onboarding_setting_pkey" primary key ("id"),
        constraint "form_onboarding_setting_channel_id_unique" unique ("channel_id")
      );`,
    );
    this.addSql(
      `create table "form_registration_reminder" (${base},
        "resident_id" uuid not null references "resident" ("id") on delete cascade,
        "form_id" uuid not null references "form" ("id") on delete cascade,
        "status" varchar(10) not null default 'SENDING' check ("status" in ('SENDING', 'SENT', 'FAILED')),
        "retry_key" uuid not null,
        "claimed_at" timestamptz not null,
        "sent_at" timestamptz null,
        "attempts" int not null default 0,
        "last_error" varchar(300) null,
        constraint "form_registration_reminder_pkey" primary key ("id"),
        constraint "form_registration_reminder_resident_id_unique" unique ("resident_id")
      );`,
    );
    this.addSql(`create index "form_registration_reminder_status_index" on "form_registration_reminder" ("status", "claimed_at");`);
    this.addSql(
      `create table "form_talk_session" (${base},
        "resident_id" uuid not null references "resident" ("id") on delete cascade,
        "form_id" uuid not null references "form" ("id") on delete cascade,
        "version_id" uuid not null references "form_version" ("id") on delete cascade,
        "progress" text not null,
        "status" varchar(12) not null default 'ACTIVE' check ("status" in ('ACTIVE', 'SUBMITTING')),
        "last_event_id" varchar(64) null,
        "expires_at" timestamptz not null,
        constraint "form_talk_session_pkey" primary key ("id"),
        constraint "form_talk_session_resident_id_unique" unique ("resident_id")
      );`,
    );
    this.addSql(`create index "form_talk_session_expires_at_index" on "form_talk_session" ("expires_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "form_talk_session";`);
    this.addSql(`drop table if exists "form_registration_reminder";`);
    this.addSql(`drop table if exists "form_onboarding_setting";`);
  }
}
