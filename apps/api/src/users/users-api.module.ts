import { Module } from '@nestjs/common';
import { AuthModule } from '@homecare/core/auth';
import { UsersController } from './users.controller';

@Module({
  imports: [AuthModule],
  controllers: [UsersController],
})
export class UsersApiModule {}
