import { Module } from '@nestjs/common';
import { ScenariosService } from './scenarios.service';

/** Scenario import and export; works on the DataSource directly because one import spans every table. */
@Module({
  providers: [ScenariosService],
  exports: [ScenariosService],
})
export class ScenariosModule {}
