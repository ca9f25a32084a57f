import { randomBytes } from 'node:crypto';
import Decimal from 'decimal.js';
import { DataSource, QueryFailedError } from 'typeorm';
import { PiiCryptoService } from '../src/common/crypto/pii-crypto.service';
import { MoneyRangeError } from '../src/common/money/decimal.transformer';
import { Enrolment } from '../src/enrolment/enrolment.entity';
import { District } from '../src/geo/district.entity';
import { Insurer } from '../src/geo/insurer.entity';
import { Person } from '../src/people/person.entity';
import { AnnualUsage } from '../src/usage/annual-usage.entity';
import { AnnualUsageService } from '../src/usage/annual-usage.service';
import { createTestDatabase, DIALECT, openDataSource, TestDatabase } from './support/test-db';

describe(`persistence (${DIALECT})`, () => {
  let db: TestDatabase;
  let ds: DataSource;
  const pii = new PiiCryptoService(randomBytes(32));
  let insurer: Insurer;
  let district: District;
  let person: Person;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await openDataSource(db, { migrate: true });
    insurer = await ds.getRepository(Insurer).save({ name: '中国人寿重庆分公司', hotline: '95519' });
    district = await ds.getRepository(District).save(
      ds.getRepository(District).create({
        code: '310112',
        name: '闵行区',
        city: '上海市',
        county: '闵行区',
        type: null,
        insurerId: insurer.id,
        payerShares: { city: '0.5', district: '0.3', town: '0.2' },
      }),
    );
    person = await savePerson('500101199001011234', '张𠀀三');
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  async function savePerson(idNumber: string, name: string): Promise<Person> {
    const id = pii.protectIdNumber(idNumber);
    const phone = pii.protectPhone('13812345678');
    return ds.getRepository(Person).save({
      name,
      idNumberEnc: id.enc,
      idNumberHash: id.hash,
      idNumberMasked: id.masked,
      birthDate: '1990-01-01',
      sex: 'M',
      districtId: district.id,
      phoneEnc: phone.enc,
      phoneMasked: phone.masked,
      flags: { in_school: false, medical_insurance_years: 3, disability_card_valid_until: '2027-06-30' },
    });
  }

  function enrolment(personId: number, premium: Decimal, year = 2025): Partial<Enrolment> {
    return {
      personId,
      schemeId: 'cq-huimin',
      insuranceYear: year,
      coverStart: `${year}-01-01`,
      coverEnd: `${year}-12-31`,
      insurerId: insurer.id,
      premium,
    };
  }

  it('stores people with encrypted ID, keyed hash, 4-byte characters and JSON flags', async () => {
    const found = await ds.getRepository(Person).findOneByOrFail({ idNumberHash: pii.hashIdNumber('500101199001011234') });
    expect(found.name).toBe('张𠀀三');
    expect(found.idNumberMasked).toBe('500***********1234');
    expect(pii.decrypt(found.idNumberEnc, 'person.id_number')).toBe('500101199001011234');
    expect(found.phoneMasked).toBe('138****5678');
    expect(found.birthDate).toBe('1990-01-01');
    expect(found.flags).toEqual({ in_school: false, medical_insurance_years: 3, disability_card_valid_until: '2027-06-30' });
    const again = await ds.getRepository(District).findOneByOrFail({ id: district.id });
    expect(again.payerShares).toEqual({ city: '0.5', district: '0.3', town: '0.2' });
  });

  it('refuses a second person with the same ID number (unique hash)', async () => {
    await expect(savePerson('500101199001011234', '冒名')).rejects.toBeInstanceOf(QueryFailedError);
  });

  it('refuses payer shares that do not add up to 1', async () => {
    const repo = ds.getRepository(District);
    await expect(
      repo.save(repo.create({ code: '310112001', name: '江川路街道', city: '上海市', county: '闵行区', type: 'street', payerShares: { city: '0.5', town: '0.4' } })),
    ).rejects.toThrow(/add up to 1, they add up to 0.9/);
  });

  it('round-trips 12345678901.23 and 0.10 exactly', async () => {
    const repo = ds.getRepository(Enrolment);
    const p2 = await savePerson('500101199002021236', '李四');
    const a = await repo.save(enrolment(person.id, new Decimal('12345678901.23')));
    const b = await repo.save(enrolment(p2.id, new Decimal('0.10')));
    const ra = await repo.findOneByOrFail({ id: a.id });
    const rb = await repo.findOneByOrFail({ id: b.id });
    expect(Decimal.isDecimal(ra.premium)).toBe(true);
    expect(ra.premium.toFixed(2)).toBe('12345678901.23');
    expect(rb.premium.toFixed(2)).toBe('0.10');
    expect(rb.premium.eq('0.1')).toBe(true);
    // and the largest value the column holds
    const p3 = await savePerson('500101199003031238', '王五');
    const c = await repo.save(enrolment(p3.id, new Decimal('999999999999.99')));
    expect((await repo.findOneByOrFail({ id: c.id })).premium.toFixed(2)).toBe('999999999999.99');
  });

  it('refuses a 13-integer-digit amount with a clear error, before the database', async () => {
    const repo = ds.getRepository(Enrolment);
    const before = await repo.count();
    const p = await savePerson('500101199004041230', '赵六');
    const attempt = repo.save(enrolment(p.id, new Decimal('1234567890123.45')));
    await expect(attempt).rejects.toBeInstanceOf(MoneyRangeError);
    await expect(repo.save(enrolment(p.id, new Decimal('1234567890123.45')))).rejects.toThrow(
      'money value 1234567890123.45 has 13 integer digits; DECIMAL(14,2) allows at most 12',
    );
    await expect(repo.save(enrolment(p.id, new Decimal('1.005')))).rejects.toThrow(/3 decimals/);
    expect(await repo.count()).toBe(before);
  });

  it('allows one enrolment per person, scheme and year', async () => {
    const repo = ds.getRepository(Enrolment);
    const p = await savePerson('500101199005051232', '钱七');
    await repo.save(enrolment(p.id, new Decimal('60.00'), 2026));
    await expect(repo.save(enrolment(p.id, new Decimal('60.00'), 2026))).rejects.toBeInstanceOf(QueryFailedError);
    await expect(repo.save({ ...enrolment(p.id, new Decimal('60.00'), 2026), schemeId: 'other' })).resolves.toBeDefined();
    await expect(repo.save(enrolment(p.id, new Decimal('60.00'), 2027))).resolves.toBeDefined();
  });

  describe('annual usage ledger', () => {
    const svc = () => new AnnualUsageService(ds);
    const key = () => ({ personId: person.id, schemeId: 'cq-huimin', benefitCode: 'inpatient', year: 2025 });

    it('creates a zero row once and applies deltas only at the expected version', async () => {
      const row = await svc().getOrCreate(key());
      expect(row.subjectKey).toBe(`p:${person.id}`);
      expect(row.paid.toFixed(2)).toBe('0.00');
      expect(row.version).toBe(1);
      expect((await svc().getOrCreate(key())).id).toBe(row.id);

      expect(await svc().apply(row, { baseUsed: new Decimal('0.10'), paid: new Decimal('0.10') })).toBe(true);
      expect(await svc().apply(row, { paid: new Decimal('5') })).toBe(false); // stale version
      const now = await ds.getRepository(AnnualUsage).findOneByOrFail({ id: row.id });
      expect(now.version).toBe(2);
      expect(await svc().apply(now, { baseUsed: new Decimal('0.20'), paid: new Decimal('0.20') })).toBe(true);
      const after = await ds.getRepository(AnnualUsage).findOneByOrFail({ id: row.id });
      expect(after.paid.toFixed(2)).toBe('0.30');
      expect(after.baseUsed.toFixed()).toBe('0.3');
      expect(after.version).toBe(3);
    });

    it('belongs to exactly one of person or household (CHECK)', async () => {
      await expect(svc().getOrCreate({ ...key(), personId: null })).rejects.toThrow(/exactly one/);
      const sql =
        DIALECT === 'sqlite'
          ? `INSERT INTO annual_usage (subject_key, scheme_id, benefit_code, year) VALUES ('x', 's', 'b', 2025)`
          : 'INSERT INTO `annual_usage` (subject_key, scheme_id, benefit_code, year) VALUES (\'x\', \'s\', \'b\', 2025)';
      await expect(ds.query(sql)).rejects.toBeInstanceOf(QueryFailedError);
    });
  });
});
