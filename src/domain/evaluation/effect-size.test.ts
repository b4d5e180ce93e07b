import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cohensDav, cohensDz } from './effect-size.js';
import { pairedChange } from './paired-change.js';

/** An asymmetric matcher for a reason that mentions `text`. */
const containing = (text: string): unknown => expect.stringContaining(text);

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

// Cushny & Peebles sleep data as analysed by Student (1908), R `datasets::sleep`: extra hours of
// sleep with drug 1 (treated here as baseline) and drug 2 (follow-up) in the same ten patients.
const SLEEP_1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const SLEEP_2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

// References: mpmath at 50 digits from the formulas in docs/statistics.md, with z = √2·erfinv(0.95).

describe('cohensDz', () => {
  it('sleep data (mpmath)', () => {
    const r = cohensDz(SLEEP_1, SLEEP_2);
    expect(r).toMatchObject({ kind: 'ok', estimator: 'd_z', n: 10 });
    if (r.kind !== 'ok') return;
    expectClose(r.estimate, '1.2845575625910544381', 1e-13);
    expectClose(r.standardError, '0.42720534474710582326', 1e-13);
    expectClose(r.ci.lower, '0.44725047288370954269', 1e-12);
    expectClose(r.ci.upper, '2.1218646522983993335', 1e-12);
    expectClose(r.standardiser, '1.2299954832798732228', 1e-13);
  });

  it('equals t/√n from the paired t-test', () => {
    const t = pairedChange(SLEEP_1, SLEEP_2);
    const d = cohensDz(SLEEP_1, SLEEP_2);
    if (t.kind !== 'ok' || d.kind !== 'ok') throw new Error('expected ok');
    expectClose(d.estimate, t.t / Math.sqrt(10), 1e-14);
  });

  it('edge cases: n < 2, identical changes, unpaired', () => {
    expect(cohensDz([1], [2])).toMatchObject({ kind: 'insufficient_data' });
    expect(cohensDz([1, 2, 3], [2, 3, 4])).toMatchObject({
      kind: 'insufficient_data',
      reason: containing('SD'),
    });
    expect(cohensDz([1, 2], [2])).toMatchObject({ kind: 'insufficient_data' });
    expect(() => cohensDz([1, 2], [2, 5], { confidenceLevel: 0 })).toThrow(/confidenceLevel/);
  });
});

describe('cohensDav', () => {
  it('sleep data (mpmath; r = 0.79517, S = 1.89563)', () => {
    const r = cohensDav(SLEEP_1, SLEEP_2);
    expect(r).toMatchObject({ kind: 'ok', estimator: 'd_av', n: 10 });
    if (r.kind !== 'ok') return;
    expectClose(r.standardiser, '1.8956291967779957321', 1e-13);
    expectClose(r.estimate, '0.83349634131270438806', 1e-13);
    expectClose(r.standardError, '0.27982438365766626163', 1e-12);
    expectClose(r.ci.lower, '0.28505062734756009249', 1e-12);
    expectClose(r.ci.upper, '1.3819420552778486836', 1e-12);
  });

  it("equals Bonett's (2008) variance when the two SDs are equal (vcmeta se.stdmean.ps form)", () => {
    // Baseline 1..5 and follow-up 3, 2, 5, 4, 6: both SDs are √2.5.
    const baseline = [1, 2, 3, 4, 5];
    const followUp = [3, 2, 5, 4, 6];
    const r = cohensDav(baseline, followUp);
    if (r.kind !== 'ok') throw new Error('expected ok');
    const s = Math.sqrt(2.5);
    // Bonett: Var = d²(s₁⁴ + s₂⁴ + 2r²s₁²s₂²)/(8(n-1)σ⁴) + (s₁² + s₂² - 2 r s₁ s₂)/((n-1)σ²), σ² = (s₁²+s₂²)/2.
    const sd2 = Math.sqrt(followUp.reduce((a, v) => a + (v - 4) ** 2, 0) / 4);
    expectClose(sd2, s, 1e-15);
    const cov = baseline.reduce((a, b, i) => a + (b - 3) * (followUp[i]! - 4), 0) / 4;
    const rho = cov / (s * s);
    const d = 1 / s;
    const bonett =
      (d * d * (s ** 4 + s ** 4 + 2 * rho * rho * s ** 4)) / (8 * 4 * s ** 4) +
      (2 * s * s - 2 * rho * s * s) / (4 * s * s);
    expectClose(r.estimate, d, 1e-14);
    expectClose(r.standardError, Math.sqrt(bonett), 1e-13);
  });

  it('one SD zero: the correlation term vanishes; both zero: insufficient', () => {
    const r = cohensDav([5, 5, 5], [4, 6, 8]);
    // S = (0 + 2)/2 = 1, d = 1; Var = 1·(0 + 4 + 0)/(8·2·1) + 4/(2·1) = 0.25 + 2.
    expect(r).toMatchObject({ kind: 'ok', estimate: 1, standardiser: 1 });
    if (r.kind === 'ok') expectClose(r.standardError, Math.sqrt(2.25), 1e-15);
    expect(cohensDav([5, 5], [6, 6])).toMatchObject({ kind: 'insufficient_data' });
    expect(cohensDav([5], [6])).toMatchObject({ kind: 'insufficient_data' });
    expect(cohensDav([5, 6], [6])).toMatchObject({ kind: 'insufficient_data' });
  });

  it('property: the interval contains the estimate and both d are finite or insufficient', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 7, max: 35 }), fc.integer({ min: 7, max: 35 })), {
          minLength: 0,
          maxLength: 30,
        }),
        (pairs) => {
          const a = pairs.map(([x]) => x);
          const b = pairs.map(([, y]) => y);
          for (const r of [cohensDz(a, b), cohensDav(a, b)]) {
            if (r.kind === 'insufficient_data') continue;
            if (!(Number.isFinite(r.estimate) && r.ci.lower <= r.estimate && r.estimate <= r.ci.upper)) {
              return false;
            }
          }
          return true;
        },
      ),
    );
  });
});
