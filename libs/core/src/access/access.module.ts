import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessLogEntry, ClientAccessLink } from '@homecare/database';
import { AccessLogService } from './access-log.service';
import { AccessService } from './access.service';
import { ClientAccessLinksService } from './client-access-links.service';
import { ClientErasureService } from './client-erasure.service';

/** Object-level access decisions, the access log, client access links and erasure. */
@Module({
  imports: [TypeOrmModule.forFeature([AccessLogEntry, ClientAccessLink])],
  providers: [AccessService, AccessLogService, ClientAccessLinksService, ClientErasureService],
  exports: [AccessService, AccessLogService, ClientAccessLinksService, ClientErasureService],
})
export class AccessModule {}
