import { Module } from '@nestjs/common';
import { AccessModule, PayrollModule } from '@homecare/core';
import { PayrollController } from './payroll.controller';

@Module({
  imports: [PayrollModule, AccessModule],
  controllers: [PayrollController],
})
export class PayrollApiModule {}
