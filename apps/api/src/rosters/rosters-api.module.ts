import { Module } from '@nestjs/common';
import { RostersModule } from '@homecare/core';
import { RostersController } from './rosters.controller';

@Module({
  imports: [RostersModule],
  controllers: [RostersController],
})
export class RostersApiModule {}
