import { Migration } from '@mikro-orm/migrations';

/**
 * docs/adr/0016: a delivery may record engagement (staff tick 「反応を記録する」; off by default), and
 * each run keeps whether its links were sent through the LIFF app, which the flag, the run's kind
 * and the server's LIFF app decide when it starts.
 */
export class Migration20261214090000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "delivery" add column "record_engagement" boolean not null default false;`);
    this.addSql(`alter table "delivery_run" add column "records_engagement" boolean not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "delivery_run" drop column "records_engagement";`);
    this.addSql(`alter table "delivery" drop column "record_engagement";`);
  }
}
