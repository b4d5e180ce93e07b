/**
 * Probability distributions for the evaluation statistics, written here so src/domain has no
 * runtime dependencies: the standard normal (CDF via erfc, quantile by Wichura's AS241) and
 * Student's t (CDF via the regularized incomplete beta function, quantile by safeguarded Newton).
 * Formulas and sources: docs/statistics.md "Distributions". Accuracy is checked against mpmath
 * (50 significant digits) in distributions.test.ts to 1e-12 relative or better.
 */
import { validationError } from '../errors.js';

/** Smallest magnitude a continued-fraction denominator may take (Lentz 1976; NR 3rd ed. §5.2). */
export const LENTZ_TINY = 1e-300;

/**
 * Lentz's guard for continued fractions (Numerical Recipes 3rd ed., §5.2, modified Lentz
 * algorithm): replaces a denominator that is (nearly) zero by a tiny number so the evaluation never
 * divides by zero.
 */
export function lentzGuard(value: number): number {
  return Math.abs(value) < LENTZ_TINY ? LENTZ_TINY : value;
}

function requireProbability(p: number): void {
  if (!(p > 0 && p < 1)) {
    throw validationError([
      { path: 'p', rule: 'open_unit_interval', message: `must be in (0, 1), got ${p}` },
    ]);
  }
}

function requireDf(df: number): void {
  if (!(df > 0 && Number.isFinite(df))) {
    throw validationError([
      { path: 'df', rule: 'positive', message: `must be a positive number, got ${df}` },
    ]);
  }
}

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** Stirling's series δ(x) = ln Γ(x) - ((x - ½) ln x - x + ½ ln 2π) for x >= 15 (A&S 6.1.40). */
function stirlingCorrection(x: number): number {
  const r = 1 / x;
  const r2 = r * r;
  return (
    r *
    (1 / 12 +
      r2 *
        (-1 / 360 + r2 * (1 / 1260 + r2 * (-1 / 1680 + r2 * (1 / 1188 + r2 * (-691 / 360360 + r2 / 156))))))
  );
}

/**
 * ln Γ(x) for x > 0: the recurrence Γ(x) = Γ(x + k) / (x (x+1) ... (x+k-1)) lifts x to at least 15,
 * then Stirling's series with terms to 1/x^13 (Abramowitz & Stegun 6.1.40; the Bernoulli-number
 * coefficients 1/12, -1/360, 1/1260, -1/1680, 1/1188, -691/360360, 1/156). The truncation error at
 * x >= 15 is below 1e-19.
 */
export function logGamma(x: number): number {
  let y = x;
  let product = 1;
  while (y < 15) {
    product *= y;
    y += 1;
  }
  return (y - 0.5) * Math.log(y) - y + HALF_LOG_TWO_PI + stirlingCorrection(y) - Math.log(product);
}

/**
 * ln B(a, b) = ln Γ(a) + ln Γ(b) - ln Γ(a + b). When the larger argument A is 15 or more, the
 * difference ln Γ(A) - ln Γ(A + s) is formed without cancellation as
 * δ(A) - δ(A + s) - (A - ½) log1p(s/A) - s ln(A + s) + s (the `algdiv` idea of Didonato & Morris
 * 1992, ACM TOMS 18:360-373), so t-tests with large df keep their accuracy.
 */
export function logBeta(a: number, b: number): number {
  const small = Math.min(a, b);
  const big = Math.max(a, b);
  if (big < 15) return logGamma(a) + logGamma(b) - logGamma(a + b);
  const sum = big + small;
  const difference =
    stirlingCorrection(big) -
    stirlingCorrection(sum) -
    (big - 0.5) * Math.log1p(small / big) -
    small * Math.log(sum) +
    small;
  return logGamma(small) + difference;
}

const CF_EPSILON = 1e-15;
const CF_MAX_ITERATIONS = 10_000;

/**
 * The continued fraction for the incomplete beta function (Numerical Recipes 3rd ed., §6.4,
 * `betacf`; DLMF 8.17.22): I_x(a,b) = x^a (1-x)^b / (a B(a,b)) · 1/(1 + d₁/(1 + d₂/(1 + …))) with
 * d_{2m+1} = -(a+m)(a+b+m)x / ((a+2m)(a+2m+1)) and d_{2m} = m(b-m)x / ((a+2m-1)(a+2m)). Returns the
 * fraction 1/(1 + d₁/(…)). It converges fast for x < (a+1)/(a+b+2).
 *
 * Evaluated in its odd part (the standard contraction of a continued fraction, e.g. Cuyt et al.
 * 2008, Handbook of Continued Fractions for Special Functions, chapter 1; checked by truncation):
 * 1 + d₁ - d₁d₂/(1 + d₂ + d₃ - d₃d₄/(1 + d₄ + d₅ - …)), by the modified Lentz method. With
 * R = (a+m)(a+b+m)/((a+2m)(a+2m+1)), each 1 + d_{2m+1} = 1 - xR is formed, when R <= 1, as
 * [a(2m+1-b) + m(3m+2-b)]/((a+2m)(a+2m+1)) + yR from y = 1 - x: when a is large and x close to 1
 * (Student t with large df) 1 - xR loses about -log10(1-x) digits to cancellation; this form does not.
 */
