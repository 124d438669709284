import { Migration } from '@mikro-orm/migrations';

/*
 * (Its helpers are exported for the later migrations that add key kinds: Migration20261217100000.)
 *
 * Segment counts from per-key resident bitmaps (docs/adr/0012, "Follow-up measurement"). The int[]
 * documents stay the source of truth for selecting recipients and samples; these bitmaps answer counts.
 *
 * - Every resident gets a dense number (`segment_resident.n`, a sequence, never reused): bit n & 8191
 *   of chunk n >> 13.
 * - `segment_bitmap(option_id, chunk, bits varbit(8192))`: 1 KB rows stored inline (fillfactor 80).
 *   A positive option_id is an attribute option (what `resident_attribute_doc.options` holds); a
 *   negative one is a key of `segment_bitmap_key`: -1 following, a channel, "has a value" per
 *   attribute, an integer number value (or "some other number", which sends the count back to SQL),
 *   and a month and a year per date attribute. A row exists once a bit of its chunk was ever set.
 * - Triggers on resident, resident_attribute_doc and resident_attribute_date compute, per statement,
 *   which bits change (set-based, so bulk writes stay one pass) and queue them in the writer's
 *   transaction; a deferred constraint trigger applies the whole transaction's queue at commit, in
 *   (option_id, chunk) order. So every transaction takes its bitmap row locks in one sorted pass, and
 *   holds them only while committing: writers never deadlock on bitmaps, whatever order their
 *   statements ran in, and a count sees the bitmaps and the int[] rows of the same commits.
 * - A date's month and year bits are recomputed from the rows left after a delete; writers of one
 *   resident's dates hold that resident's document row (the attribute service locks it first).
 * - `select * from segment_bitmap_mismatches()` lists any (option_id, chunk) that differs from the
 *   rows (none, unless a trigger was disabled); the integration tests run it after concurrent writes.
 */

export const ZERO_UUID = `'00000000-0000-0000-0000-000000000000'::uuid`;

/** Inserts the changes `d(key, n, bit)` (bit 1 set, 0 clear) into the queue, one row per (key, chunk), and marks the transaction for the flush. */
export const queue = (d: string, before?: string) => `
  with ${before ? `${before},` : ''} d(key, n, bit) as (${d}),
  q as (
    insert into segment_bitmap_pending (option_id, chunk, mask, bits)
    select key, chunk, segment_bits(array_agg(p)), segment_bits(coalesce(array_agg(p) filter (where bit = 1), '{}'))
      from (select key, n >> 13 as chunk, n & 8191 as p, bit from d order by 1, 2, 3) d group by key, chunk
    returning 1)
  insert into segment_bitmap_flush (xid) select txid_current() where exists (select 1 from q) on conflict (xid) do nothing`;

/** The key of a (kind, attribute, channel, value) from segment_bitmap_key `k`. */
export const key = (alias: string, kind: string, attribute: string, value: string, channel = ZERO_UUID) =>
  `${alias}.kind = ${kind} and ${alias}.attribute_id = ${attribute} and ${alias}.channel_id = ${channel} and ${alias}.value = ${value}`;

/** An attribute id from a numbers key (a text id; anything else matches no key). */
const numberAttribute = (e: string) => `(case when ${e}.key ~ '^[0-9]{1,9}$' then ${e}.key::int end)`;
/** The key kind and value of a number: integral values in segment_number_value's range have their own key. */
const numberKind = (v: string) => `(case when ${v} is null then 'NUMBER_OTHER' else 'NUMBER' end)`;

/** The keys a set of rows needs (kind, attribute_id, channel_id, value), created when missing. */
export const ensureKeys = (needed: string) => `
  insert into segment_bitmap_key (kind, attribute_id, channel_id, value)
  select n.kind, n.attribute_id, n.channel_id, n.value from (select distinct * from (${needed}) x) n(kind, attribute_id, channel_id, value)
   where not exists (select 1 from segment_bitmap_key k where ${key('k', 'n.kind', 'n.attribute_id', 'n.value', 'n.channel_id')})
   -- in one order, so that two writers creating the same new keys wait for each other, never in a cycle
   order by 1, 2, 3, 4
  on conflict (kind, attribute_id, channel_id, value) do nothing`;

