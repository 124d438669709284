-- Exact segment counts at 1,000,000 residents (follow-up to docs/adr/0012): the intarray GIN layout of
-- attribute-layout.sql against (1) a narrow (id, opts int[]) copy scanned in parallel and (2) per-option
-- resident bitmaps (bit varying, combined with & | ~ and counted with bit_count), plus (3) a per-option
-- count table. Q1..Q4 are the segments of attribute-layout.sql; every timed query runs 3 times because
-- the machine is shared. Also times building the bitmaps and keeping them current on writes.
-- Run on a throwaway database: psql "$URL" -f tests/bench/sql/segment-count.sql (takes ~5 minutes).
-- psql -v keep=1 ... leaves the tables in place (for the pgbench write-contention run at the end).
set client_min_messages = warning;
create extension if not exists intarray;

-- ---------------------------------------------------------------------------------------------
-- Data: the same residents, options and children's birth dates as bench_opt / bench_resident_date
-- in attribute-layout.sql, with int ids (residents are numbered densely; the id is the bit position).
-- ---------------------------------------------------------------------------------------------
drop table if exists seg_resident, seg_resident_date, seg_narrow, seg_bitmap, seg_bitmap_whole, seg_bitmap_8k, seg_date_bitmap, seg_option_count cascade;
create table seg_resident (id int primary key, following boolean not null, opts int[] not null, nums jsonb not null);
insert into seg_resident
select g, random() < 0.95,
  sort(array_remove(array[
    1 + (g % 7), 11 + (g % 4), 100 + ((g::bigint * 7919) % 300)::int, 400 + (((g::bigint * 7919) % 300) / 30)::int,
    case when (g >> 1) % 3 = 0 then 500 end, case when (g >> 2) % 3 = 0 then 501 end, case when (g >> 3) % 3 = 0 then 502 end,
    case when (g >> 4) % 3 = 0 then 503 end, case when (g >> 5) % 3 = 0 then 504 end, case when (g >> 6) % 3 = 0 then 505 end,
    case when (g >> 7) % 3 = 0 then 506 end, case when (g >> 8) % 3 = 0 then 507 end,
    case when (g >> 4) % 2 = 0 then 510 end, case when (g >> 5) % 2 = 0 then 511 end, case when (g >> 6) % 2 = 0 then 512 end,
    600 + g % 5, 610 + g % 9, 620 + g % 3, 630 + g % 11, 640 + g % 4, 650 + g % 6, 660 + g % 8, 670 + g % 2, 680 + g % 13, 700 + g % 7,
    case when g % 3 = 0 then 750 end, case when g % 5 <> 0 then 751 end,
    800 + g % 4, 810 + g % 5, 820 + g % 6, 830 + g % 3, 840 + g % 7
  ]::int[], null)),
  jsonb_build_object('household', 1 + (g % 6), 'n01', g % 100, 'n02', g % 1000)
from generate_series(1, 1000000) g;
create table seg_resident_date (resident_id int not null, attribute int not null, value date not null);
insert into seg_resident_date
select r, 1, date '2006-01-01' + ((r * 37 + k * 1013) % 7300)
from generate_series(1, 1000000) r, generate_series(1, 3) k
where r % 5 < 2 and k <= 1 + (r % 3);
create index seg_resident_opts_gin on seg_resident using gin (opts gin__int_ops);
create index on seg_resident_date (attribute, value, resident_id);
vacuum analyze seg_resident; vacuum analyze seg_resident_date;

-- ---------------------------------------------------------------------------------------------
-- Baseline: intarray GIN bitmap scan on the wide table (the ADR 0012 layout), default 2 workers.
-- ---------------------------------------------------------------------------------------------
\timing on
\echo B1 GIN: interest kosodate (x3)
select count(*) from seg_resident where following and opts @> '{500}';
select count(*) from seg_resident where following and opts @> '{500}';
select count(*) from seg_resident where following and opts @> '{500}';
\echo B2 GIN: parent area P3 and age band 30s or 40s (x3)
select count(*) from seg_resident where following and opts @> '{403}' and opts && '{3,4}';
select count(*) from seg_resident where following and opts @> '{403}' and opts && '{3,4}';
select count(*) from seg_resident where following and opts @> '{403}' and opts && '{3,4}';
\echo B3 GIN: interest bousai and any child aged 3-5 on 2026-12-02 (x3)
select count(*) from seg_resident r where following and opts @> '{503}'
  and exists (select 1 from seg_resident_date d where d.resident_id = r.id and d.attribute = 1 and d.value between date '2021-12-03' and date '2023-12-02');
