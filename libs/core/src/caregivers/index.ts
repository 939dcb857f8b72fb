export * from './caregivers.module';
export * from './caregivers.service';
export * from './caregiver.view';
