// Every text the overview table draws reads on its background at WCAG AA (4.5:1), in the app's light theme and a
// dark one; the ratios are computed here from WCAG's own formulas, not with the code under test.
import { act, screen, within } from '@testing-library/react';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableRow from '@mui/material/TableRow';
import { Theme, createTheme, useTheme } from '@mui/material/styles';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { KpiStatus } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { useKpiFormat } from '../../hooks/useKpiFormat';
import {
  TEXT_CONTRAST,
  opaqueColor,
  readableColor,
  statusColor,
} from '../shared/statusColors';
import { KpiValueCell } from './OverviewCells';
import { cell } from './overviewFixtures';
import { overviewCellColors } from './overviewColors';

/** '#rgb', '#rrggbb' or 'rgb(r, g, b)' as 0–255 channels. */
function channels(color: string): number[] {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color)?.[1];
  if (hex) {
    const full = hex.length === 3 ? [...hex].map(c => c + c).join('') : hex;
    return [0, 2, 4].map(i => parseInt(full.slice(i, i + 2), 16));
  }
  const rgb = /^rgb\((\d+), ?(\d+), ?(\d+)\)$/.exec(color);
  if (!rgb) throw new Error(`not an opaque colour: ${color}`);
  return rgb.slice(1).map(Number);
}

/** WCAG 2 relative luminance. */
function luminance(color: string): number {
  const [r, g, b] = channels(color).map(c => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio. */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const STATUSES: KpiStatus[] = [
  'good',
  'warning',
  'critical',
  'insufficient-data',
];

/** The app's own theme, as the test app renders with it. */
async function appTheme(): Promise<Theme> {
  let theme: Theme | undefined;
  function Probe() {
    theme = useTheme();
    return null;
  }
  await act(async () => {
    renderInTestApp(<Probe />);
  });
  return theme!;
}

// Backstage's dark palette: its paper and page backgrounds; MUI's dark status colours.
const darkTheme = createTheme({
  palette: {
    mode: 'dark',
    background: { paper: '#424242', default: '#333333' },
  },
});

describe('the contrast check itself', () => {
  it('computes ratios as WCAG does: the issue’s #998c82 on #f6e2d1 fails at 2.6:1', () => {
    expect(contrast('#998c82', '#f6e2d1')).toBeCloseTo(2.6, 1);
    expect(contrast('#000', '#fff')).toBeCloseTo(21, 5);
    expect(contrast('rgb(118, 118, 118)', '#ffffff')).toBeCloseTo(4.54, 2);
  });
});

describe('readableColor', () => {
  it('keeps a colour that already reads, and darkens or lightens one that does not, just enough', () => {
    expect(readableColor('#2e7d32', '#ffffff')).toBe('rgb(46, 125, 50)');
    const orange = readableColor('#ed6c02', '#ffffff');
    expect(contrast('#ed6c02', '#ffffff')).toBeLessThan(TEXT_CONTRAST);
    expect(contrast(orange, '#ffffff')).toBeGreaterThanOrEqual(TEXT_CONTRAST);
    expect(contrast(orange, '#ffffff')).toBeLessThan(6);
    const onDark = readableColor('#9e9e9e', '#424242');
    expect(luminance(onDark)).toBeGreaterThan(luminance('#9e9e9e'));
    expect(contrast(onDark, '#424242')).toBeGreaterThanOrEqual(TEXT_CONTRAST);
  });

  it('blends a translucent colour into its background first', () => {
    expect(opaqueColor('rgba(0, 0, 0, 0.38)', '#ffffff')).toBe(
      'rgb(158, 158, 158)',
    );
  });
});

describe.each([
  ['light (the app’s)', appTheme],
  ['dark', async () => darkTheme],
])('the %s theme', (_name, themeOf) => {
  it('has status colours that read as text on the paper', async () => {
    const theme = await themeOf();
    const paper = theme.palette.background.paper;
    const failing = STATUSES.filter(
      s => contrast(statusColor(theme, s), paper) < TEXT_CONTRAST,
    );
    expect(failing).toEqual([]);
  });

  it('draws every text of every cell at 4.5:1 or more on the cell’s tint', async () => {
    const theme = await themeOf();
    const failing: string[] = [];
    for (const status of [...STATUSES, 'plain' as const]) {
      const colors = overviewCellColors(theme, status);
      for (const text of ['value', 'muted', 'better', 'worse'] as const) {
        const ratio = contrast(colors[text], colors.background);
        if (ratio < TEXT_CONTRAST)
          failing.push(`${text} on ${status}: ${ratio.toFixed(2)}`);
      }
    }
    expect(failing).toEqual([]);
  });

  it('tints each status differently, and the greyed cells too', async () => {
    const theme = await themeOf();
    const backgrounds = [...STATUSES, 'plain' as const].map(
      s => overviewCellColors(theme, s).background,
    );
    expect(new Set(backgrounds).size).toBe(backgrounds.length);
  });

  it('keeps the secondary text of the page (legend, period, captions) readable on the paper and the page', async () => {
    const theme = await themeOf();
    const { paper, default: page } = theme.palette.background;
    for (const background of [paper, page]) {
      const secondary = opaqueColor(theme.palette.text.secondary, background);
      expect(contrast(secondary, background)).toBeGreaterThanOrEqual(
        TEXT_CONTRAST,
      );
    }
  });
});

describe('the cells', () => {
  it('paint their tint and texts with these colours', async () => {
    let theme: Theme | undefined;
    function Cells() {
      theme = useTheme();
      const format = useKpiFormat();
      return (
        <Table>
          <TableBody>
            <TableRow>
              <KpiValueCell
                kpi="recommend"
                cell={cell(51, {
                  delta: -9,
                  significant: true,
                  change: 'worse',
                  status: 'warning',
                })}
                rollup="pooled"
                format={format}
                minimumSample={30}
              />
              <KpiValueCell
                kpi="satisfaction"
                cell={cell(70, {
                  n: 12,
                  status: 'insufficient-data',
                  delta: 4,
                  change: 'insufficient-data',
                  changeReason: 'small-sample',
                })}
                rollup="pooled"
                format={format}
                minimumSample={30}
              />
            </TableRow>
          </TableBody>
        </Table>
      );
    }
    await act(async () => {
      renderInTestApp(<Cells />);
    });
    const warning = overviewCellColors(theme!, 'warning');
    const greyed = overviewCellColors(theme!, 'insufficient-data');

    const nps = screen.getByTestId('overview-cell-recommend');
    expect(nps).toHaveStyle({ backgroundColor: warning.background });
    expect(within(nps).getByTestId('overview-value-recommend')).toHaveStyle({
      color: warning.value,
    });
    expect(within(nps).getByTestId('overview-delta-recommend')).toHaveStyle({
      color: warning.worse,
    });

    const csat = screen.getByTestId('overview-cell-satisfaction');
    expect(csat).toHaveStyle({ backgroundColor: greyed.background });
    expect(within(csat).getByTestId('overview-value-satisfaction')).toHaveStyle(
      { color: greyed.muted },
    );
    expect(within(csat).getByTestId('overview-delta-satisfaction')).toHaveStyle(
      { color: greyed.muted },
    );
  });
});
