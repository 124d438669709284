import { Migration } from '@mikro-orm/migrations';

/**
 * docs/adr/0014 ("Recipients prepared in PostgreSQL"): a multicast batch carries its residents'
 * sealed LINE user ids from preparation until it is sent, so that a claim reads one value instead
 * of looking up 500 residents. Stored out of line uncompressed: sealed values do not compress, and
 * trying cost PostgreSQL a millisecond per batch.
 *
 * `delivery_recipients_fetch` lets one statement read the next rows of a cursor the session
 * declared (SQL has no FETCH in a FROM clause): preparation groups a chunk of the run's recipients
 * into batches in PostgreSQL, so a million recipients cross the job runner as 2,000 rows of three
 * strings rather than as a million rows. Same types as the cursor's columns, or it fails.
 */
export class Migration20261219090000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "delivery_batch" add column "line_user_ids" text;`);
    this.addSql(`alter table "delivery_batch" alter column "line_user_ids" set storage external;`);
    this.addSql(`
      create function delivery_recipients_fetch(cursor_name text, n int)
      returns table (id uuid, language text, line_user_id text)
      language plpgsql as $$
      begin
        return query execute format('fetch forward %s from %I', n, cursor_name);
      end
      $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function delivery_recipients_fetch(text, int);`);
    this.addSql(`alter table "delivery_batch" drop column "line_user_ids";`);
  }
}
