import { Module } from '@nestjs/common';
import { NegotiationModule } from '../negotiation/negotiation.module';
import { Clock } from './clock';
import { VisitPlansService } from './visit-plans.service';

/** The published visit plan of a client, as the client and their family see it. */
@Module({
  imports: [NegotiationModule],
  providers: [VisitPlansService, Clock],
  exports: [VisitPlansService, Clock],
})
export class VisitPlansModule {}
