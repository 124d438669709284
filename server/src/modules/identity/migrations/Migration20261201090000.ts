import { Migration } from '@mikro-orm/migrations';

/**
 * Who owns what (docs/adr/0007): a role belongs to a department or is shared (department null,
 * system administrators only), its name unique within its owner; an API key may record the key
 * that issued it, so that revoking a key revokes what it issued.
 */
export class Migration20261201090000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "role" add column "department_id" uuid null;`);
    this.addSql(
      `alter table "role" add constraint "role_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade;`,
    );
    this.addSql(`alter table "role" drop constraint "role_name_unique";`);
    this.addSql(
      `create unique index "role_owner_name_unique" on "role" (coalesce("department_id", '00000000-0000-0000-0000-000000000000'::uuid), "name");`,
    );
    this.addSql(`alter table "api_key" add column "created_by_key_id" uuid null;`);
    this.addSql(
      `alter table "api_key" add constraint "api_key_created_by_key_id_foreign" foreign key ("created_by_key_id") references "api_key" ("id") on update cascade;`,
    );
    this.addSql(`create index "api_key_created_by_key_id_index" on "api_key" ("created_by_key_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "api_key_created_by_key_id_index";`);
    this.addSql(`alter table "api_key" drop constraint if exists "api_key_created_by_key_id_foreign";`);
    this.addSql(`alter table "api_key" drop column if exists "created_by_key_id";`);
    this.addSql(`drop index if exists "role_owner_name_unique";`);
    this.addSql(`alter table "role" add constraint "role_name_unique" unique ("name");`);
    this.addSql(`alter table "role" drop constraint if exists "role_department_id_foreign";`);
    this.addSql(`alter table "role" drop column if exists "department_id";`);
  }
}
