import { Module } from '@nestjs/common';
import { CareNeedsModule } from '@homecare/core';
import { CareNeedsController, ClientCareNeedsController } from './care-needs.controller';

@Module({
  imports: [CareNeedsModule],
  controllers: [ClientCareNeedsController, CareNeedsController],
})
export class CareNeedsApiModule {}
