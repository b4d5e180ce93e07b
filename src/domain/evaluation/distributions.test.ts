import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isDomainError } from '../errors.js';
import {
  betaContinuedFraction,
  lentzGuard,
  LENTZ_TINY,
  logGamma,
  normalCdf,
  normalQuantile,
  normalTwoSidedP,
  regularizedIncompleteBeta,
  studentTCdf,
  studentTPdf,
  studentTQuantile,
  studentTTwoSidedP,
} from './distributions.js';

/**
 * |actual - expected| <= tol · |expected| (absolute when expected is 0). References with more digits
 * than a double holds are written as strings.
 */
function expectClose(actual: number, expectedValue: number | string, tol = 1e-9): void {
  const expected = Number(expectedValue);
  const scale = expected === 0 ? 1 : Math.abs(expected);
  if (!(Math.abs(actual - expected) <= tol * scale)) {
    throw new Error(
      `expected ${expected}, got ${actual} (relative error ${Math.abs(actual - expected) / scale})`,
    );
  }
}

// Reference values: mpmath 1.3.0 at mp.dps = 50, computed independently of this code:
//   Φ(z) = mpmath.ncdf(z); two-sided normal p = mpmath.erfc(|z|/sqrt(2));
//   Φ⁻¹(p) = sqrt(2)·mpmath.erfinv(2p - 1);
//   two-sided t p = mpmath.betainc(df/2, 1/2, 0, df/(df+t²), regularized=True);
//   t quantile = 400-step bisection on that expression; ln Γ = mpmath.loggamma;
//   I_x(a, b) = mpmath.betainc(a, b, 0, x, regularized=True).
// Inputs are the doubles the code receives (mpmath.mpf(float(x))). Each reference is printed to 20
// significant digits and tested to 1e-12 relative or tighter.

describe('normal distribution', () => {
  it.each([
    [-8, '6.2209605742717841235e-16'],
    [-5, '2.8665157187919391167e-7'],
    [-1.96, '0.024997895148220436213'],
    [-0.5, '0.30853753872598689636'],
    [0, 0.5],
    [0.3, '0.61791142218895263307'],
    [1, '0.84134474606854294859'],
    [2.5, '0.99379033467422386483'],
    [6, '0.99999999901341235496'],
  ])('Φ(%d) (mpmath)', (z, expected) => {
    expectClose(normalCdf(z), expected, 1e-12);
  });

  it.each([
    [0.1, '0.92034432544594203266'],
    [1.96, '0.049995790296440872426'],
    [-3, '0.0026997960632601890533'],
    [10, '1.5239706048321052132e-23'],
    [20, '5.5072482372124673902e-89'],
  ])('two-sided p for z = %d keeps relative accuracy far in the tail (mpmath)', (z, expected) => {
    expectClose(normalTwoSidedP(z), expected, 1e-12);
  });

  it.each([
    [1e-20, '-9.2623400897984075796'],
    [1e-12, '-7.0344838253011319326'],
    [0.001, '-3.0902323061678135354'],
    [0.025, '-1.9599639845400542118'],
    [0.3, '-0.52440051270804081597'],
    [0.6, '0.25334710313579974132'],
    [0.975, '1.9599639845400538556'],
    [0.999999, '4.7534243088170877657'],
  ])('Φ⁻¹(%d) by AS 241 (mpmath)', (p, expected) => {
    expectClose(normalQuantile(p), expected, 1e-14);
  });

  it('Φ⁻¹(0.5) is exactly 0', () => {
    expect(normalQuantile(0.5)).toBe(0);
  });

  it.each([0, 1, -0.1, Number.NaN])('Φ⁻¹ rejects p = %d', (p) => {
    expect(() => normalQuantile(p)).toThrow(/must be in \(0, 1\)/);
  });

  it('property: Φ(Φ⁻¹(p)) = p', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-10, max: 1 - 1e-10, noNaN: true }), (p) => {
        expectClose(normalCdf(normalQuantile(p)), p, 1e-12);
      }),
    );
  });
});

