import { Module } from '@nestjs/common';
import { AuthModule } from '@homecare/core/auth';
import { InvitationsController } from './invitations.controller';

@Module({
  imports: [AuthModule],
  controllers: [InvitationsController],
})
export class InvitationsApiModule {}
