import { Migration } from '@mikro-orm/migrations';

/** Uploaded files and their thumbnails (modules/media): what was stored, who uploaded it, what owns it. */
export class Migration20261203100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "media_object" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "visibility" text check ("visibility" in ('PUBLIC', 'PRIVATE')) not null, "policy" varchar(60) not null, "content_type" varchar(100) not null, "byte_size" int not null, "sha256" varchar(64) not null, "width" int null, "height" int null, "storage_key" varchar(200) not null, "thumbnail_key" varchar(200) null, "owner_type" varchar(60) null, "owner_id" uuid null, "attached_at" timestamptz null, "uploader_kind" text check ("uploader_kind" in ('STAFF', 'API_KEY', 'RESIDENT', 'ANONYMOUS', 'SYSTEM')) not null, "uploader_id" varchar(100) null, "upload_token_hash" varchar(64) null, "taken_at" timestamptz null, "location" text null, constraint "media_object_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "media_object_owner_type_owner_id_index" on "media_object" ("owner_type", "owner_id");`);
    this.addSql(`create index "media_object_unattached_created_at_idx" on "media_object" ("created_at") where "owner_type" is null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "media_object";`);
  }
}
