import { Global, Module } from '@nestjs/common';
import { Clock } from './clock';
import { PiiCryptoService } from './crypto/pii-crypto.service';

@Global()
@Module({ providers: [PiiCryptoService, Clock], exports: [PiiCryptoService, Clock] })
export class CommonModule {}
