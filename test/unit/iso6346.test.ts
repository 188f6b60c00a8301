import { describe, expect, it } from 'vitest';
import { isValidContainerId, iso6346CheckDigit, makeContainerId } from '../../engine/core/model/iso6346.ts';

describe('given ISO 6346 container numbers', () => {
  it('accepts a published example and rejects it with a wrong check digit', () => {
    expect(isValidContainerId('CSQU3054383')).toBe(true);
    expect(isValidContainerId('CSQU3054384')).toBe(false);
  });
  it('rejects malformed ids when the category or length is wrong', () => {
    expect(isValidContainerId('CSQX3054383')).toBe(false);
    expect(isValidContainerId('CSQU305438')).toBe(false);
    expect(iso6346CheckDigit('csqu305438')).toBeNull();
  });
  it('builds ids that validate when made from an owner code and a serial', () => {
    for (let serial = 0; serial < 500; serial += 7) expect(isValidContainerId(makeContainerId('VNM', serial))).toBe(true);
  });
});
