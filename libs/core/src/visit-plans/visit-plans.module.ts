import { Module } from '@nestjs/common';
import { NegotiationModule } from '../negotiation';
import { VisitPlansService } from './visit-plans.service';

/** The published visit plan of a client, as the client and their family see it. */
@Module({
  imports: [NegotiationModule],
  providers: [VisitPlansService],
  exports: [VisitPlansService],
})
export class VisitPlansModule {}