select count(*) from seg_resident r where following and opts @> '{503}'
  and exists (select 1 from seg_resident_date d where d.resident_id = r.id and d.attribute = 1 and d.value between date '2021-12-03' and date '2023-12-02');
select count(*) from seg_resident r where following and opts @> '{503}'
  and exists (select 1 from seg_resident_date d where d.resident_id = r.id and d.attribute = 1 and d.value between date '2021-12-03' and date '2023-12-02');
\echo B4 GIN: five conditions with or / not and a number range (x3)
select count(*) from seg_resident where following and (opts @> '{12}' or opts @> '{621}') and not opts @> '{750}' and opts @> '{751}' and (nums->>'n01')::int between 20 and 60;
select count(*) from seg_resident where following and (opts @> '{12}' or opts @> '{621}') and not opts @> '{750}' and opts @> '{751}' and (nums->>'n01')::int between 20 and 60;
select count(*) from seg_resident where following and (opts @> '{12}' or opts @> '{621}') and not opts @> '{750}' and opts @> '{751}' and (nums->>'n01')::int between 20 and 60;
\timing off

-- ---------------------------------------------------------------------------------------------
-- (1) Narrow copy (id, opts int[]): following folded in as option 9999 and the small number n01 as
-- value options 9000 + n01, so every condition is one query_int test on one narrow row.
-- No index: a (parallel) sequential scan, with 0 and 2 workers per gather.
-- ---------------------------------------------------------------------------------------------
\timing on
\echo N0 build narrow copy
create table seg_narrow as
select id, sort(case when following then opts + 9999 else opts end + (9000 + (nums->>'n01')::int)) as opts from seg_resident;
\timing off
alter table seg_narrow add primary key (id);
vacuum analyze seg_narrow;
select pg_size_pretty(pg_total_relation_size('seg_narrow')) as narrow, pg_size_pretty(pg_table_size('seg_resident')) as wide_heap;
-- Q4's number range 20..60 as an OR of the value options 9020..9060.
select '9999 & (12 | 621) & !750 & 751 & (' || string_agg((9000 + n)::text, ' | ') || ')' as q4 from generate_series(20, 60) n \gset
\timing on
set max_parallel_workers_per_gather = 0;
\echo N1 narrow seq scan, 0 workers (x3)
select count(*) from seg_narrow where opts @@ '9999 & 500';
select count(*) from seg_narrow where opts @@ '9999 & 500';
select count(*) from seg_narrow where opts @@ '9999 & 500';
\echo N2 narrow seq scan, 0 workers (x3)
select count(*) from seg_narrow where opts @@ '9999 & 403 & (3 | 4)';
select count(*) from seg_narrow where opts @@ '9999 & 403 & (3 | 4)';
select count(*) from seg_narrow where opts @@ '9999 & 403 & (3 | 4)';
\echo N3 narrow seq scan + exists on the dates B-tree, 0 workers (x3)
select count(*) from seg_narrow r where opts @@ '9999 & 503'
  and exists (select 1 from seg_resident_date d where d.resident_id = r.id and d.attribute = 1 and d.value between date '2021-12-03' and date '2023-12-02');
select count(*) from seg_narrow r where opts @@ '9999 & 503'
  and exists (select 1 from seg_resident_date d where d.resident_id = r.id and d.attribute = 1 and d.value between date '2021-12-03' and date '2023-12-02');
select count(*) from seg_narrow r where opts @@ '9999 & 503'
  and exists (select 1 from seg_resident_date d where d.resident_id = r.id and d.attribute = 1 and d.value between date '2021-12-03' and date '2023-12-02');