/**
 * Under REPEATABLE READ a key that another transaction created after this one's snapshot is not
 * visible, and its bits would silently be lost: refuse, as a serialization failure to retry.
 */
export const refuseMissingKeys = (needed: string) => `
  if current_setting('transaction_isolation') <> 'read committed' then
    if exists (select 1 from (select distinct * from (${needed}) x) n(kind, attribute_id, channel_id, value)
                where not exists (select 1 from segment_bitmap_key k where ${key('k', 'n.kind', 'n.attribute_id', 'n.value', 'n.channel_id')})) then
      raise exception 'segment bitmap key created concurrently' using errcode = 'serialization_failure';
    end if;
  end if;`;

/** Keys of a document's attribute_ids and numbers (options are their own keys). */
const docKeys = (rows: string) => `
  select 'HAS'::varchar, a, ${ZERO_UUID}, 0 from ${rows}, unnest(r.attribute_ids) a
  union all
  select ${numberKind('v.v')}, ${numberAttribute('e')}, ${ZERO_UUID}, coalesce(v.v, 0)
    from ${rows}, jsonb_each(r.numbers) e, lateral (select segment_number_value(e.value) as v) v
   where ${numberAttribute('e')} is not null`;

/** Month and year keys of date rows. */
const dateKeys = (rows: string) => `
  select 'MONTH'::varchar, r.attribute_id, ${ZERO_UUID}, segment_month(r.value) from ${rows}
  union all
  select 'YEAR'::varchar, r.attribute_id, ${ZERO_UUID}, extract(year from r.value)::int from ${rows}`;

/** (key, n) of every bit a document sets: its options, "has a value" and numbers (one parenthesized query). */
export const docBits = (rows: string) => `(
  with x as (select s.n, r.options, r.attribute_ids, r.numbers from ${rows} join segment_resident s on s.resident_id = r.resident_id)
  select o, x.n from x cross join lateral unnest(x.options) o where o > 0
  union all
  select k.id, x.n from x cross join lateral unnest(x.attribute_ids) a join segment_bitmap_key k on ${key('k', `'HAS'`, 'a', '0')}
  union all
  select k.id, x.n from x cross join lateral jsonb_each(x.numbers) e cross join lateral (select segment_number_value(e.value) as v) v
    join segment_bitmap_key k on ${key('k', numberKind('v.v'), numberAttribute('e'), 'coalesce(v.v, 0)')})`;

/** (key, n) of the month and year bits of date rows (one parenthesized query). */
export const dateBits = (rows: string) => `(
  with x as (select s.n, r.attribute_id, segment_month(r.value) as month, extract(year from r.value)::int as year
               from ${rows} join segment_resident s on s.resident_id = r.resident_id)
  select k.id, x.n from x join segment_bitmap_key k on ${key('k', `'MONTH'`, 'x.attribute_id', 'x.month')}
  union all
  select k.id, x.n from x join segment_bitmap_key k on ${key('k', `'YEAR'`, 'x.attribute_id', 'x.year')})`;

/** Whether a resident still has a date of the attribute in each month and year its deleted or changed rows were in. */
const dateStillThere = (['month', 'year'] as const)
  .map(
    (unit) => `
  select k.id, s.n, case when exists (select 1 from resident_attribute_date x
                                       where x.resident_id = r.resident_id and x.attribute_id = r.attribute_id
                                         and x.value >= r.value and x.value < r.value + interval '1 ${unit}') then 1 else 0 end
    from (select distinct resident_id, attribute_id, date_trunc('${unit}', value)::date as value from old_rows) r
    join segment_resident s on s.resident_id = r.resident_id
    join segment_bitmap_key k on ${key('k', unit === 'month' ? `'MONTH'` : `'YEAR'`, 'r.attribute_id', unit === 'month' ? 'segment_month(r.value)' : 'extract(year from r.value)::int')}`,
  )
  .join('\n  union all');

