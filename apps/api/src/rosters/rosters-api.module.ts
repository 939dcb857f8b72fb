import { Module } from '@nestjs/common';
import { AccessModule, RostersModule } from '@homecare/core';
import { RostersController } from './rosters.controller';

@Module({
  imports: [RostersModule, AccessModule],
  controllers: [RostersController],
})
export class RostersApiModule {}