\echo N4 narrow seq scan, 0 workers (x3)
select count(*) from seg_narrow where opts @@ :'q4';
select count(*) from seg_narrow where opts @@ :'q4';
select count(*) from seg_narrow where opts @@ :'q4';
set max_parallel_workers_per_gather = 2;
\echo N1p narrow parallel seq scan, 2 workers (x3)
select count(*) from seg_narrow where opts @@ '9999 & 500';
select count(*) from seg_narrow where opts @@ '9999 & 500';
select count(*) from seg_narrow where opts @@ '9999 & 500';
\echo N2p narrow parallel seq scan, 2 workers (x3)
select count(*) from seg_narrow where opts @@ '9999 & 403 & (3 | 4)';
select count(*) from seg_narrow where opts @@ '9999 & 403 & (3 | 4)';
select count(*) from seg_narrow where opts @@ '9999 & 403 & (3 | 4)';
\echo N3p narrow parallel seq scan + exists on the dates B-tree, 2 workers (x3)
select count(*) from seg_narrow r where opts @@ '9999 & 503'
  and exists (select 1 from seg_resident_date d where d.resident_id = r.id and d.attribute = 1 and d.value between date '2021-12-03' and date '2023-12-02');
select count(*) from seg_narrow r where opts @@ '9999 & 503'
  and exists (select 1 from seg_resident_date d where d.resident_id = r.id and d.attribute = 1 and d.value between date '2021-12-03' and date '2023-12-02');
select count(*) from seg_narrow r where opts @@ '9999 & 503'
  and exists (select 1 from seg_resident_date d where d.resident_id = r.id and d.attribute = 1 and d.value between date '2021-12-03' and date '2023-12-02');
\echo N4p narrow parallel seq scan, 2 workers (x3)
select count(*) from seg_narrow where opts @@ :'q4';
select count(*) from seg_narrow where opts @@ :'q4';
select count(*) from seg_narrow where opts @@ :'q4';
reset max_parallel_workers_per_gather;
\timing off

-- ---------------------------------------------------------------------------------------------
-- (2) Per-option resident bitmaps. Bit p of chunk c of option o is resident id c * 8192 + p.
-- A chunk is 8,192 bits (1 KB) stored inline (STORAGE PLAIN, no TOAST, no pglz), so setting a bit is a
-- HOT update of a 1 KB row that WAL-logs only the changed bytes, and two writers contend only when
-- they touch the same option in the same 8,192 residents. (8 KB chunks go to TOAST: every write then
-- rewrites and WAL-logs the whole 8 KB value; see S3 and the pgbench note at the end.)
-- Every (option, chunk) row exists (zero-filled), so & | ~ never meet a missing operand; new
-- residents beyond the last chunk add a row per option, new options a row per chunk.
-- ---------------------------------------------------------------------------------------------
create table seg_bitmap (option_id int not null, chunk int not null, bits bit varying not null, primary key (option_id, chunk));
alter table seg_bitmap alter column bits set storage plain, set (fillfactor = 80);
-- Children's birth dates: one bitmap per (attribute, birth month). An age range on the send day is a
-- run of whole months OR-ed plus two partial edge months answered exactly from the B-tree table.
create table seg_date_bitmap (attribute int not null, month date not null, chunk int not null, bits bit varying not null, primary key (attribute, month, chunk));
alter table seg_date_bitmap alter column bits set storage plain, set (fillfactor = 80);
set work_mem = '256MB';
\timing on
\echo M0 build option bitmaps from the narrow int[] copy: one string of 0/1 per (option, chunk) from the gaps between set bits
insert into seg_bitmap
select o, c, (string_agg(repeat('0', p - prev - 1) || '1', '' order by p) || repeat('0', 8191 - max(p)))::varbit
from (select o, id >> 13 as c, id & 8191 as p, lag(id & 8191, 1, -1) over (partition by o, id >> 13 order by id) as prev
      from seg_narrow, unnest(opts) o) s
