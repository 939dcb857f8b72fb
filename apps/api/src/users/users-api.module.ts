import { Module } from '@nestjs/common';
import { AuthModule } from '@homecare/core';
import { UsersController } from './users.controller';

@Module({
  imports: [AuthModule],
  controllers: [UsersController],
})
export class UsersApiModule {}
