import { Module } from '@nestjs/common';
import { AccessModule } from '@homecare/core/access';
import { ScenariosModule } from '@homecare/core/scenarios';
import { ScenariosController } from './scenarios.controller';

@Module({
  imports: [ScenariosModule, AccessModule],
  controllers: [ScenariosController],
})
export class ScenariosApiModule {}
