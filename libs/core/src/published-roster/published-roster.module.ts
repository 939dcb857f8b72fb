import { Module } from '@nestjs/common';
import { PublishedRosterService } from './published-roster.service';

/**
 * The team's published roster: what clients, families, check-ins, calendar feeds and payroll read
 * once a plan is published. Its own module so that those features depend on it and not on the
 * negotiation that produces it (negotiation writes the rows when it publishes; this only reads).
 */
@Module({
  providers: [PublishedRosterService],
  exports: [PublishedRosterService],
})
export class PublishedRosterModule {}
