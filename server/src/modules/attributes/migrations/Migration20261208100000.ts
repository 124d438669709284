import { Migration } from '@mikro-orm/migrations';

/**
 * Every resident has an attribute document from the start (a trigger on resident, and a backfill),
 * so segment conditions join it with an inner join and test `options @@ query_int` directly: an
 * expression the GIN index answers (with a left join, the `coalesce` a missing document needed
 * made every count a full scan).
 */
export class Migration20261208100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create function resident_attribute_doc_for_new_resident() returns trigger language plpgsql as $$
       begin
         insert into resident_attribute_doc (resident_id, channel_id) values (new.id, new.channel_id) on conflict (resident_id) do nothing;
         return new;
       end $$;`,
    );
    this.addSql(
      `create trigger resident_attribute_doc_for_new_resident after insert on resident
         for each row execute function resident_attribute_doc_for_new_resident();`,
    );
    this.addSql(
      `insert into resident_attribute_doc (resident_id, channel_id) select id, channel_id from resident on conflict (resident_id) do nothing;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists resident_attribute_doc_for_new_resident on resident;`);
    this.addSql(`drop function if exists resident_attribute_doc_for_new_resident();`);
  }
}
