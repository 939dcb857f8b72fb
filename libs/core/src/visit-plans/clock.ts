import { Injectable } from '@nestjs/common';

/**
 * "Now" for the visit plan's default period and the calendar feeds' window: a provider, so that a
 * test can fix the day without faking timers for the whole application.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
