import { Module } from '@nestjs/common';
import { AccessModule } from '@homecare/core/access';
import { CareNeedsModule } from '@homecare/core/care-needs';
import { CareNeedsController, ClientCareNeedsController } from './care-needs.controller';

@Module({
  imports: [CareNeedsModule, AccessModule],
  controllers: [ClientCareNeedsController, CareNeedsController],
})
export class CareNeedsApiModule {}