group by o, c;
insert into seg_bitmap
select o, c, repeat('0', 8192)::varbit
from (select distinct option_id o from seg_bitmap) os, generate_series(0, (select max(id) >> 13 from seg_narrow)) c
on conflict do nothing;
\echo M0d build birth-month bitmaps from the dates table
insert into seg_date_bitmap
select attribute, m, c, (string_agg(repeat('0', p - prev - 1) || '1', '' order by p) || repeat('0', 8191 - max(p)))::varbit
from (select attribute, m, resident_id >> 13 as c, resident_id & 8191 as p,
             lag(resident_id & 8191, 1, -1) over (partition by attribute, m, resident_id >> 13 order by resident_id) as prev
      from (select distinct attribute, date_trunc('month', value)::date as m, resident_id from seg_resident_date) d) s
group by attribute, m, c;
insert into seg_date_bitmap
select a, m, c, repeat('0', 8192)::varbit
from (select distinct attribute a, month m from seg_date_bitmap) ms, generate_series(0, (select max(id) >> 13 from seg_narrow)) c
on conflict do nothing;
\timing off
reset work_mem;
vacuum analyze seg_bitmap; vacuum analyze seg_date_bitmap;
select count(distinct option_id) as options, count(*) as rows, pg_size_pretty(pg_total_relation_size('seg_bitmap')) as option_bitmaps,
       pg_size_pretty(pg_total_relation_size('seg_date_bitmap')) as month_bitmaps from seg_bitmap;
\echo check: bitmap counts equal the int[] counts for every option (expect 0 mismatches)
select count(*) as mismatches from (select option_id, sum(bit_count(bits)) n from seg_bitmap group by option_id) b
  full join (select o, count(*) n from seg_narrow, unnest(opts) o group by o) a on a.o = b.option_id where a.n is distinct from b.n;

-- The counts. A condition tree compiles to one expression per chunk over bit_or(...) filter (...)
-- operands (an "any" of options is one bit_or), summed over the chunks.
\timing on
\echo M1 bitmaps: following & kosodate (x3)
select sum(bit_count(f & a)) from (select chunk, bit_or(bits) filter (where option_id = 9999) f, bit_or(bits) filter (where option_id = 500) a
  from seg_bitmap where option_id in (9999, 500) group by chunk) c;
select sum(bit_count(f & a)) from (select chunk, bit_or(bits) filter (where option_id = 9999) f, bit_or(bits) filter (where option_id = 500) a
  from seg_bitmap where option_id in (9999, 500) group by chunk) c;
select sum(bit_count(f & a)) from (select chunk, bit_or(bits) filter (where option_id = 9999) f, bit_or(bits) filter (where option_id = 500) a
  from seg_bitmap where option_id in (9999, 500) group by chunk) c;
\echo M2 bitmaps: following & P3 & (30s | 40s) (x3)
select sum(bit_count(f & p & a)) from (select chunk, bit_or(bits) filter (where option_id = 9999) f, bit_or(bits) filter (where option_id = 403) p,
  bit_or(bits) filter (where option_id in (3, 4)) a from seg_bitmap where option_id in (9999, 403, 3, 4) group by chunk) c;
select sum(bit_count(f & p & a)) from (select chunk, bit_or(bits) filter (where option_id = 9999) f, bit_or(bits) filter (where option_id = 403) p,
  bit_or(bits) filter (where option_id in (3, 4)) a from seg_bitmap where option_id in (9999, 403, 3, 4) group by chunk) c;
select sum(bit_count(f & p & a)) from (select chunk, bit_or(bits) filter (where option_id = 9999) f, bit_or(bits) filter (where option_id = 403) p,
  bit_or(bits) filter (where option_id in (3, 4)) a from seg_bitmap where option_id in (9999, 403, 3, 4) group by chunk) c;
-- Q3: children born 2021-12-03 .. 2023-12-02 (aged 3-5 on 2026-12-02). Whole months 2022-01 .. 2023-11
-- come from the month bitmaps; residents whose child falls in the edge days (2021-12-03..31,
-- 2023-12-01..02) are read from the B-tree and added when they match the rest of the tree and are not
-- already in the whole-month bitmap.
\echo M3 bitmaps: following & bousai & any child aged 3-5 (month bitmaps + exact edge days) (x3)
with c as (
  select b.chunk, b.base, m.months from
    (select chunk, bit_or(bits) filter (where option_id = 9999) & bit_or(bits) filter (where option_id = 503) as base
       from seg_bitmap where option_id in (9999, 503) group by chunk) b
    join (select chunk, bit_or(bits) as months from seg_date_bitmap
           where attribute = 1 and month between date '2022-01-01' and date '2023-11-01' group by chunk) m using (chunk))
