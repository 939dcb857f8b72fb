import { Module } from '@nestjs/common';
import { AccessModule } from '@homecare/core/access';
import { PayrollModule } from '@homecare/core/payroll';
import { PayrollController } from './payroll.controller';

@Module({
  imports: [PayrollModule, AccessModule],
  controllers: [PayrollController],
})
export class PayrollApiModule {}
