import { Migration } from '@mikro-orm/migrations';
import { EXPECTED, ensureKeys, key, queue, refuseMissingKeys } from './Migration20261212090000.js';

/*
 * Engagement in the segment bitmaps (docs/adr/0012, "Engagement"): a `CLICKED` key per delivery
 * (its id in the key's uuid column), whose bits are the residents with a row in the links module's
 * `tracked_link_resident_click` for that delivery (docs/adr/0016). Counted in SQL, "opened a link of
 * delivery X" took 1.6 s and "did not" 2.6 s at a million friends (a scan of every resident and
 * document); as one more bitmap they cost what an option does.
 *
 * The click table's triggers queue their bit changes like the others (applied at commit, in key and
 * chunk order). A resident's clicks go with the resident (on delete cascade), so the delete trigger
 * clears their bits before the resident's number is forgotten at commit.
 */

/** The CLICKED keys a set of click rows needs (deliveries only: the condition is about deliveries). */
const clickKeys = (rows: string) => `select 'CLICKED'::varchar, 0, r.owner_id, 0 from ${rows} where r.owner_type = 'delivery'`;

/** (key, n) of the bits of click rows. */
const clickBits = (rows: string) => `
  select k.id, s.n from ${rows} join segment_resident s on s.resident_id = r.resident_id
    join segment_bitmap_key k on ${key('k', `'CLICKED'`, '0', '0', 'r.owner_id')}
   where r.owner_type = 'delivery'`;

const EXPECTED_WITH_CLICKS = (() => {
  const marker = ') b(key, n)';
  if (EXPECTED.split(marker).length !== 2 || !EXPECTED.startsWith('create function '))
    throw new Error('Migration20261217100000: segment_bitmap_expected() is not in the shape this migration extends');
  return EXPECTED.replace('create function ', 'create or replace function ').replace(
    marker,
    `\n          union all\n          ${clickBits('tracked_link_resident_click r')}${marker}`,
  );
})();

const KINDS = `'FOLLOWING', 'CHANNEL', 'HAS', 'NUMBER', 'NUMBER_OTHER', 'MONTH', 'YEAR'`;

const FUNCTIONS = [
  `create function segment_bitmap_click_insert() returns trigger language plpgsql as $$
     begin
       ${ensureKeys(clickKeys('new_rows r'))};
       ${refuseMissingKeys(clickKeys('new_rows r'))}
       ${queue(`select b.*, 1 from (${clickBits('new_rows r')}) b`)};
       return null;
     end $$;`,
  `create function segment_bitmap_click_delete() returns trigger language plpgsql as $$
     begin
       ${queue(`select b.*, 0 from (${clickBits('old_rows r')}) b`)};
       return null;
     end $$;`,
  // Rows are written once and never moved to another owner or resident; should one be, its old bit
  // is cleared and its new one set (the last change to a bit wins at commit).
  `create function segment_bitmap_click_update() returns trigger language plpgsql as $$
     begin
       if not exists (select 1 from old_rows o full join new_rows r
                        on (r.owner_type, r.owner_id, r.resident_id) = (o.owner_type, o.owner_id, o.resident_id)
                       where o.owner_id is null or r.owner_id is null) then
         return null;
       end if;
       ${ensureKeys(clickKeys('new_rows r'))};
       ${refuseMissingKeys(clickKeys('new_rows r'))}
       ${queue(`select b.*, 0 from (${clickBits('old_rows r')}) b union all select b.*, 1 from (${clickBits('new_rows r')}) b`)};
       return null;
     end $$;`,
  `create function segment_bitmap_click_truncate() returns trigger language plpgsql as $$
     begin
       delete from segment_bitmap_pending p where p.xid = txid_current()
          and p.option_id in (select id from segment_bitmap_key where kind = 'CLICKED');
       delete from segment_bitmap b where b.option_id in (select id from segment_bitmap_key where kind = 'CLICKED');
       return null;
     end $$;`,
];

const TRIGGERS = [
  `create trigger segment_bitmap_click_insert after insert on tracked_link_resident_click referencing new table as new_rows
     for each statement execute function segment_bitmap_click_insert();`,
  `create trigger segment_bitmap_click_update after update on tracked_link_resident_click referencing old table as old_rows new table as new_rows
     for each statement execute function segment_bitmap_click_update();`,
  `create trigger segment_bitmap_click_delete after delete on tracked_link_resident_click referencing old table as old_rows
     for each statement execute function segment_bitmap_click_delete();`,
  `create trigger segment_bitmap_click_truncate after truncate on tracked_link_resident_click
     for each statement execute function segment_bitmap_click_truncate();`,
];

export class Migration20261217100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "segment_bitmap_key" drop constraint "segment_bitmap_key_kind_check";`);
    this.addSql(`alter table "segment_bitmap_key" add constraint "segment_bitmap_key_kind_check" check ("kind" in (${KINDS}, 'CLICKED'));`);
    for (const sql of [...FUNCTIONS, ...TRIGGERS, EXPECTED_WITH_CLICKS]) this.addSql(sql);
    // The clicks already recorded.
    this.addSql(`${ensureKeys(clickKeys('tracked_link_resident_click r'))};`);
    this.addSql(
      `insert into segment_bitmap (option_id, chunk, bits)
       select key, chunk, segment_bits(array_agg(p))
         from (select key, n >> 13 as chunk, n & 8191 as p from (${clickBits('tracked_link_resident_click r')}) b(key, n)) b
        group by key, chunk
       on conflict (option_id, chunk) do update set bits = excluded.bits;`,
    );
  }

  override async down(): Promise<void> {
    for (const op of ['insert', 'update', 'delete', 'truncate'])
      this.addSql(`drop trigger if exists segment_bitmap_click_${op} on tracked_link_resident_click;`);
    for (const op of ['insert', 'update', 'delete', 'truncate']) this.addSql(`drop function if exists segment_bitmap_click_${op}();`);
    this.addSql(`delete from segment_bitmap where option_id in (select id from segment_bitmap_key where kind = 'CLICKED');`);
    this.addSql(`delete from segment_bitmap_key where kind = 'CLICKED';`);
    this.addSql(`alter table "segment_bitmap_key" drop constraint "segment_bitmap_key_kind_check";`);
    this.addSql(`alter table "segment_bitmap_key" add constraint "segment_bitmap_key_kind_check" check ("kind" in (${KINDS}));`);
    this.addSql(EXPECTED.replace('create function ', 'create or replace function '));
  }
}
