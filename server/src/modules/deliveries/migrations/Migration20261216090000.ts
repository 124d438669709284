import { Migration } from '@mikro-orm/migrations';

/**
 * docs/adr/0014 (broadcast): a batch is a multicast (≤ 500 residents, as before) or the one LINE
 * broadcast of a real run to every friend with a single language variant, which holds no
 * residents and counts the friends we know of as its recipients.
 */
export class Migration20261216090000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "delivery_batch" add column "kind" text not null default 'MULTICAST'
         constraint "delivery_batch_kind_check" check ("kind" in ('MULTICAST', 'BROADCAST'));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "delivery_batch" drop column "kind";`);
  }
}
