import { Module } from '@nestjs/common';
import { PublishedRosterModule } from '@homecare/core/published-roster';
import { PublishedRosterController } from './published-roster.controller';

/** The team's published roster over HTTP; it needs nothing of the negotiation. */
@Module({
  imports: [PublishedRosterModule],
  controllers: [PublishedRosterController],
})
export class PublishedRosterApiModule {}
