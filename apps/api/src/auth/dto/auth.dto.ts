import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateIf } from 'class-validator';
import { INVITATION_KINDS, type InvitationKind } from '@homecare/database';
import { IsEmailAddress } from '../../http/is-email-address.validator';

/** OWASP: at least 8, allow long passphrases; a cap keeps hashing cost bounded. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

export class LoginDto {
  @ApiProperty({ example: 'coordinator@example.org' })
  @IsString()
  @MaxLength(320)
  email: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @MaxLength(PASSWORD_MAX)
  password: string;
}

export class RefreshTokenDto {
  @ApiProperty({ description: 'The refresh token of the last sign-in or refresh; it works once.' })
  @IsString()
  @Length(20, 200)
  refreshToken: string;
}

export class CreateInvitationDto {
  @ApiProperty({ enum: INVITATION_KINDS })
  @IsIn(INVITATION_KINDS)
  kind: InvitationKind;

  @ApiProperty({ example: 'fatima@example.org' })
  @IsEmailAddress()
  @MaxLength(320)
  email: string;

  @ApiPropertyOptional({ example: 'Fatima' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  firstName?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'kind caregiver: the team' })
  @ValidateIf(
    (invitation: CreateInvitationDto) => invitation.kind === 'caregiver' || invitation.teamId !== undefined,
  )
  @IsUUID()
  teamId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'kind caregiver: an existing caregiver of the team to link to the account',
  })
  @IsOptional()
  @IsUUID()
  caregiverId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'kind family: the client' })
  @ValidateIf(
    (invitation: CreateInvitationDto) => invitation.kind === 'family' || invitation.clientId !== undefined,
  )
  @IsUUID()
  clientId?: string;

  @ApiPropertyOptional({ example: 'daughter' })
  @IsOptional()
  @IsString()
  @Length(0, 100)
  relation?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'kind coordinator: the organisation' })
  @ValidateIf(
    (invitation: CreateInvitationDto) =>
      invitation.kind === 'coordinator' || invitation.organisationId !== undefined,
  )
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({ enum: ['nl', 'en'], description: 'The language of the invitation email (nl)' })
  @IsOptional()
  @IsIn(['nl', 'en'])
  language?: 'nl' | 'en';
}

export class AcceptInvitationDto {
  @ApiProperty({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX })
  @IsString()
  @Length(PASSWORD_MIN, PASSWORD_MAX)
  password: string;

  @ApiPropertyOptional({ example: 'Fatima El Amrani' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;
}

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'fatima@example.org' })
  @IsString()
  @MaxLength(320)
  @IsEmailAddress()
  email: string;
}

export class PasswordResetConfirmDto {
  @ApiProperty({ description: 'The token of the emailed link' })
  @IsString()
  @Length(20, 200)
  token: string;

  @ApiProperty({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX })
  @IsString()
  @Length(PASSWORD_MIN, PASSWORD_MAX)
  password: string;
}

/** The one answer to a reset request, whether or not the address has an account. */
export class PasswordResetRequestedView {
  @ApiProperty({ example: 'If the address has an account, a link to set a new password is on its way.' })
  message: string;
}
