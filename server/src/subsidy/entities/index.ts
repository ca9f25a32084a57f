import { SubsidyBankAccount } from './bank-account.entity';
import { SubsidyPaymentBatch } from './payment-batch.entity';
import { SubsidyPaymentItem } from './payment-item.entity';
import { HuhuibaoPolicyImportRow } from './policy-import-row.entity';
import { HuhuibaoPolicyImport } from './policy-import.entity';
import { HuhuibaoPolicy } from './policy.entity';
import { HuhuibaoSubsidy } from './subsidy.entity';

/** Entities of the 沪惠保 subsidy (database/entities.ts lists them with the rest). */
export const SUBSIDY_ENTITIES = [
  HuhuibaoPolicyImport,
  HuhuibaoPolicyImportRow,
  HuhuibaoPolicy,
  HuhuibaoSubsidy,
  SubsidyBankAccount,
  SubsidyPaymentBatch,
  SubsidyPaymentItem,
];
