import { Migration } from '@mikro-orm/migrations';

/**
 * FORM-08: the form a real run's cards linked to with the run's signed reference, fixed when the
 * run starts, so its answers and response rate are counted (null: a test run, or no form).
 */
export class Migration20261215134200 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "delivery_run" add column "form_id" uuid null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "delivery_run" drop column "form_id";`);
  }
}
