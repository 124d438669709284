import { Migration } from '@mikro-orm/migrations';

export class Migration20261122051016 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "line_webhook_event" add column "claimed_until" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "line_webhook_event" drop column "claimed_until";`);
  }
}
