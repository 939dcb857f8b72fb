import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CareNeed, Team, Visit } from '@homecare/database';
import { ClientsModule } from '../clients';
import { NotificationsModule } from '../notifications';
import { WebhooksModule } from '../webhooks';
import { VisitsRepository } from './visits.repository';
import { VisitsService } from './visits.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Team, Visit, CareNeed]),
    ClientsModule,
    NotificationsModule,
    WebhooksModule,
  ],
  providers: [VisitsService, VisitsRepository],
  exports: [VisitsService],
})
export class VisitsModule {}
