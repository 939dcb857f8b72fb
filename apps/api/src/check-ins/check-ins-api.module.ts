import { Module } from '@nestjs/common';
import { CheckInsModule } from '@homecare/core/check-ins';
import { CheckInsController } from './check-ins.controller';

@Module({
  imports: [CheckInsModule],
  controllers: [CheckInsController],
})
export class CheckInsApiModule {}
