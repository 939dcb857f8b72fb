import { Module } from '@nestjs/common';
import { AccessModule } from '@homecare/core/access';
import { ContinuityModule } from '@homecare/core/continuity';
import { ClientContinuityController } from './continuity.controller';

@Module({
  imports: [ContinuityModule, AccessModule],
  controllers: [ClientContinuityController],
})
export class ContinuityApiModule {}