const channelKeys = (rows: string) => `select 'CHANNEL'::varchar, 0, r.channel_id, 0 from ${rows} where r.channel_id is not null`;

const FUNCTIONS = [
  // Positions 0..8191 to a 1 KB bitmap: a few positions bit by bit; many as one string of the gaps
  // between sorted positions (runs of '0' before each '1'), which costs the same however many.
  `create function segment_bits(positions int[]) returns bit varying language plpgsql immutable parallel safe as $$
     declare
       b bit varying := b'0'::bit(8192);
       p int;
     begin
       if coalesce(cardinality(positions), 0) <= 64 then
         foreach p in array coalesce(positions, '{}') loop
           b := set_bit(b, p, 1);
         end loop;
         return b;
       end if;
       return (select (string_agg(repeat('0', q - prev - 1) || '1', '' order by q) || repeat('0', 8191 - max(q)))::bit varying
                 from (select q, lag(q, 1, -1) over (order by q) as prev from (select distinct q from unnest(positions) q) u) s);
     end $$;`,
  // A number's own key value: integers from -1000 to 1000 (ages, years, household sizes, counts);
  // other numbers share one "other" key per attribute, and a count that meets one of them uses SQL.
  `create function segment_number_value(value jsonb) returns int language sql immutable parallel safe as $$
     select case when jsonb_typeof(value) = 'number' then
              case when (value #>> '{}')::float8 between -1000 and 1000 and (value #>> '{}')::float8 = trunc((value #>> '{}')::float8)
                   then ((value #>> '{}')::float8)::int end end
   $$;`,
  `create function segment_month(value date) returns int language sql immutable parallel safe as $$
     select (extract(year from value)::int * 12 + extract(month from value)::int - 1)
   $$;`,
  // At commit: the transaction's queued changes, per (option_id, chunk) in that order; where several
  // statements changed the same bit, the last one wins.
  `create function segment_bitmap_flush() returns trigger language plpgsql as $$
     declare
       r record;
       m bit varying;
       v bit varying;
       zero constant bit varying := b'0'::bit(8192);
       gone uuid[];
     begin
       for r in
         select option_id, chunk, array_agg(mask order by seq desc) as masks, array_agg(bits order by seq desc) as vals
           from segment_bitmap_pending where xid = new.xid
          group by option_id, chunk order by option_id, chunk
       loop
         m := zero;
         v := zero;
         for i in 1 .. array_length(r.masks, 1) loop
           v := v | (r.vals[i] & ~m);
           m := m | r.masks[i];
         end loop;
         insert into segment_bitmap as b (option_id, chunk, bits) values (r.option_id, r.chunk, v)
         on conflict (option_id, chunk) do update set bits = (b.bits & ~m) | v;
       end loop;
       delete from segment_bitmap_pending where xid = new.xid;
       delete from segment_bitmap_flush f where f.xid = new.xid returning f.gone into gone;
       if cardinality(gone) > 0 then
         delete from segment_resident s where s.resident_id = any(gone) and not exists (select 1 from resident p where p.id = s.resident_id);
       end if;
       return null;
     end $$;`,
  `create function segment_bitmap_resident_insert() returns trigger language plpgsql as $$
     begin
       ${ensureKeys(channelKeys('new_rows r'))};
       ${refuseMissingKeys(channelKeys('new_rows r'))}
       ${queue(
         `select case when s.kind = 0 then -1 else k.id end, s.n, 1
            from (select x.n, r.follow_status, r.channel_id from new_rows r join numbered x on x.resident_id = r.id) r
            cross join lateral (select r.n, 0 as kind where r.follow_status = 'FOLLOWING' union all select r.n, 1 where r.channel_id is not null) s
            left join segment_bitmap_key k on s.kind = 1 and ${key('k', `'CHANNEL'`, '0', '0', 'r.channel_id')}`,
         // A resident inserted again in the transaction that deleted it keeps its number until commit.
         `numbered as (insert into segment_resident as s (resident_id) select r.id from new_rows r
                       on conflict (resident_id) do update set n = s.n returning s.resident_id, s.n)`,
       )};
       return null;
     end $$;`,
  `create function segment_bitmap_resident_update() returns trigger language plpgsql as $$
     begin
       if not exists (select 1 from old_rows o join new_rows r on r.id = o.id
                       where o.follow_status is distinct from r.follow_status or o.channel_id is distinct from r.channel_id) then
         return null;
       end if;
       ${ensureKeys(channelKeys('new_rows r'))};
       ${refuseMissingKeys(channelKeys('new_rows r'))}
       ${queue(`
         select -1, s.n, case when r.follow_status = 'FOLLOWING' then 1 else 0 end
           from old_rows o join new_rows r on r.id = o.id join segment_resident s on s.resident_id = r.id
          where (o.follow_status = 'FOLLOWING') <> (r.follow_status = 'FOLLOWING')
         union all
         select k.id, s.n, 0 from old_rows o join new_rows r on r.id = o.id join segment_resident s on s.resident_id = r.id
           join segment_bitmap_key k on ${key('k', `'CHANNEL'`, '0', '0', 'o.channel_id')}
          where o.channel_id is distinct from r.channel_id
         union all
         select k.id, s.n, 1 from old_rows o join new_rows r on r.id = o.id join segment_resident s on s.resident_id = r.id
           join segment_bitmap_key k on ${key('k', `'CHANNEL'`, '0', '0', 'r.channel_id')}
          where o.channel_id is distinct from r.channel_id`)};
       return null;
     end $$;`,
  // The document and date rows go with the resident (on delete cascade) and clear their own bits; the
  // resident's number is forgotten at commit, once those triggers have run.
  `create function segment_bitmap_resident_delete() returns trigger language plpgsql as $$
     begin
       ${queue(`
         select -1, s.n, 0 from old_rows r join segment_resident s on s.resident_id = r.id where r.follow_status = 'FOLLOWING'
         union all
         select k.id, s.n, 0 from old_rows r join segment_resident s on s.resident_id = r.id
           join segment_bitmap_key k on ${key('k', `'CHANNEL'`, '0', '0', 'r.channel_id')}`)};
       insert into segment_bitmap_flush as f (xid, gone) select txid_current(), array_agg(r.id) from old_rows r having count(*) > 0
       on conflict (xid) do update set gone = f.gone || excluded.gone;
       return null;
     end $$;`,
  // Documents start empty (the resident's insert trigger), so this row trigger runs only for a
  // document inserted with values.
  `create function segment_bitmap_doc_insert() returns trigger language plpgsql as $$
     begin
       insert into segment_resident (resident_id) values (new.resident_id) on conflict (resident_id) do nothing;
       ${ensureKeys(docKeys('(select new.attribute_ids, new.numbers) r'))};
       ${refuseMissingKeys(docKeys('(select new.attribute_ids, new.numbers) r'))}
       ${queue(`select b.*, 1 from (${docBits('(select new.resident_id, new.options, new.attribute_ids, new.numbers) r')}) b`)};
       return null;
     end $$;`,
  `create function segment_bitmap_doc_update() returns trigger language plpgsql as $$
     begin
       if not exists (select 1 from old_rows o join new_rows r on r.resident_id = o.resident_id
                       where (o.options, o.attribute_ids, o.numbers) is distinct from (r.options, r.attribute_ids, r.numbers)) then
         return null;
       end if;
       ${ensureKeys(docKeys('new_rows r'))};
       ${refuseMissingKeys(docKeys('new_rows r'))}
       ${queue(`
         with c as (
           select s.n, o.options as oo, r.options as ro, o.attribute_ids as oa, r.attribute_ids as ra, o.numbers as onum, r.numbers as rnum
             from old_rows o join new_rows r on r.resident_id = o.resident_id join segment_resident s on s.resident_id = r.resident_id
            where (o.options, o.attribute_ids, o.numbers) is distinct from (r.options, r.attribute_ids, r.numbers))
         select x, c.n, 0 from c, unnest(c.oo - c.ro) x where x > 0
         union all
         select x, c.n, 1 from c, unnest(c.ro - c.oo) x where x > 0
         union all
         select k.id, c.n, 0 from c cross join lateral unnest(c.oa - c.ra) a join segment_bitmap_key k on ${key('k', `'HAS'`, 'a', '0')}
         union all
         select k.id, c.n, 1 from c cross join lateral unnest(c.ra - c.oa) a join segment_bitmap_key k on ${key('k', `'HAS'`, 'a', '0')}
         union all
         select k.id, c.n, 0 from c cross join lateral jsonb_each(c.onum) e cross join lateral (select segment_number_value(e.value) as v) v
           join segment_bitmap_key k on ${key('k', numberKind('v.v'), numberAttribute('e'), 'coalesce(v.v, 0)')}
          where c.rnum -> e.key is distinct from e.value
         union all
         select k.id, c.n, 1 from c cross join lateral jsonb_each(c.rnum) e cross join lateral (select segment_number_value(e.value) as v) v
           join segment_bitmap_key k on ${key('k', numberKind('v.v'), numberAttribute('e'), 'coalesce(v.v, 0)')}
          where c.onum -> e.key is distinct from e.value`)};
       return null;
     end $$;`,
  `create function segment_bitmap_doc_delete() returns trigger language plpgsql as $$
     begin
       ${queue(`select b.*, 0 from (${docBits('old_rows r')}) b`)};
       return null;
     end $$;`,
  `create function segment_bitmap_date_insert() returns trigger language plpgsql as $$
     begin
       ${ensureKeys(dateKeys('new_rows r'))};
       ${refuseMissingKeys(dateKeys('new_rows r'))}
       ${queue(`select b.*, 1 from (${dateBits('new_rows r')}) b`)};
       return null;
     end $$;`,
  `create function segment_bitmap_date_delete() returns trigger language plpgsql as $$
     begin
       ${queue(dateStillThere)};
       return null;
     end $$;`,
  `create function segment_bitmap_date_update() returns trigger language plpgsql as $$
     begin
       ${ensureKeys(dateKeys('new_rows r'))};
       ${refuseMissingKeys(dateKeys('new_rows r'))}
       ${queue(`${dateStillThere} union all select b.*, 1 from (${dateBits('new_rows r')}) b`)};
       return null;
     end $$;`,
  // TRUNCATE fires no row or statement trigger of the other kinds: the bitmaps of what went go too.
  `create function segment_bitmap_truncate() returns trigger language plpgsql as $$
     declare
       kinds text[] := case tg_table_name when 'resident_attribute_doc' then array['HAS', 'NUMBER', 'NUMBER_OTHER']
                                          when 'resident_attribute_date' then array['MONTH', 'YEAR'] end;
     begin
       if tg_table_name = 'resident' then
         delete from segment_bitmap_pending where xid = txid_current();
         delete from segment_bitmap;
         delete from segment_resident;
       else
         delete from segment_bitmap_pending p where p.xid = txid_current()
            and (p.option_id in (select id from segment_bitmap_key where kind = any(kinds)) or (kinds @> array['HAS'] and p.option_id > 0));
         delete from segment_bitmap b
          where b.option_id in (select id from segment_bitmap_key where kind = any(kinds)) or (kinds @> array['HAS'] and b.option_id > 0);
       end if;
       return null;
     end $$;`,
];

