import { Module } from '@nestjs/common';
import { ContinuityModule } from '../continuity';
import { ScenariosService } from './scenarios.service';

/** Scenario import and export; works on the DataSource directly because one import spans every table. */
@Module({
  // continuity: the history every exported period carries
  imports: [ContinuityModule],
  providers: [ScenariosService],
  exports: [ScenariosService],
})
export class ScenariosModule {}
