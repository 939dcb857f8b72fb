import { Module } from '@nestjs/common';
import { AccessModule } from '@homecare/core/access';
import { RostersModule } from '@homecare/core/rosters';
import { RostersController } from './rosters.controller';

@Module({
  imports: [RostersModule, AccessModule],
  controllers: [RostersController],
})
export class RostersApiModule {}
