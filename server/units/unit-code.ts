// NBS codes arrive as 6 (county), 9 (township) or 12 digits; the database keys on the 12-digit form.
import { badRequest } from '../http/errors.ts';

export type UnitCode = string & { readonly __brand: 'UnitCode' };

export function parseUnitCode(raw: string, what = 'code'): UnitCode {
  if (!/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/.test(raw)) {
    throw badRequest(`"${what}" must be an NBS code of 2, 4, 6, 9 or 12 digits, e.g. 330329 or 330329100000.`);
  }
  return raw.padEnd(12, '0') as UnitCode;
}
