import { Module } from '@nestjs/common';
import { AccessModule } from '@homecare/core/access';
import { CaregiversModule } from '@homecare/core/caregivers';
import { CaregiversController } from './caregivers.controller';

@Module({
  imports: [CaregiversModule, AccessModule],
  controllers: [CaregiversController],
})
export class CaregiversApiModule {}