describe('Student t distribution', () => {
  it.each([
    [0, 5, 1],
    [0.5, 1, '0.70483276469913345165'],
    [2.5, 10, '0.031446844236608804249'],
    [4.0621, 9, '0.0028330078403901580852'],
    [-1.8608, 17.776, '0.079396578139779810802'],
    [12, 3.5, '0.00057453419285612786002'],
    [50, 30, '1.8715417659222712596e-30'],
    [1.5, 1000, '0.13393003882208617211'],
    [3, 2, '0.09546596626670913206'],
    [0.01, 7, '0.99230031764362177093'],
    // Very large df: x = df/(df + t²) is within 1e-5 of 1, where the plain continued fraction lost
    // up to 9 digits to cancellation (see betaContinuedFraction).
    [1, 1e6, '0.31731074983357812928'],
    [2.5, 1e6, '0.012419489502163246208'],
    [2.0983293380714523, 654340.1705270814, '0.035876444973816494235'],
    [0.5, 1e9, '0.61707507756199420732'],
    [2.5, 1e9, '0.012419330810402493945'],
  ])('two-sided p for t = %d, df = %d (mpmath)', (t, df, expected) => {
    expectClose(studentTTwoSidedP(t, df), expected, 1e-12);
  });

  // Closed forms, evaluated in mpmath: df = 1 is Cauchy, P(T <= t) = 1/2 + atan(t)/π; df = 2 has
  // P(T <= t) = 1/2 + t/(2√(2 + t²)).
  it.each([
    [-30, '0.010606402405535423415', '0.00055463134097982945636'],
    [-2, '0.14758361765043327418', '0.091751709536136983634'],
    [-0.3, '0.40722642092225765968', '0.39624283042008880532'],
    [0, 0.5, 0.5],
    [0.7, '0.69440011221421478', '0.72180348768356725841'],
    [4, '0.92202086962263067454', '0.97140452079103168293'],
    [100, '0.99681700723509174485', '0.99995000749875021871'],
  ])('CDF at t = %d for df = 1 and df = 2 (closed forms)', (t, cauchy, df2) => {
    expectClose(studentTCdf(t, 1), cauchy, 1e-13);
    expectClose(studentTCdf(t, 2), df2, 1e-13);
  });

  it('an infinite t has p = 0, and CDF 0 or 1', () => {
    expect(studentTTwoSidedP(Number.POSITIVE_INFINITY, 4)).toBe(0);
    expect(studentTCdf(Number.NEGATIVE_INFINITY, 4)).toBe(0);
    expect(studentTCdf(Number.POSITIVE_INFINITY, 4)).toBe(1);
  });

  it.each([
    [0.975, 1, '12.706204736174693314'],
    [0.975, 2, '4.3026527297494617894'],
    [0.975, 9, '2.2621571627982049992'],
    [0.975, 17.776, '2.1028213103802212335'],
    [0.995, 3.5, '5.0857022230912570118'],
    [0.9, 30, '1.3104150253913957112'],
    [0.975, 1000, '1.9623390808264081039'],
    [0.999999, 1, '318309.88617359026169'],
    [0.75, 4, '0.74069708411268263298'],
    [0.6, 200, '0.25368437919014763926'],
  ])('quantile p = %d, df = %d (mpmath)', (p, df, expected) => {
    expectClose(studentTQuantile(p, df), expected, 1e-12);
    expectClose(studentTQuantile(1 - p, df), -Number(expected), 1e-9);
  });

  it('quantile of 0.5 is 0; closed form for df = 1 is tan(π(p - 1/2))', () => {
    expect(studentTQuantile(0.5, 3)).toBe(0);
    expectClose(studentTQuantile(0.999, 1), '318.3088389855501632', 1e-12); // mpmath tan(π(0.999 - 1/2))
  });

  it('density integrates the CDF: f(t) ≈ (F(t+h) - F(t-h))/2h', () => {
    const h = 1e-5;
    for (const [t, df] of [
      [0.3, 2.5],
      [-1.7, 12],
    ] as const) {
      expectClose(studentTPdf(t, df), (studentTCdf(t + h, df) - studentTCdf(t - h, df)) / (2 * h), 1e-8);
    }
  });

  it.each([0, -1, Number.POSITIVE_INFINITY, Number.NaN])('rejects df = %d', (df) => {
    try {
      studentTTwoSidedP(1, df);
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error) && error.code).toBe('validation_failed');
    }
  });

  it('property: quantile inverts the CDF across df', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        fc.double({ min: 0.5, max: 500, noNaN: true }),
        (p, df) => {
          expectClose(studentTCdf(studentTQuantile(p, df), df), p, 1e-11);
        },
      ),
    );
  });
});

describe('special functions', () => {
  it.each([
    [0.5, '0.5723649429247000870717'],
    [1e-5, '11.51291969289582562562'],
    [3.7, '1.4280723266653881292'],
    [14.99, '25.16448116382550644924'],
    [15, '25.19122118273868150009'],
    [100.25, '360.2845596377642349684'],
    [1000.5, '5908.674175848677488684'],
  ])('ln Γ(%d) (mpmath)', (x, expected) => {
    expectClose(logGamma(x), expected, 1e-14);
  });

  it.each([
    [0.2, 2, 3, '0.18080000000000001705'],
    [0.9, 0.5, 0.5, '0.79516723530086657191'],
    [0.999, 50, 2, '0.99876590960688291533'],
    [0.001, 0.5, 40, '0.22208013236431179211'],
    [0.5, 200, 200, 0.5],
  ])('I_%d(%d, %d) (mpmath; 0.1808 also by hand: I_x(2,3) = 6x²-8x³+3x⁴)', (x, a, b, expected) => {
    expectClose(regularizedIncompleteBeta(x, a, b), expected, 1e-12);
  });

  it('I_0 = 0 and I_1 = 1', () => {
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
  });

  it("Lentz's guard replaces a zero denominator and leaves others alone", () => {
    expect(lentzGuard(0)).toBe(LENTZ_TINY);
    expect(lentzGuard(-1e-310)).toBe(LENTZ_TINY);
    expect(lentzGuard(-2)).toBe(-2);
    // x = (a+1)/(a+b) makes the first denominator 1 - (a+b)x/(a+1) exactly 0; the guard keeps it finite.
    expect(Number.isFinite(betaContinuedFraction(0.5, 1, 3))).toBe(true);
  });
});
