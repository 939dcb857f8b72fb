import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthRefreshToken, Invitation, UserAccount } from '@homecare/database';
import { AccessModule } from '../access';
import { AccessTokenService } from './access-token.service';
import { AccountCache } from './account-cache';
import { AuthService } from './auth.service';
import { EmailedLinks } from './emailed-links';
import { InvitationsRepository } from './invitations.repository';
import { InvitationsService } from './invitations.service';
import { PasswordHasher } from './password-hasher';
import { PasswordResetRepository } from './password-reset.repository';
import { PasswordResetService } from './password-reset.service';
import { SessionRevocations } from './session-revocations';

/** Accounts, sign-in and invitations. The signing key is passed per call by AccessTokenService. */
@Module({
  imports: [
    TypeOrmModule.forFeature([UserAccount, AuthRefreshToken, Invitation]),
    JwtModule.register({}),
    AccessModule,
  ],
  providers: [
    PasswordHasher,
    AccessTokenService,
    AccountCache,
    SessionRevocations,
    AuthService,
    InvitationsService,
    InvitationsRepository,
    EmailedLinks,
    PasswordResetRepository,
    PasswordResetService,
  ],
  exports: [
    AuthService,
    InvitationsService,
    AccessTokenService,
    AccessModule,
    EmailedLinks,
    PasswordResetService,
  ],
})
export class AuthModule {}