const TRIGGERS = [
  `create constraint trigger segment_bitmap_flush after insert on segment_bitmap_flush
     deferrable initially deferred for each row execute function segment_bitmap_flush();`,
  `create trigger segment_bitmap_resident_insert after insert on resident referencing new table as new_rows
     for each statement execute function segment_bitmap_resident_insert();`,
  `create trigger segment_bitmap_resident_update after update on resident referencing old table as old_rows new table as new_rows
     for each statement execute function segment_bitmap_resident_update();`,
  `create trigger segment_bitmap_resident_delete after delete on resident referencing old table as old_rows
     for each statement execute function segment_bitmap_resident_delete();`,
  `create trigger segment_bitmap_doc_insert after insert on resident_attribute_doc for each row
     when (new.options <> '{}' or new.attribute_ids <> '{}' or new.numbers <> '{}'::jsonb)
     execute function segment_bitmap_doc_insert();`,
  `create trigger segment_bitmap_doc_update after update on resident_attribute_doc referencing old table as old_rows new table as new_rows
     for each statement execute function segment_bitmap_doc_update();`,
  `create trigger segment_bitmap_doc_delete after delete on resident_attribute_doc referencing old table as old_rows
     for each statement execute function segment_bitmap_doc_delete();`,
  `create trigger segment_bitmap_date_insert after insert on resident_attribute_date referencing new table as new_rows
     for each statement execute function segment_bitmap_date_insert();`,
  `create trigger segment_bitmap_date_update after update on resident_attribute_date referencing old table as old_rows new table as new_rows
     for each statement execute function segment_bitmap_date_update();`,
  `create trigger segment_bitmap_date_delete after delete on resident_attribute_date referencing old table as old_rows
     for each statement execute function segment_bitmap_date_delete();`,
  ...['resident', 'resident_attribute_doc', 'resident_attribute_date'].map(
    (table) =>
      `create trigger segment_bitmap_truncate after truncate on ${table} for each statement execute function segment_bitmap_truncate();`,
  ),
];

