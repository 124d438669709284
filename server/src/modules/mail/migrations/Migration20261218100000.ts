import { Migration } from '@mikro-orm/migrations';

/**
 * A mail that can be stopped by its reader (a mail list's mirror) carries its unsubscribe URL,
 * sent as `List-Unsubscribe` with RFC 8058 one-click (`List-Unsubscribe-Post`): mail clients show
 * their own 「配信停止」 button, and large mailbox providers expect it of bulk mail. Sealed like the
 * rest of the mail: its token stops one subscriber's mail.
 */
export class Migration20261218100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "outbound_mail" add column "list_unsubscribe" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "outbound_mail" drop column "list_unsubscribe";`);
  }
}