select (select sum(bit_count(base & months)) from c)
     + (select count(distinct d.resident_id) from seg_resident_date d join c on c.chunk = d.resident_id >> 13
         where d.attribute = 1 and (d.value between date '2021-12-03' and date '2021-12-31' or d.value between date '2023-12-01' and date '2023-12-02')
           and get_bit(c.base, d.resident_id & 8191) = 1 and get_bit(c.months, d.resident_id & 8191) = 0);
with c as (
  select b.chunk, b.base, m.months from
    (select chunk, bit_or(bits) filter (where option_id = 9999) & bit_or(bits) filter (where option_id = 503) as base
       from seg_bitmap where option_id in (9999, 503) group by chunk) b
    join (select chunk, bit_or(bits) as months from seg_date_bitmap
           where attribute = 1 and month between date '2022-01-01' and date '2023-11-01' group by chunk) m using (chunk))
select (select sum(bit_count(base & months)) from c)
     + (select count(distinct d.resident_id) from seg_resident_date d join c on c.chunk = d.resident_id >> 13
         where d.attribute = 1 and (d.value between date '2021-12-03' and date '2021-12-31' or d.value between date '2023-12-01' and date '2023-12-02')
           and get_bit(c.base, d.resident_id & 8191) = 1 and get_bit(c.months, d.resident_id & 8191) = 0);
with c as (
  select b.chunk, b.base, m.months from
    (select chunk, bit_or(bits) filter (where option_id = 9999) & bit_or(bits) filter (where option_id = 503) as base
       from seg_bitmap where option_id in (9999, 503) group by chunk) b
    join (select chunk, bit_or(bits) as months from seg_date_bitmap
           where attribute = 1 and month between date '2022-01-01' and date '2023-11-01' group by chunk) m using (chunk))
select (select sum(bit_count(base & months)) from c)
     + (select count(distinct d.resident_id) from seg_resident_date d join c on c.chunk = d.resident_id >> 13
         where d.attribute = 1 and (d.value between date '2021-12-03' and date '2021-12-31' or d.value between date '2023-12-01' and date '2023-12-02')
           and get_bit(c.base, d.resident_id & 8191) = 1 and get_bit(c.months, d.resident_id & 8191) = 0);
\echo M4 bitmaps: following & (female | s03=v1) & ~has_car & consent & n01 in 20..60 (41 value bitmaps OR-ed) (x3)
select sum(bit_count(f & g & ~car & con & n)) from (select chunk, bit_or(bits) filter (where option_id = 9999) f,
  bit_or(bits) filter (where option_id in (12, 621)) g, bit_or(bits) filter (where option_id = 750) car,
  bit_or(bits) filter (where option_id = 751) con, bit_or(bits) filter (where option_id between 9020 and 9060) n
  from seg_bitmap where option_id in (9999, 12, 621, 750, 751) or option_id between 9020 and 9060 group by chunk) c;
select sum(bit_count(f & g & ~car & con & n)) from (select chunk, bit_or(bits) filter (where option_id = 9999) f,
  bit_or(bits) filter (where option_id in (12, 621)) g, bit_or(bits) filter (where option_id = 750) car,
  bit_or(bits) filter (where option_id = 751) con, bit_or(bits) filter (where option_id between 9020 and 9060) n
  from seg_bitmap where option_id in (9999, 12, 621, 750, 751) or option_id between 9020 and 9060 group by chunk) c;
select sum(bit_count(f & g & ~car & con & n)) from (select chunk, bit_or(bits) filter (where option_id = 9999) f,
  bit_or(bits) filter (where option_id in (12, 621)) g, bit_or(bits) filter (where option_id = 750) car,
  bit_or(bits) filter (where option_id = 751) con, bit_or(bits) filter (where option_id between 9020 and 9060) n
  from seg_bitmap where option_id in (9999, 12, 621, 750, 751) or option_id between 9020 and 9060 group by chunk) c;
