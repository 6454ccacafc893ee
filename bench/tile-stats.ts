// The statistics the tile benchmarks report: totals are sums of per-tile medians.
export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
