import { Migration } from '@mikro-orm/migrations';

/**
 * A browser submitter's key to their own submission page (encrypted like the answers): without a
 * LINE session it is the only way back to the city's messages and the status (FORM-17).
 */
export class Migration20261207090000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "form_submission" add column "browser_access_key" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "form_submission" drop column "browser_access_key";`);
  }
}