\timing off
\echo check: the same four counts from the narrow copy (must equal M1..M4)
select count(*) filter (where opts @@ '9999 & 500') q1, count(*) filter (where opts @@ '9999 & 403 & (3 | 4)') q2,
       count(*) filter (where opts @@ '9999 & 503' and exists (select 1 from seg_resident_date d where d.resident_id = r.id and d.attribute = 1
                                                          and d.value between date '2021-12-03' and date '2023-12-02')) q3,
       count(*) filter (where opts @@ :'q4') q4
from seg_narrow r;

-- ---------------------------------------------------------------------------------------------
-- (2b) The same bitmaps unchunked, one 1,048,576-bit (128 KB) TOASTed value per option, and in
-- 65,536-bit (8 KB) TOASTed chunks: the read, and the cost of one write (the whole TOASTed value is
-- rewritten, and every writer of an option shares the row).
-- ---------------------------------------------------------------------------------------------
create table seg_bitmap_whole (option_id int primary key, bits bit varying not null);
alter table seg_bitmap_whole alter column bits set storage external;
create table seg_bitmap_8k (option_id int not null, chunk int not null, bits bit varying not null, primary key (option_id, chunk));
alter table seg_bitmap_8k alter column bits set storage external;
\timing on
\echo W0 build whole and 8 KB bitmaps by concatenating the 1 KB chunks
insert into seg_bitmap_whole select option_id, string_agg(bits::text, '' order by chunk)::varbit from seg_bitmap group by option_id;
insert into seg_bitmap_8k select option_id, chunk >> 3, string_agg(bits::text, '' order by chunk)::varbit from seg_bitmap group by option_id, chunk >> 3;
\timing off
vacuum analyze seg_bitmap_whole; vacuum analyze seg_bitmap_8k;
select pg_size_pretty(pg_total_relation_size('seg_bitmap_whole')) as whole, pg_size_pretty(pg_total_relation_size('seg_bitmap_8k')) as chunks_8k;
\timing on
\echo W4 whole bitmaps: Q4 (x3)
select bit_count(f & g & ~car & con & n) from (select bit_or(bits) filter (where option_id = 9999) f,
  bit_or(bits) filter (where option_id in (12, 621)) g, bit_or(bits) filter (where option_id = 750) car,
  bit_or(bits) filter (where option_id = 751) con, bit_or(bits) filter (where option_id between 9020 and 9060) n
  from seg_bitmap_whole where option_id in (9999, 12, 621, 750, 751) or option_id between 9020 and 9060) c;
select bit_count(f & g & ~car & con & n) from (select bit_or(bits) filter (where option_id = 9999) f,
  bit_or(bits) filter (where option_id in (12, 621)) g, bit_or(bits) filter (where option_id = 750) car,
  bit_or(bits) filter (where option_id = 751) con, bit_or(bits) filter (where option_id between 9020 and 9060) n
  from seg_bitmap_whole where option_id in (9999, 12, 621, 750, 751) or option_id between 9020 and 9060) c;
select bit_count(f & g & ~car & con & n) from (select bit_or(bits) filter (where option_id = 9999) f,
  bit_or(bits) filter (where option_id in (12, 621)) g, bit_or(bits) filter (where option_id = 750) car,
  bit_or(bits) filter (where option_id = 751) con, bit_or(bits) filter (where option_id between 9020 and 9060) n
  from seg_bitmap_whole where option_id in (9999, 12, 621, 750, 751) or option_id between 9020 and 9060) c;
