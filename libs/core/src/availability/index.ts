export * from './availability-expansion';
export * from './availability.module';
export * from './availability.service';
export * from './availability.view';
export * from './wishes.service';
