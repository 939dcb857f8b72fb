import { Module } from '@nestjs/common';
import { AccessModule, CareNeedsModule } from '@homecare/core';
import { CareNeedsController, ClientCareNeedsController } from './care-needs.controller';

@Module({
  imports: [CareNeedsModule, AccessModule],
  controllers: [ClientCareNeedsController, CareNeedsController],
})
export class CareNeedsApiModule {}
