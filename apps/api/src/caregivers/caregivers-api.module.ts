import { Module } from '@nestjs/common';
import { CaregiversModule } from '@homecare/core';
import { CaregiversController } from './caregivers.controller';

@Module({
  imports: [CaregiversModule],
  controllers: [CaregiversController],
})
export class CaregiversApiModule {}
