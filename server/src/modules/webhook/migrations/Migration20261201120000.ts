import { Migration } from '@mikro-orm/migrations';

/**
 * Webhook events fan out to every handler of their type (docs/adr/0010): each event remembers the
 * handlers that have run for it, so a retry runs only the ones that failed.
 */
export class Migration20261201120000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "line_webhook_event" add column "handled" text[] not null default '{}';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "line_webhook_event" drop column "handled";`);
  }
}
