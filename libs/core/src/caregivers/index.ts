export * from './caregivers.module';
export * from './caregivers.service';
