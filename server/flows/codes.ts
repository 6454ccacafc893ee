// Unit codes arrive as 6, 9 or 12 digits (county, township, village forms); the store keys on 12.
export const CODE_PATTERN = /^(\d{6}|\d{9}|\d{12})$/;

export function toCode12(raw: string): string | undefined {
  const s = raw.trim();
  return CODE_PATTERN.test(s) ? s.padEnd(12, '0') : undefined;
}
