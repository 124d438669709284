import { Migration } from '@mikro-orm/migrations';

/**
 * The delivery run whose form card brought an answer (its link's signed reference): answers and
 * the response rate per run, summaries of one survey round, and the segment condition "answered
 * the form delivery X carried". Partial indexes: most answers come another way.
 */
export class Migration20261215134100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "form_submission" add column "delivery_id" uuid null, add column "delivery_run_id" uuid null;`);
    this.addSql(
      `create index "form_submission_delivery_run_id_index" on "form_submission" ("delivery_run_id") where "delivery_run_id" is not null;`,
    );
    this.addSql(
      `create index "form_submission_delivery_id_resident_id_index" on "form_submission" ("delivery_id", "resident_id") where "delivery_id" is not null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "form_submission_delivery_id_resident_id_index";`);
    this.addSql(`drop index "form_submission_delivery_run_id_index";`);
    this.addSql(`alter table "form_submission" drop column "delivery_id", drop column "delivery_run_id";`);
  }
}
