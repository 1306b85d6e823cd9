import {
  adoption,
  csat,
  effort,
  resolutions,
} from '../__testUtils__/summaries';
import { kpiStatus, thresholdsForSummary } from './status';

const CSAT_THRESHOLDS = { target: 80, warning: 70 };

describe('kpiStatus', () => {
  it('bands a higher-is-better value: ≥ target good, ≥ warning warning, else critical', () => {
    expect(kpiStatus(csat(32, 8).summary, CSAT_THRESHOLDS)).toBe('good');
    expect(kpiStatus(csat(30, 10).summary, CSAT_THRESHOLDS)).toBe('warning');
    expect(kpiStatus(csat(28, 12).summary, CSAT_THRESHOLDS)).toBe('warning');
    expect(kpiStatus(csat(27, 13).summary, CSAT_THRESHOLDS)).toBe('critical');
  });

  it('bands a lower-is-better value', () => {
    const thresholds = { target: 60, warning: 120 };
    expect(kpiStatus(resolutions(Array(30).fill(50)).summary, thresholds)).toBe(
      'good',
    );
    expect(
      kpiStatus(resolutions(Array(30).fill(100)).summary, thresholds),
    ).toBe('warning');
    expect(
      kpiStatus(resolutions(Array(30).fill(200)).summary, thresholds),
    ).toBe('critical');
  });

  it('says insufficient-data below the minimum sample (default 30) and without data', () => {
    expect(kpiStatus(csat(29, 0).summary, CSAT_THRESHOLDS)).toBe(
      'insufficient-data',
    );
    expect(
      kpiStatus(csat(29, 0).summary, CSAT_THRESHOLDS, { minimumSample: 20 }),
    ).toBe('good');
    expect(kpiStatus(csat(0, 0).summary, CSAT_THRESHOLDS)).toBe(
      'insufficient-data',
    );
  });

  it('gives adoption, a census, a status at any size', () => {
    expect(
      kpiStatus(adoption('2025-03-01', 1, 4, 5).summary, {
        target: 60,
        warning: 40,
      }),
    ).toBe('good');
  });

  it('maps customer effort thresholds of the 7-point scale onto a 5-point headline', () => {
    const fivePoint = effort(5, Array(30).fill(4)).summary;
    const mapped = thresholdsForSummary(fivePoint, {
      target: 5.5,
      warning: 4.5,
    });
    expect(mapped.target).toBe(4);
    expect(mapped.warning).toBeCloseTo(10 / 3, 12);
    expect(kpiStatus(fivePoint, { target: 5.5, warning: 4.5 })).toBe('good');
  });
});
