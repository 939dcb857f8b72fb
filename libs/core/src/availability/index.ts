export * from './availability-expansion';
