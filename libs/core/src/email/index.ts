export * from './email.module';
export * from './email-sender.service';
export { PermanentMailError } from './mail-transport';
export * from './email-templates';