export function betaContinuedFraction(x: number, a: number, b: number, y: number = 1 - x): number {
  const dEven = (m: number): number => (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m));
  const dOdd = (m: number): number => (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
  const onePlusDOdd = (m: number): number => {
    const denominator = (a + 2 * m) * (a + 2 * m + 1);
    const ratio = ((a + m) * (a + b + m)) / denominator;
    // 1 + d_{2m+1} = 1 - x·ratio. When ratio <= 1 use (1 - ratio) + y·ratio, two non-negative terms
    // with 1 - ratio in closed form; otherwise 1 - x·ratio is the better conditioned of the two.
    return ratio <= 1 ? (a * (2 * m + 1 - b) + m * (3 * m + 2 - b)) / denominator + y * ratio : 1 - x * ratio;
  };
  let f = lentzGuard(onePlusDOdd(0));
  let c = f;
  let d = 0;
  for (let k = 1; k <= CF_MAX_ITERATIONS; k++) {
    const alpha = -dOdd(k - 1) * dEven(k);
    const beta = dEven(k) + onePlusDOdd(k);
    d = 1 / lentzGuard(beta + alpha * d);
    c = lentzGuard(beta + alpha / c);
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < CF_EPSILON) break;
  }
  return 1 / f;
}

/**
 * The regularized incomplete beta function I_x(a, b) (DLMF 8.17.2), for 0 <= x <= 1 and a, b > 0.
 * `y` = 1 - x may be passed when it is known more precisely than 1 - x. Uses the continued fraction
 * directly when x < (a+1)/(a+b+2) and the symmetry I_x(a,b) = 1 - I_{1-x}(b,a) otherwise
 * (Numerical Recipes 3rd ed., §6.4).
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number, y: number = 1 - x): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  const logX = x > 0.5 ? Math.log1p(-y) : Math.log(x);
  const logY = y > 0.5 ? Math.log1p(-x) : Math.log(y);
  const front = Math.exp(a * logX + b * logY - logBeta(a, b));
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b, y)) / a;
  return 1 - (front * betaContinuedFraction(y, b, a, x)) / b;
}

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/**
 * erfc(x) for x >= 0. Below 2: 1 - erf(x), with erf from its series of positive terms
 * erf(x) = (2/√π) e^{-x²} Σ (2x²)^n x / (1·3·…·(2n+1)) (DLMF 7.6.2). From 2: the Laplace continued
 * fraction erfc(x) = (e^{-x²}/√π) / (x + (1/2)/(x + 1/(x + (3/2)/(x + …)))) (DLMF 7.9.2) by Lentz.
 */
function erfcNonNegative(x: number): number {
  const x2 = x * x;
  if (x < 2) {
    let term = x;
    let sum = x;
    for (let n = 1; term > sum * 1e-17; n++) {
      term *= (2 * x2) / (2 * n + 1);
      sum += term;
    }
    return 1 - TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
  }
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n <= CF_MAX_ITERATIONS; n++) {
    const an = n / 2;
    d = 1 / lentzGuard(x + an * d);
    c = lentzGuard(x + an / c);
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < CF_EPSILON) break;
  }
  return Math.exp(-x2) / (Math.sqrt(Math.PI) * f);
}

/** Standard normal CDF Φ(z) = erfc(-z/√2)/2, accurate in both tails (DLMF 7.2.2, 7.18). */
export function normalCdf(z: number): number {
  return z < 0 ? 0.5 * erfcNonNegative(-z / Math.SQRT2) : 1 - 0.5 * erfcNonNegative(z / Math.SQRT2);
}

/** Two-sided normal p-value P(|Z| >= |z|) = erfc(|z|/√2), computed without cancellation. */
export function normalTwoSidedP(z: number): number {
  return erfcNonNegative(Math.abs(z) / Math.SQRT2);
}

function polynomial(coefficients: readonly number[], x: number): number {
  let value = 0;
  for (let i = coefficients.length - 1; i >= 0; i--) value = value * x + (coefficients[i] as number);
  return value;
}

