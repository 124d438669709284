import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, Resolver, registerEnumType } from 'type-graphql';
import { RequirePermission } from '../../platform/auth/access.js';
import type { GraphQLContext } from '../../platform/context/context.js';
import { badInput } from '../../platform/errors/app-error.js';
import type { DeliveryServices } from './deliveries.module.js';

export enum DeliveryImportFormat {
  CSV = 'CSV',
  XLSX = 'XLSX',
}
registerEnumType(DeliveryImportFormat, {
  name: 'DeliveryImportFormat',
  valuesConfig: { CSV: { description: 'CSV（UTF-8）の文字列' }, XLSX: { description: 'Excel（.xlsx）を base64 にした文字列' } },
});

/** Under the HTTP body limit (1 MB of JSON): about 3,000 rows of CSV, or an .xlsx of 700 KB. */
const MAX_FILE_CHARS = 1_000_000;

@ObjectType()
export class ImportRecurringDeliveriesPayload {
  @Field(() => Int) created!: number;
  @Field(() => [ID], { description: 'the drafts, in the order of the rows' }) deliveryIds!: string[];
}

/** SEG-10: recurring deliveries in bulk from CSV or Excel; the layout's template is a route (recurring-import.routes.ts). */
@Resolver()
export class RecurringImportResolver {
  constructor(private readonly services: DeliveryServices) {}

  @Mutation(() => ImportRecurringDeliveriesPayload, {
    description:
      'creates one draft recurring delivery per row (layout: GET /api/deliveries/recurring-import-template.csv); every row is checked first and one problem imports nothing (BAD_USER_INPUT, fields `rows.<row>.<column>`)',
  })
  @RequirePermission('deliveries.manage')
  async importRecurringDeliveries(
    @Arg('file', () => String, { description: 'CSV text, or the .xlsx as base64' }) file: string,
    @Arg('format', () => DeliveryImportFormat) format: DeliveryImportFormat,
    @Arg('channelId', () => ID, { nullable: true, description: 'the LINE channel; the first active one by default' })
    channelId: string | null,
    @Arg('departmentId', () => ID, { nullable: true, description: 'the owning department; your own by default' })
    departmentId: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ImportRecurringDeliveriesPayload> {
    if (file.length > MAX_FILE_CHARS) throw badInput({ file: 'ファイルが大きすぎます（1MBまで）。ファイルを分けてください。' });
    const ids = await this.services.imports.import(ctx, file, format, { channelId, departmentId });
    return { created: ids.length, deliveryIds: ids };
  }
}
