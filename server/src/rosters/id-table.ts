/**
 * ID number → 32-bit value, for every valid row of a roster file (a million and more): an open-addressing
 * hash table over typed arrays, about 24 bytes a slot, instead of a Map of strings (~100 bytes an entry).
 * An 18-character ID number packs into two integers: the first 9 digits, and the next 8 digits × 11 + the
 * check character (X = 10).
 */
export class IdTable {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private val: Uint32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1 << 16) {
    let n = 1 << 4;
    while (n < capacity * 2) n <<= 1;
    this.hi = new Uint32Array(n);
    this.lo = new Uint32Array(n);
    this.val = new Uint32Array(n);
    this.mask = n - 1;
  }

  private static pack(id: string): [number, number] {
    const c = id.charCodeAt(17);
    const check = c === 88 || c === 120 ? 10 : c - 48;
    // +1: a zero high word marks an empty slot.
    return [Number(id.slice(0, 9)) + 1, Number(id.slice(9, 17)) * 11 + check];
  }

  static unpack(hi: number, lo: number): string {
    const check = lo % 11;
    return String(hi - 1).padStart(9, '0') + String(Math.floor(lo / 11)).padStart(8, '0') + (check === 10 ? 'X' : String(check));
  }

  private slot(hi: number, lo: number): number {
    let h = Math.imul(hi ^ Math.imul(lo, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 13;
    let i = h & this.mask;
    while (this.hi[i] !== 0 && (this.hi[i] !== hi || this.lo[i] !== lo)) i = (i + 1) & this.mask;
    return i;
  }

  get(id: string): number {
    const [hi, lo] = IdTable.pack(id);
    const i = this.slot(hi, lo);
    return this.hi[i] === 0 ? 0 : this.val[i];
  }

  set(id: string, value: number): void {
    const [hi, lo] = IdTable.pack(id);
    let i = this.slot(hi, lo);
    if (this.hi[i] === 0) {
      if ((this.size + 1) * 2 > this.mask + 1) {
        this.grow();
        i = this.slot(hi, lo);
      }
      this.hi[i] = hi;
      this.lo[i] = lo;
      this.size++;
    }
    this.val[i] = value >>> 0;
  }

  private grow(): void {
    const { hi, lo, val } = this;
    const n = (this.mask + 1) * 2;
    this.hi = new Uint32Array(n);
    this.lo = new Uint32Array(n);
    this.val = new Uint32Array(n);
    this.mask = n - 1;
    for (let j = 0; j < hi.length; j++) {
      if (hi[j] === 0) continue;
      const i = this.slot(hi[j], lo[j]);
      this.hi[i] = hi[j];
      this.lo[i] = lo[j];
      this.val[i] = val[j];
    }
  }

  /** Every (ID number, value) whose value passes `keep`. */
  *entries(keep: (value: number) => boolean): Generator<[string, number]> {
    for (let j = 0; j < this.hi.length; j++) {
      if (this.hi[j] !== 0 && keep(this.val[j])) yield [IdTable.unpack(this.hi[j], this.lo[j]), this.val[j]];
    }
  }
}
