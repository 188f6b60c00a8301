/**
 * ISO 6346 container identification: owner code (3 letters), category (U, J or Z), six-digit
 * serial number and a check digit. The check digit catches a mistyped container number at the
 * edge, before an order is accepted.
 */

const LETTER_VALUES: Readonly<Record<string, number>> = (() => {
  // Letter values skip multiples of 11 (11, 22, 33), as the standard prescribes.
  const values: Record<string, number> = {};
  let v = 10;
  for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
    if (v % 11 === 0) v++;
    values[ch] = v;
    v++;
  }
  return values;
})();

export const ISO6346_PATTERN = /^[A-Z]{3}[UJZ]\d{7}$/;

/** The check digit of the first ten characters of a container id; null if they are malformed. */
export function iso6346CheckDigit(first10: string): number | null {
  if (!/^[A-Z]{3}[UJZ]\d{6}$/.test(first10)) return null;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const ch = first10[i]!;
    const value = i < 4 ? LETTER_VALUES[ch]! : Number(ch);
    sum += value * 2 ** i;
  }
  return (sum % 11) % 10;
}

export function isValidContainerId(id: string): boolean {
  if (!ISO6346_PATTERN.test(id)) return false;
  return iso6346CheckDigit(id.slice(0, 10)) === Number(id[10]);
}

/** Builds a valid container id from an owner code (e.g. "VNM") and a serial number. */
export function makeContainerId(owner: string, serial: number): string {
  const first10 = `${owner.toUpperCase()}U${String(serial % 1_000_000).padStart(6, '0')}`;
  const check = iso6346CheckDigit(first10);
  if (check === null) throw new Error(`[iso6346] bad owner code [${owner}]`);
  return `${first10}${check}`;
}
