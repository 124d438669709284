import { IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { MailList } from './mail-list.entity.js';

@InputType()
export class CreateMailListInput {
  @Field(() => String) @MaxLength(200) name!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(2000) description?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'offered on the public sign-up page; false by default' }) isPublic?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'true by default' }) active?: boolean | null;
  @Field(() => ID, { nullable: true, description: 'the owning department; your own by default' }) departmentId?: string | null;
}

@InputType()
export class UpdateMailListInput {
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) name?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(2000) description?: string | null;
  @Field(() => Boolean, { nullable: true }) isPublic?: boolean | null;
  @Field(() => Boolean, { nullable: true }) active?: boolean | null;
}

@InputType()
export class ImportMailListSubscribersInput {
  @Field(() => ID) listId!: string;
  @Field(() => String, {
    description: 'UTF-8 CSV, one address per line in the first column, an optional header; up to 10,000 rows',
  })
  @MaxLength(2_000_000, { message: 'CSVが大きすぎます（2MBまで）。' })
  csv!: string;
  @Field(() => Boolean, {
    description: 'the city holds these people’s consent: CONFIRMED at once; otherwise each is mailed a confirmation link',
  })
  consentHeld!: boolean;
}

@ObjectType()
export class MailListPayload {
  @Field(() => MailList) mailList!: MailList;
}

/** Shaped like identity's DeletePayload (`deletedId`), under its own name: modules do not share GraphQL types. */
@ObjectType()
export class DeleteMailListPayload {
  @Field(() => ID) deletedId!: string;
}

@ObjectType()
export class RemoveMailListSubscriberPayload {
  @Field(() => ID) listId!: string;
  @Field(() => ID) subscriberId!: string;
}

@ObjectType()
export class ImportMailListSubscribersPayload {
  @Field(() => Int, { description: 'addresses read (an address repeated in the file counted once)' }) addresses!: number;
  @Field(() => Int, { description: 'put on the list by this import' }) added!: number;
  @Field(() => Int, { description: 'confirmed on the list by the attested consent' }) confirmed!: number;
  @Field(() => Int, { description: 'mailed a confirmation link' }) confirmationsSent!: number;
  @Field(() => Int, { description: 'already receiving the list' }) alreadyConfirmed!: number;
}
