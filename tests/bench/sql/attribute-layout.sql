-- Resident attribute layouts at 1,000,000 residents (docs/adr/0012): a JSONB document with a GIN index
-- against option ids in an int[] with intarray's GIN index; dates in a B-tree side table.
-- Run on a throwaway database: psql "$URL" -f tests/bench/sql/attribute-layout.sql (takes ~1 minute).
set client_min_messages = warning;

drop table if exists bench_resident, bench_resident_date;
create table bench_resident (id bigint primary key, channel int not null, following boolean not null, attrs jsonb not null);
create table bench_resident_date (resident_id bigint not null, attribute int not null, value date not null);
-- 1M residents, 25 attributes: 12 single choices, 6 multi choices, area (hierarchical code), 3 numbers, yes/no, consent, text
insert into bench_resident
select g, 1, random() < 0.95,
  jsonb_build_object(
    'age_band', (array['10s','20s','30s','40s','50s','60s','70s+'])[1 + (g % 7)],
    'gender', (array['male','female','other','none'])[1 + (g % 4)],
    'area', 'A' || lpad(((g::bigint * 7919) % 300)::text, 3, '0'),
    'area_parent', 'P' || (((g::bigint * 7919) % 300) / 30)::text,
    'interests', (select jsonb_agg(x) from unnest(array['kosodate','kenshin','event','bousai','kankyo','fukushi','sports','bunka']) with ordinality u(x, i) where (g >> i::int) % 3 = 0),
    'channels_pref', (select jsonb_agg(x) from unnest(array['news','emergency','event']) with ordinality u(x, i) where (g >> (i::int + 3)) % 2 = 0),
    'household', 1 + (g % 6),
    'has_car', (g % 3) = 0,
    'consent_survey', (g % 5) <> 0,
    's01', 'v' || (g % 5), 's02', 'v' || (g % 9), 's03', 'v' || (g % 3), 's04', 'v' || (g % 11),
    's05', 'v' || (g % 4), 's06', 'v' || (g % 6), 's07', 'v' || (g % 8), 's08', 'v' || (g % 2),
    's09', 'v' || (g % 13), 's10', 'v' || (g % 7),
    'm01', jsonb_build_array('a' || (g % 4), 'b' || (g % 5)), 'm02', jsonb_build_array('c' || (g % 6)),
    'm03', jsonb_build_array('d' || (g % 3)), 'm04', jsonb_build_array('e' || (g % 7)),
    'n01', g % 100, 'n02', g % 1000
  )
from generate_series(1, 1000000) g;
-- children's birth dates: 40% have 1-3 children born 2006..2026
insert into bench_resident_date
select r, 1, date '2006-01-01' + ((r * 37 + k * 1013) % 7300)
from generate_series(1, 1000000) r, generate_series(1, 3) k
where r % 5 < 2 and k <= 1 + (r % 3);
create index on bench_resident using gin (attrs jsonb_path_ops);
create index on bench_resident_date (attribute, value, resident_id);
analyze bench_resident; analyze bench_resident_date;
\timing on
\echo Q1 interest kosodate
select count(*) from bench_resident where following and attrs @> '{"interests":["kosodate"]}';
\echo Q2 area in sub-areas of P3 and age band 30s or 40s
select count(*) from bench_resident where following and attrs->>'area_parent' = 'P3' and attrs->>'age_band' in ('30s','40s');
\echo Q3 interest bousai AND any child aged 3-5 on 2026-12-02
select count(*) from bench_resident r where following and attrs @> '{"interests":["bousai"]}'
  and exists (select 1 from bench_resident_date d where d.resident_id = r.id and d.attribute = 1 and d.value between date '2021-12-03' and date '2023-12-02');
\echo Q4 five conditions (all/any/not)
select count(*) from bench_resident where following and (attrs @> '{"gender":"female"}' or attrs @> '{"s03":"v1"}') and not attrs @> '{"has_car":true}' and attrs @> '{"consent_survey":true}' and (attrs->>'n01')::int between 20 and 60;
\echo Q5 any child aged 0-2 only
select count(distinct resident_id) from bench_resident_date where attribute = 1 and value between date '2023-12-03' and date '2026-12-02';

select pg_size_pretty(pg_total_relation_size('bench_resident')) as residents, pg_size_pretty(pg_total_relation_size('bench_resident_date')) as dates;
create extension if not exists intarray;
drop table if exists bench_opt;
create table bench_opt (id bigint primary key, channel int not null, following boolean not null, opts int[] not null, nums jsonb not null);
insert into bench_opt
select g, 1, random() < 0.95,
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
create index on bench_opt using gin (opts gin__int_ops);
analyze bench_opt;
\timing on
\echo O1 interest kosodate
select count(*) from bench_opt where following and opts @> '{500}';
\echo O2 parent area P3 and age band 30s or 40s
select count(*) from bench_opt where following and opts @> '{403}' and opts && '{3,4}';
\echo O3 interest bousai AND any child aged 3-5
select count(*) from bench_opt r where following and opts @> '{503}'
  and exists (select 1 from bench_resident_date d where d.resident_id = r.id and d.attribute = 1 and d.value between date '2021-12-03' and date '2023-12-02');
\echo O4 five conditions
select count(*) from bench_opt where following and (opts @> '{12}' or opts @> '{621}') and not opts @> '{750}' and opts @> '{751}' and (nums->>'n01')::int between 20 and 60;
\echo O5 narrow: area A123 and interest bousai
select count(*) from bench_opt where following and opts @> '{223,503}';
\timing off
select pg_size_pretty(pg_total_relation_size('bench_opt'));
drop table if exists bench_opt2;
create table bench_opt2 as select id, case when following then opts + 9999 else opts end as opts, nums from bench_opt;
alter table bench_opt2 add primary key (id);
create index on bench_opt2 using gin (opts gin__int_ops);
vacuum analyze bench_opt2;
\timing on
\echo P4 O4's tree without the number range, as one indexable query_int expression (following folded in as option 9999)
select count(*) from bench_opt2 where opts @@ '9999 & (12 | 621) & !750 & 751';
\timing off
drop table bench_resident, bench_resident_date, bench_opt, bench_opt2;
