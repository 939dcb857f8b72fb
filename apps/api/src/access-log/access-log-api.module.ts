import { Module } from '@nestjs/common';
import { AccessModule } from '@homecare/core/access';
import { ClientPrivacyController } from './client-privacy.controller';

@Module({
  imports: [AccessModule],
  controllers: [ClientPrivacyController],
})
export class AccessLogApiModule {}
