import { summaries } from '../__testUtils__/fixtures';
import {
  formatAge,
  formatCount,
  formatDay,
  formatDuration,
  formatKpiDelta,
  formatKpiInterval,
  formatKpiNumber,
  formatKpiValue,
  formatNps,
  formatPercent,
  formatScore,
} from '.';

// Tests compare with plain spaces; the formatters put no-break spaces between a number and its unit.
const plain = (text: string | undefined) =>
  text?.replace(/[\u00a0\u202f]/g, ' ');
const en = { locale: 'en-US' };

describe('formatting of each KPI', () => {
  it('writes NPS as signed whole points with a minus sign', () => {
    expect(formatNps(50.98, 'en-US')).toBe('+51');
    expect(formatNps(-12.4, 'en-US')).toBe('\u221212');
    expect(formatNps(0.3, 'en-US')).toBe('0');
    expect(formatKpiValue(summaries.recommend, en)).toBe('+51');
  });

  it('writes CSAT and retention to a tenth of a percent, adoption to whole percent', () => {
    expect(plain(formatKpiValue(summaries.satisfaction, en))).toBe('60.0 %');
    expect(plain(formatKpiValue(summaries.retention, en))).toBe('91.2 %');
    expect(plain(formatKpiValue(summaries.adoption, en))).toBe('42 %');
    expect(plain(formatKpiNumber('adoption', 41.6, en))).toBe('42 %');
    expect(plain(formatKpiNumber('satisfaction', 59.96, en))).toBe('60.0 %');
  });

  it('writes durations in minutes, hours or days with at most one decimal', () => {
    expect(plain(formatDuration(45, 'en-US'))).toBe('45 min');
    expect(plain(formatDuration(180, 'en-US'))).toBe('3 h');
    expect(plain(formatDuration(90, 'en-US'))).toBe('1.5 h');
    expect(plain(formatDuration(3600, 'en-US'))).toBe('2.5 d');
    expect(plain(formatDuration(1584, 'en-US'))).toBe('1.1 d');
    expect(plain(formatDuration(59.7, 'en-US'))).toBe('1 h');
    expect(plain(formatKpiValue(summaries['time-to-resolve'], en))).toBe('3 h');
    expect(plain(formatKpiValue(summaries['time-to-value'], en))).toBe('2.5 d');
  });

  it('writes the customer effort score with its scale', () => {
    expect(plain(formatKpiValue(summaries['customer-effort'], en))).toBe(
      '5.4 / 7',
    );
    expect(
      plain(
        formatKpiValue(
          {
            ...summaries['customer-effort'],
            value: 4.06,
            secondary: { ...summaries['customer-effort'].secondary, scale: 5 },
          },
          en,
        ),
      ),
    ).toBe('4.1 / 5');
    expect(formatKpiNumber('customer-effort', 5.43, en, { bare: true })).toBe(
      '5.4',
    );
  });

  it('gives no text for a missing value, never zero', () => {
    expect(
      formatKpiValue({ ...summaries.recommend, value: null }, en),
    ).toBeUndefined();
  });

  it('writes intervals in the KPI unit', () => {
    expect(formatKpiInterval(summaries.recommend, en)).toEqual({
      low: '+31',
      high: '+68',
    });
    expect(formatKpiInterval(summaries.satisfaction, en)).toEqual({
      low: '46.2\u00a0%',
      high: '72.4\u00a0%',
    });
    expect(formatKpiInterval(summaries.adoption, en)).toBeUndefined();
  });

  it('writes changes as points, percentage points or durations', () => {
    expect(formatKpiDelta('recommend', -7.2, en)).toBe('\u22127');
    expect(plain(formatKpiDelta('satisfaction', 8, en))).toBe('+8.0 pp');
    expect(plain(formatKpiDelta('time-to-resolve', -30, en))).toBe(
      '\u221230 min',
    );
    expect(plain(formatKpiDelta('customer-effort', 0.25, en))).toBe('+0.3');
  });
});

describe('formatting in other locales', () => {
  it('uses the locale decimal separator and grouping', () => {
    expect(plain(formatPercent(60, 'fr-FR'))).toBe('60,0 %');
    expect(plain(formatPercent(91.2, 'it-IT'))).toBe('91,2 %');
    expect(plain(formatScore(5.43, 7, 'es-ES'))).toBe('5,4 / 7');
    expect(
      plain(
        formatDuration(3600, 'ru-RU', {
          minutes: 'мин',
          hours: 'ч',
          days: 'дн.',
        }),
      ),
    ).toBe('2,5 дн.');
    expect(plain(formatCount(12345, 'en-US'))).toBe('12,345');
    expect(plain(formatCount(12345, 'fr-FR'))).toBe('12 345');
    expect(plain(formatCount(12345, 'ru-RU'))).toBe('12 345');
  });

  it('writes NPS with a minus sign in every locale', () => {
    expect(formatNps(-12, 'fr-FR')).toBe('\u221212');
    expect(formatNps(-12, 'ru-RU')).toBe('\u221212');
    expect(formatNps(51, 'it-IT')).toBe('+51');
  });

  it('writes ages and days in the locale', () => {
    const now = new Date('2025-06-30T12:00:00Z');
    expect(formatAge(new Date('2025-06-27T12:00:00Z'), now, 'en-US')).toBe(
      '3 days ago',
    );
    expect(formatAge(new Date('2025-06-30T07:00:00Z'), now, 'en-US')).toBe(
      '5 hours ago',
    );
    expect(formatAge(new Date('2025-06-27T12:00:00Z'), now, 'fr-FR')).toBe(
      'il y a 3 jours',
    );
    expect(formatAge(new Date('2025-06-30T11:58:00Z'), now, 'en-US')).toBe(
      '2 minutes ago',
    );
    expect(formatDay('2025-06-30', 'en-US')).toBe('Jun 30, 2025');
    expect(formatDay('2025-06-30', 'it-IT')).toBe('30 giu 2025');
  });
});
