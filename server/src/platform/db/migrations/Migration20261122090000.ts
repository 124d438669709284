import { Migration } from '@mikro-orm/migrations';

/**
 * Webhook processing by consumers woken through NOTIFY: each event names its sender (a keyed hash)
 * so events of one resident are processed in order, partial indexes serve the claim query, and a
 * statement-level trigger wakes the consumers whenever events are stored.
 */
export class Migration20261122090000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "line_webhook_event" add column "sender_key" bigint null;`);
    this.addSql(`create index "line_webhook_event_pending_index" on "line_webhook_event" ("id") where "status" = 'PENDING';`);
    // The (status, next_attempt_at) index tempted the planner into reading every pending event; the
    // administrators' list of failed events gets a small index of its own.
    this.addSql(`drop index "line_webhook_event_status_next_attempt_at_index";`);
    this.addSql(`create index "line_webhook_event_failed_index" on "line_webhook_event" ("id") where "status" = 'FAILED';`);
    // Only events in a consumer's hands: the claim checks each candidate's sender against these.
    this.addSql(
      `create index "line_webhook_event_claimed_sender_index" on "line_webhook_event" ("channel_id", "sender_key", "id") where "status" = 'PENDING' and "claimed_until" is not null;`,
    );
    this.addSql(`create or replace function "line_webhook_event_wake"() returns trigger language plpgsql as $$
begin
  perform pg_notify('line_webhook_pending', '');
  return null;
end $$;`);
    this.addSql(
      `create trigger "line_webhook_event_wake" after insert on "line_webhook_event" for each statement execute function "line_webhook_event_wake"();`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists "line_webhook_event_wake" on "line_webhook_event";`);
    this.addSql(`drop function if exists "line_webhook_event_wake"();`);
    this.addSql(`drop index if exists "line_webhook_event_claimed_sender_index";`);
    this.addSql(`drop index if exists "line_webhook_event_pending_index";`);
    this.addSql(`drop index if exists "line_webhook_event_failed_index";`);
    this.addSql(`create index "line_webhook_event_status_next_attempt_at_index" on "line_webhook_event" ("status", "next_attempt_at");`);
    this.addSql(`alter table "line_webhook_event" drop column "sender_key";`);
  }
}