-- Each write sets a bit to its current value, so the bitmaps stay equal to the int[] rows.
\echo S1 one set_bit on a whole 128 KB TOASTed bitmap (x3)
update seg_bitmap_whole set bits = set_bit(bits, 123457, get_bit(bits, 123457)) where option_id = 500;
update seg_bitmap_whole set bits = set_bit(bits, 223457, get_bit(bits, 223457)) where option_id = 500;
update seg_bitmap_whole set bits = set_bit(bits, 323457, get_bit(bits, 323457)) where option_id = 500;
\echo S3 one set_bit on an 8 KB TOASTed chunk (x3)
update seg_bitmap_8k set bits = set_bit(bits, 123457 & 65535, get_bit(bits, 123457 & 65535)) where option_id = 500 and chunk = 123457 >> 16;
update seg_bitmap_8k set bits = set_bit(bits, 223457 & 65535, get_bit(bits, 223457 & 65535)) where option_id = 500 and chunk = 223457 >> 16;
update seg_bitmap_8k set bits = set_bit(bits, 323457 & 65535, get_bit(bits, 323457 & 65535)) where option_id = 500 and chunk = 323457 >> 16;
\echo S2 one set_bit on a 1 KB inline chunk (x3)
update seg_bitmap set bits = set_bit(bits, 123457 & 8191, get_bit(bits, 123457 & 8191)) where option_id = 500 and chunk = 123457 >> 13;
update seg_bitmap set bits = set_bit(bits, 223457 & 8191, get_bit(bits, 223457 & 8191)) where option_id = 500 and chunk = 223457 >> 13;
update seg_bitmap set bits = set_bit(bits, 323457 & 8191, get_bit(bits, 323457 & 8191)) where option_id = 500 and chunk = 323457 >> 13;
\timing off

-- ---------------------------------------------------------------------------------------------
-- Keeping the chunked bitmaps current: a trigger on the resident's option row sets and clears the
-- changed options' bits in the same transaction, so a count sees exactly the committed state.
-- (An option that staff add later gets its rows on first use through the upsert.)
-- ---------------------------------------------------------------------------------------------
create or replace function seg_bitmap_sync() returns trigger language plpgsql as $$
declare
  o int;
  v int;
  c int := new.id >> 13;
  p int := new.id & 8191;
begin
  -- Touch the changed options in option order, so two writers that swap the same pair of options
  -- (female -> other and other -> female) wait for each other instead of deadlocking.
  for o, v in select x, 0 from unnest(old.opts - new.opts) x union all select x, 1 from unnest(new.opts - old.opts) x order by 1 loop
    if v = 0 then
      update seg_bitmap set bits = set_bit(bits, p, 0) where option_id = o and chunk = c;
    else
      insert into seg_bitmap values (o, c, set_bit(repeat('0', 8192)::varbit, p, 1))
      on conflict (option_id, chunk) do update set bits = set_bit(seg_bitmap.bits, p, 1);
    end if;
  end loop;
  return null;
end $$;
create trigger seg_bitmap_sync after update of opts on seg_narrow for each row execute function seg_bitmap_sync();
-- Birth dates: set the month's bit on insert; clear it on delete unless another date of the same
-- resident stays in that month.
create or replace function seg_date_bitmap_sync() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into seg_date_bitmap values (new.attribute, date_trunc('month', new.value)::date, new.resident_id >> 13,
                                        set_bit(repeat('0', 8192)::varbit, new.resident_id & 8191, 1))
    on conflict (attribute, month, chunk) do update set bits = set_bit(seg_date_bitmap.bits, new.resident_id & 8191, 1);
  elsif not exists (select 1 from seg_resident_date where resident_id = old.resident_id and attribute = old.attribute
                     and value >= date_trunc('month', old.value) and value < date_trunc('month', old.value) + interval '1 month') then
    update seg_date_bitmap set bits = set_bit(bits, old.resident_id & 8191, 0)
     where attribute = old.attribute and month = date_trunc('month', old.value)::date and chunk = old.resident_id >> 13;
  end if;
  return null;