/**
 * What the bitmaps must hold, computed from the int[] documents, the dates and the residents (the
 * keys must exist): the backfill below, and a check anyone can run (`segment_bitmap_mismatches()`).
 */
export const EXPECTED = `create function segment_bitmap_expected() returns table (option_id int, chunk int, bits bit varying) language sql stable as $$
  select key, chunk, segment_bits(array_agg(p))
    from (select key, n >> 13 as chunk, n & 8191 as p from (
          select -1, s.n from resident r join segment_resident s on s.resident_id = r.id where r.follow_status = 'FOLLOWING'
          union all
          select k.id, s.n from resident r join segment_resident s on s.resident_id = r.id
            join segment_bitmap_key k on ${key('k', `'CHANNEL'`, '0', '0', 'r.channel_id')}
          union all
          ${docBits('resident_attribute_doc r')}
          union all
          ${dateBits('resident_attribute_date r')}) b(key, n)
          order by 1, 2, 3) b
   group by key, chunk
$$;`;

/** (option_id, chunk) rows whose bits differ from what the residents' rows say (none, unless a trigger was bypassed). */
const MISMATCHES = `create function segment_bitmap_mismatches() returns table (option_id int, chunk int, expected int, actual int) language sql stable as $$
  select coalesce(e.option_id, b.option_id), coalesce(e.chunk, b.chunk), coalesce(bit_count(e.bits), 0)::int, coalesce(bit_count(b.bits), 0)::int
    from segment_bitmap_expected() e
    full join (select * from segment_bitmap where bit_count(bits) > 0) b on b.option_id = e.option_id and b.chunk = e.chunk
   where e.bits is distinct from b.bits
$$;`;

