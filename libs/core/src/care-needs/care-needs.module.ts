import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CareNeed } from '@homecare/database';
import { ClientsModule } from '../clients';
import { CareNeedsService } from './care-needs.service';

@Module({
  imports: [TypeOrmModule.forFeature([CareNeed]), ClientsModule],
  providers: [CareNeedsService],
  exports: [CareNeedsService],
})
export class CareNeedsModule {}
