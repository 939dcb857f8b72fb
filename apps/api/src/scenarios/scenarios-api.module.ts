import { Module } from '@nestjs/common';
import { AccessModule, ScenariosModule } from '@homecare/core';
import { ScenariosController } from './scenarios.controller';

@Module({
  imports: [ScenariosModule, AccessModule],
  controllers: [ScenariosController],
})
export class ScenariosApiModule {}