/** The bitmaps of the residents already there, in one set-based pass. */
const BACKFILL = [
  `insert into segment_resident (resident_id) select id from resident order by created_at, id;`,
  `${ensureKeys(channelKeys('resident r'))};`,
  `${ensureKeys(docKeys('resident_attribute_doc r'))};`,
  `${ensureKeys(dateKeys('resident_attribute_date r'))};`,
  `insert into segment_bitmap (option_id, chunk, bits) select * from segment_bitmap_expected();`,
];

export class Migration20261212090000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create sequence "segment_resident_n_seq" as int minvalue 0 start with 0;`);
    this.addSql(
      `create table "segment_resident" (
        "resident_id" uuid not null,
        "n" int not null default nextval('segment_resident_n_seq'),
        constraint "segment_resident_pkey" primary key ("resident_id"),
        constraint "segment_resident_n_unique" unique ("n")
      );`,
    );
    this.addSql(`alter sequence "segment_resident_n_seq" owned by "segment_resident"."n";`);
    this.addSql(`create sequence "segment_bitmap_key_seq" as int minvalue 2 start with 2;`);
    this.addSql(
      `create table "segment_bitmap_key" (
        "id" int not null default -nextval('segment_bitmap_key_seq'),
        "kind" varchar(12) not null,
        "attribute_id" int not null default 0,
        "channel_id" uuid not null default ${ZERO_UUID},
        "value" int not null default 0,
        constraint "segment_bitmap_key_pkey" primary key ("id"),
        constraint "segment_bitmap_key_kind_check" check ("kind" in ('FOLLOWING', 'CHANNEL', 'HAS', 'NUMBER', 'NUMBER_OTHER', 'MONTH', 'YEAR')),
        constraint "segment_bitmap_key_unique" unique ("kind", "attribute_id", "channel_id", "value")
      );`,
    );
    this.addSql(`alter sequence "segment_bitmap_key_seq" owned by "segment_bitmap_key"."id";`);
    this.addSql(`insert into "segment_bitmap_key" ("id", "kind") values (-1, 'FOLLOWING');`);
    this.addSql(
      `create table "segment_bitmap" (
        "option_id" int not null,
        "chunk" int not null,
        "bits" bit varying(8192) not null,
        constraint "segment_bitmap_pkey" primary key ("option_id", "chunk")
      ) with (fillfactor = 80);`,
    );
    this.addSql(`alter table "segment_bitmap" alter column "bits" set storage plain;`);
    // The queue lives only inside a transaction (applied and emptied before commit): unlogged, and
    // vacuumed soon after a bulk write leaves its rows dead (not after a fifth of a table that is empty).
    this.addSql(
      `create unlogged table "segment_bitmap_pending" (
        "xid" bigint not null default txid_current(),
        "seq" bigint generated always as identity,
        "option_id" int not null,
        "chunk" int not null,
        "mask" bit varying(8192) not null,
        "bits" bit varying(8192) not null
      ) with (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000, autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 5000);`,
    );
    this.addSql(`alter table "segment_bitmap_pending" alter column "mask" set storage plain, alter column "bits" set storage plain;`);
    this.addSql(`create index "segment_bitmap_pending_xid_index" on "segment_bitmap_pending" ("xid");`);
    this.addSql(
      `create unlogged table "segment_bitmap_flush" (
        "xid" bigint not null,
        "gone" uuid[] not null default '{}',
        constraint "segment_bitmap_flush_pkey" primary key ("xid")
      );`,
    );
    for (const sql of [...FUNCTIONS, EXPECTED, MISMATCHES, ...TRIGGERS, ...BACKFILL]) this.addSql(sql);
    this.addSql(`analyze "segment_resident";`);
    this.addSql(`analyze "segment_bitmap";`);
    this.addSql(`analyze "segment_bitmap_key";`);
  }

  override async down(): Promise<void> {
    for (const [table, names] of [
      ['resident', ['insert', 'update', 'delete'].map((op) => `segment_bitmap_resident_${op}`)],
      ['resident_attribute_doc', ['insert', 'update', 'delete'].map((op) => `segment_bitmap_doc_${op}`)],
      ['resident_attribute_date', ['insert', 'update', 'delete'].map((op) => `segment_bitmap_date_${op}`)],
    ] as const)
      for (const name of [...names, 'segment_bitmap_truncate']) this.addSql(`drop trigger if exists ${name} on ${table};`);
    this.addSql(
      `drop table if exists "segment_bitmap_flush", "segment_bitmap_pending", "segment_bitmap", "segment_bitmap_key", "segment_resident";`,
    );
    for (const fn of [
      'segment_bitmap_mismatches()',
      'segment_bitmap_expected()',
      'segment_bitmap_flush()',
      'segment_bitmap_truncate()',
      ...['resident', 'doc', 'date'].flatMap((t) => ['insert', 'update', 'delete'].map((op) => `segment_bitmap_${t}_${op}()`)),
      'segment_bits(int[])',
      'segment_number_value(jsonb)',
      'segment_month(date)',
    ])
      this.addSql(`drop function if exists ${fn};`);
  }
}
