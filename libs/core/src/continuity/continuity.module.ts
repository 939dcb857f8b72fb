import { Module } from '@nestjs/common';
import { ContinuityRepository } from './continuity.repository';
import { ContinuityService } from './continuity.service';

/** Who knows whom: the engine's history from what happened, and a client's acquaintances. */
@Module({
  providers: [ContinuityRepository, ContinuityService],
  exports: [ContinuityService],
})
export class ContinuityModule {}