end $$;
create trigger seg_date_bitmap_sync after insert or delete on seg_resident_date for each row execute function seg_date_bitmap_sync();
\timing on
\echo T1 one resident changes gender female -> other: int[] row + 2 bitmap chunks via the trigger (x3)
update seg_narrow set opts = sort((opts - 12) + 13) where id = 400001 and opts @> '{12}';
update seg_narrow set opts = sort((opts - 12) + 13) where id = 400005 and opts @> '{12}';
update seg_narrow set opts = sort((opts - 12) + 13) where id = 400009 and opts @> '{12}';
\echo T2 the same change with no trigger (int[] row only), for comparison (x3)
alter table seg_narrow disable trigger seg_bitmap_sync;
update seg_narrow set opts = sort((opts - 12) + 13) where id = 400013 and opts @> '{12}';
update seg_narrow set opts = sort((opts - 12) + 13) where id = 400017 and opts @> '{12}';
update seg_narrow set opts = sort((opts - 12) + 13) where id = 400021 and opts @> '{12}';
\timing off
update seg_narrow set opts = sort((opts - 13) + 12) where id in (400013, 400017, 400021);
alter table seg_narrow enable trigger seg_bitmap_sync;
\timing on
\echo T3 a child birth date added: dates row + month bitmap via the trigger (x3)
insert into seg_resident_date values (500001, 1, date '2024-05-10');
insert into seg_resident_date values (500002, 1, date '2024-05-11');
insert into seg_resident_date values (500003, 1, date '2024-05-12');
\echo T4 bulk: 10,000 residents change an interest in one statement (CSV import shape)
update seg_narrow set opts = sort(opts + 507) where id between 600000 and 609999 and not opts @> '{507}';
\echo T5 the same bulk change applied per (option, chunk) in one statement, without the per-row trigger
alter table seg_narrow disable trigger seg_bitmap_sync;
update seg_narrow set opts = opts - 507 where id between 610000 and 619999 and opts @> '{507}';
update seg_bitmap b set bits = x.bits from (
  select b.option_id, b.chunk, b.bits & ~(string_agg(repeat('0', p - prev - 1) || '1', '' order by p) || repeat('0', 8191 - max(p)))::varbit as bits
  from (select id >> 13 as c, id & 8191 as p, lag(id & 8191, 1, -1) over (partition by id >> 13 order by id) as prev
        from generate_series(610000, 619999) id) s join seg_bitmap b on b.option_id = 507 and b.chunk = s.c
  group by b.option_id, b.chunk, b.bits) x
where b.option_id = x.option_id and b.chunk = x.chunk;
alter table seg_narrow enable trigger seg_bitmap_sync;
\timing off
\echo check after the writes: bitmap counts still equal the int[] counts (expect 0 mismatches)
select count(*) as mismatches from (select option_id, sum(bit_count(bits)) n from seg_bitmap group by option_id) b
  full join (select o, count(*) n from seg_narrow, unnest(opts) o group by o) a on a.o = b.option_id where a.n is distinct from b.n;

-- ---------------------------------------------------------------------------------------------
-- (3) Per-option count table (followers only) for the single-condition case.
-- ---------------------------------------------------------------------------------------------
create table seg_option_count (option_id int primary key, residents int not null);
\timing on
\echo C0 build the count table
insert into seg_option_count select o, count(*) from seg_narrow, unnest(opts) o where opts @> '{9999}' group by o;
\echo C1 count of followers with kosodate from the count table (x3)
select residents from seg_option_count where option_id = 500;
select residents from seg_option_count where option_id = 500;
select residents from seg_option_count where option_id = 500;
\echo C2 one write: +1 on an option row (every writer of that option queues on this row) (x3)
update seg_option_count set residents = residents + 1 where option_id = 500;
update seg_option_count set residents = residents + 1 where option_id = 500;
update seg_option_count set residents = residents + 1 where option_id = 500;
\timing off

-- Write contention and WAL per write (run by hand after psql -v keep=1 ...; pgbench is not part of
-- this script). Compare tps with the trigger enabled and disabled, 1 against 4 clients, random
-- residents against residents of one chunk (random(1, 8191)), and pg_current_wal_lsn() before/after:
--   echo '\set id random(1, 1000000)' > /tmp/seg_write.sql
--   echo 'update seg_narrow set opts = case when opts @> '"'"'{12}'"'"' then sort((opts - 12) + 13) else sort((opts - 13) + 12) end where id = :id and opts && '"'"'{12,13}'"'"';' >> /tmp/seg_write.sql
--   pgbench -n -f /tmp/seg_write.sql -c 1 -T 15 "$URL"; pgbench -n -f /tmp/seg_write.sql -c 4 -T 15 "$URL"
\if :{?keep}
\else
drop table seg_resident, seg_resident_date, seg_narrow, seg_bitmap, seg_bitmap_whole, seg_bitmap_8k, seg_date_bitmap, seg_option_count;
drop function seg_bitmap_sync(), seg_date_bitmap_sync();
\endif
