import { Module } from '@nestjs/common';
import { AccessModule, CaregiversModule } from '@homecare/core';
import { CaregiversController } from './caregivers.controller';

@Module({
  imports: [CaregiversModule, AccessModule],
  controllers: [CaregiversController],
})
export class CaregiversApiModule {}