// Wichura (1988), Algorithm AS 241 PPND16, Applied Statistics 37(3):477-484; coefficients as
// printed there (also in CPython's statistics.NormalDist.inv_cdf), lowest order first, written as the
// nearest doubles.
const AS241_A = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987,
  67265.7709270087, 33430.57558358813, 2509.0809287301227,
];
const AS241_B = [
  1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271,
  28729.085735721943, 5226.495278852854,
];
const AS241_C = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684,
  0.2417807251774506, 0.022723844989269184, 0.0007745450142783414,
];
const AS241_D = [
  1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008, 0.015198666563616457,
  0.0005475938084995345, 1.0507500716444169e-9,
];
const AS241_E = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487, 0.026532189526576124,
  0.0012426609473880784, 0.000027115555687434876, 2.0103343992922881e-7,
];
const AS241_F = [
  1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133,
  0.000018463183175100548, 1.421511758316446e-7, 2.0442631033899397e-15,
];

/**
 * Standard normal quantile Φ⁻¹(p) for 0 < p < 1 by Wichura's AS 241 (PPND16), relative accuracy
 * about 1e-16. Throws `validation_failed` outside (0, 1).
 */
export function normalQuantile(p: number): number {
  requireProbability(p);
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * polynomial(AS241_A, r)) / polynomial(AS241_B, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x = polynomial(AS241_C, r) / polynomial(AS241_D, r);
  } else {
    r -= 5;
    x = polynomial(AS241_E, r) / polynomial(AS241_F, r);
  }
  return q < 0 ? -x : x;
}

/**
 * Two-sided Student t p-value P(|T| >= |t|) with `df` degrees of freedom (df > 0, not necessarily
 * whole): I_{df/(df+t²)}(df/2, 1/2) (Abramowitz & Stegun 26.7.1 with 26.5.27), computed in the
 * tail directly so small p-values keep their relative accuracy.
 */
export function studentTTwoSidedP(t: number, df: number): number {
  requireDf(df);
  const t2 = t * t;
  return regularizedIncompleteBeta(1 / (1 + t2 / df), df / 2, 0.5, 1 / (1 + df / t2));
}

/** Student t CDF P(T <= t) (see `studentTTwoSidedP`). */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * studentTTwoSidedP(t, df);
  return t < 0 ? tail : 1 - tail;
}

/**
 * Student t density Γ((ν+1)/2) / (√(νπ) Γ(ν/2)) · (1 + t²/ν)^(-(ν+1)/2) (A&S 26.7.1), evaluated as
 * exp(-ln B(ν/2, ½) - ½ ln ν - ((ν+1)/2) log1p(t²/ν)) since Γ((ν+1)/2)/Γ(ν/2) = √π / B(ν/2, ½).
 */
export function studentTPdf(t: number, df: number): number {
  requireDf(df);
  return Math.exp(-logBeta(df / 2, 0.5) - 0.5 * Math.log(df) - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

const QUANTILE_TOLERANCE = 1e-15;
const QUANTILE_MAX_ITERATIONS = 200;

/**
 * Student t quantile: the t with P(T <= t) = p, for 0 < p < 1 and df > 0. Solves the upper tail
 * P(T > t) = min(p, 1-p) for t > 0 by Newton's method on the CDF, kept inside a bracket by
 * bisection (Numerical Recipes 3rd ed., §9.4 `rtsafe`), starting from the Cornish-Fisher expansion
 * t ≈ z + (z³+z)/(4ν) + (5z⁵+16z³+3z)/(96ν²) (Abramowitz & Stegun 26.7.5). Converges to about
 * 1e-15 relative.
 */
export function studentTQuantile(p: number, df: number): number {
  requireProbability(p);
  requireDf(df);
  if (p === 0.5) return 0;
  const tail = Math.min(p, 1 - p);
  const upper = (t: number): number => 0.5 * studentTTwoSidedP(t, df);
  const z = -normalQuantile(tail);
  let t = z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df);
  // Bracket the root: upper() falls from 0.5 at t = 0 towards 0.
  let lo = 0;
  let hi = Math.max(2 * t, 1);
  while (upper(hi) > tail) {
    lo = hi;
    hi *= 2;
  }
  if (!(t > lo && t < hi)) t = (lo + hi) / 2;
  for (let i = 1; ; i++) {
    const f = upper(t) - tail;
    if (f > 0) lo = t;
    else hi = t;
    let next = t + f / studentTPdf(t, df);
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - t) <= QUANTILE_TOLERANCE * next || i >= QUANTILE_MAX_ITERATIONS) {
      return p < 0.5 ? -next : next;
    }
    t = next;
  }
}
