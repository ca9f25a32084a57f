import { Global, Module } from '@nestjs/common';
import { Clock } from './clock';
import { PiiCryptoService } from './crypto/pii-crypto.service';
import { WorkCalendar } from './work-calendar';

@Global()
@Module({ providers: [PiiCryptoService, Clock, WorkCalendar], exports: [PiiCryptoService, Clock, WorkCalendar] })
export class CommonModule {}
