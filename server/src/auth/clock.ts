import { Injectable } from '@nestjs/common';

/** The time as sign-in rules see it (lock-outs, attempt windows, session expiry). Tests move it. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
