import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsInt,
  IsObject,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsEmailAddress } from '../../http/is-email-address.validator';
import { PageQueryDto } from '../../http/page-query.dto';

export class FamilyContactDto {
  @ApiProperty({ example: 'Anna de Vries' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ example: 'daughter' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  relation?: string;

  @ApiPropertyOptional({ example: '+31 6 1234 5678' })
  @IsOptional()
  @IsString()
  @Matches(/^\+?[\d\s()-]{3,32}$/, { message: 'phone must be a phone number (digits, spaces, + ( ) -)' })
  phone?: string;

  @ApiPropertyOptional({ example: 'anna@example.org' })
  @IsOptional()
  @IsEmailAddress()
  @MaxLength(254)
  email?: string;
}

export class CreateClientDto {
  @ApiProperty({ example: 'Mevrouw Jansen' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ example: 'Linnaeusstraat 12, Amsterdam' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string;

  @ApiProperty({ example: 52.3601 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  latitude: number;

  @ApiProperty({ example: 4.9262 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  longitude: number;

  /** Caregivers of the same team the client would like to see. */
  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  preferredCaregiverIds?: string[];

  /** Caregivers of the same team the client does not want (a hard rule for the roster). */
  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  excludedCaregiverIds?: string[];

  @ApiPropertyOptional({ type: [FamilyContactDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  // ValidateNested lets an array element that is itself an array through ([[]] was stored).
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => FamilyContactDto)
  familyContacts?: FamilyContactDto[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  notes?: string;

  /** The id this client has in an imported scenario document. */
  @ApiPropertyOptional({ example: 'cl-07' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  externalRef?: string;
}

export class UpdateClientDto extends PartialType(CreateClientDto) {}

export class ListClientsQueryDto extends PageQueryDto {
  /** Part of the name, address or external id. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}

export class ClientHistoryEntryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  caregiverId: string;

  /** Visits this caregiver made to the client before this system. */
  @ApiProperty({ example: 12 })
  @IsInt()
  @Min(0)
  @Max(100_000)
  visits: number;
}

export class ReplaceClientHistoryDto {
  @ApiProperty({ type: [ClientHistoryEntryDto] })
  @IsArray()
  @ArrayMaxSize(500)
  // ValidateNested lets an array element that is itself an array through ([[]] was stored).
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ClientHistoryEntryDto)
  entries: ClientHistoryEntryDto[];
}
