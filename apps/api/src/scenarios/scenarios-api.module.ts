import { Module } from '@nestjs/common';
import { ScenariosModule } from '@homecare/core';
import { ScenariosController } from './scenarios.controller';

@Module({
  imports: [ScenariosModule],
  controllers: [ScenariosController],
})
export class ScenariosApiModule {}
