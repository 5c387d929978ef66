/**
 * Null distributions of the Kolmogorov–Smirnov statistic: the exact two-sample one (lattice
 * paths) and the one-sample two-sided one that scipy uses as the two-sample asymptotic
 * (`kstwo.sf(d, round(n1·n2/(n1+n2)))`), after Simard & L'Ecuyer (2011).
 */

/**
 * Exact two-sided P(D ≥ h / lcm(n1, n2)) for two samples of sizes n1, n2 with no ties, by
 * counting monotone lattice paths from (0,0) to (n1,n2) that stay strictly inside the band
 * |i/n1 − j/n2| < h/lcm. Counts are kept divided by C(i+j, i), so every value is in [0, 1].
 * Cost O(n1·n2).
 * @example
 * ksTwoSampleExactSf(5, 5, 5); // 2/252 ≈ 0.00794 (complete separation)
 */
export function ksTwoSampleExactSf(n1: number, n2: number, h: number): number {
  if (h <= 0) return 1;
  const g = gcd(n1, n2);
  const a = n2 / g;
  const b = n1 / g;
  // Point (i, j) is outside when |i·a − j·b| ≥ h.
  let row = new Float64Array(n2 + 1);
  let next = new Float64Array(n2 + 1);
  row[0] = 1;
  for (let j = 1; j <= n2; j++) row[j] = Math.abs(j * b) >= h ? 0 : (row[j - 1] as number);
  for (let i = 1; i <= n1; i++) {
    next[0] = Math.abs(i * a) >= h ? 0 : (row[0] as number);
    for (let j = 1; j <= n2; j++) {
      if (Math.abs(i * a - j * b) >= h) {
        next[j] = 0;
      } else {
        next[j] = ((row[j] as number) * i + (next[j - 1] as number) * j) / (i + j);
      }
    }
    const swap = row;
    row = next;
    next = swap;
  }
  return clip01(1 - (row[n2] as number));
}

/**
 * Survival function of the one-sample two-sided KS statistic D_n, P(D_n ≥ x), as scipy's
 * `kstwo.sf` computes it for the cases the two-sample asymptotic reaches: exact tails
 * (Ruben–Gambino, 2·Smirnov for x ≥ 0.5 or n·x² ≥ 2.2), otherwise 1 − Pelz–Good. For n ≤ 140
 * scipy switches to the Durbin/Pomeranz matrix methods in the middle range; this function
 * uses Pelz–Good there as well (an approximation within about 1e-3 of them).
 * @example
 * kolmogorovSf(200, 0.1); // ≈ 0.03411
 */
export function kolmogorovSf(n: number, x: number): number {
  if (!(n >= 1) || Number.isNaN(x)) return Number.NaN;
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    // CDF = n!/n^n · (2t − 1)^n
    const logCdf = logFactorial(n) - n * Math.log(n) + n * Math.log(2 * t - 1);
    return clip01(1 - Math.exp(logCdf));
  }
  if (t >= n - 1) return clip01(2 * Math.pow(1 - x, n));
  if (x >= 0.5) return clip01(2 * smirnovSf(n, x));
  const nxSquared = t * x;
  if (nxSquared >= 370) return 0;
  if (nxSquared >= 2.2) return clip01(2 * smirnovSf(n, x));
  return clip01(1 - pelzGoodCdf(n, x));
}

/**
 * Exact one-sided Smirnov survival P(D⁺_n ≥ x) by the Birnbaum–Tingey sum (in log space).
 * @example
 * smirnovSf(50, 0.3); // ≈ 8.6766e-5
 */
export function smirnovSf(n: number, x: number): number {
  if (x <= 0) return 1;
  if (x >= 1) return 0;
  const last = Math.floor(n * (1 - x) + 1e-12);
  const logN = logFactorial(n);
  const logs: number[] = [];
  let max = -Infinity;
  for (let j = 0; j <= last; j++) {
    const rest = 1 - x - j / n;
    if (rest <= 0) continue;
    const value =
      logN - logFactorial(j) - logFactorial(n - j) + (n - j) * Math.log(rest) + (j - 1) * Math.log(x + j / n) + Math.log(x);
    logs.push(value);
    if (value > max) max = value;
  }
  if (logs.length === 0) return 0;
  let sum = 0;
  for (const v of logs) sum += Math.exp(v - max);
  return clip01(Math.exp(max) * sum);
}

const PI2 = Math.PI * Math.PI;
const PI4 = PI2 * PI2;
const PI6 = PI4 * PI2;
const SQRT2PI = Math.sqrt(2 * Math.PI);

/** Pelz–Good (1976) approximation to P(D_n ≤ x), a port of scipy's `_kolmogn_PelzGood`. */
export function pelzGoodCdf(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const z2 = z * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const qlog = -PI2 / 8 / z2;
  if (qlog < -745) return 0;
  let q = Math.exp(qlog);
  const k1a = -z2;
  const k1b = PI2 / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * PI2) / 4;
  const k2c = (PI4 * (1 - 2 * z2)) / 16;
  const k3d = (PI6 * (5 - 30 * z2)) / 64;
  const k3c = (PI4 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (PI2 * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z4 * z4;
  const K = [0, 0, 0, 0];
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let k = maxk; k >= 1; k--) {
    const m = 2 * k - 1;
    const m2 = m * m;
    const m4 = m2 * m2;
    const m6 = m4 * m2;
    const qpower = Math.pow(q, 8 * k);
    const coeffs = [1, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6];
    for (let i = 0; i < 4; i++) K[i] = (K[i] as number) * qpower + (coeffs[i] as number);
  }
  const divisors = [z, 6 * z4, 72 * z6 * z, 6480 * z4 * z6];
  for (let i = 0; i < 4; i++) K[i] = ((K[i] as number) * q * SQRT2PI) / (divisors[i] as number);
  q = Math.exp(-PI2 / 2 / z2);
  let k2extra = 0;
  let k3extra = 0;
  const sqrt3z = Math.sqrt(3) * z;
  for (let k = maxk; k >= 1; k--) {
    const k2 = k * k;
    const qp = Math.pow(q, k2);
    k2extra += k2 * qp;
    const kpi = Math.PI * k;
    k3extra += (sqrt3z + kpi) * (sqrt3z - kpi) * k2 * qp;
  }
  K[2] = (K[2] as number) + (k2extra * PI2 * SQRT2PI) / (-36 * z2 * z);
  K[3] = (K[3] as number) + (k3extra * PI2 * SQRT2PI) / (216 * z6);
  let sum = 0;
  for (let i = 0; i < 4; i++) sum += (K[i] as number) / Math.pow(n, i / 2);
  return sum;
}

/** log(n!) via the log-gamma function. */
export function logFactorial(n: number): number {
  return logGamma(n + 1);
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** Natural log of Γ(x) for x > 0 (Lanczos, g = 7; relative error about 1e-15). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const y = x - 1;
  let a = LANCZOS[0] as number;
  const t = y + 7.5;
  for (let i = 1; i < 9; i++) a += (LANCZOS[i] as number) / (y + i);
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Greatest common divisor of two non-negative integers. */
export function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

function clip01(p: number): number {
  return p < 0 ? 0 : p > 1 ? 1 : p;
}
