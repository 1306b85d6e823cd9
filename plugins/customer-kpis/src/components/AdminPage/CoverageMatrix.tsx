// Which catalog components or systems have data for which KPI: data, stale, or missing with what fills the gap (the
// source type to configure, the annotation to add, the failing or silent source); and the data that names entities
// missing from the catalog. Names link to the entity pages.
import { useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import {
  CoverageCell,
  CoverageReason,
  CoverageResponse,
  KPI_IDS,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { KpiFormat, useKpiFormat } from '../../hooks/useKpiFormat';
import { customerKpisTranslationRef } from '../../translations/ref';

/** The kinds the coverage is shown for: components, and the systems that pool them. */
export const COVERAGE_KINDS = ['component', 'system'] as const;

/** A kind the coverage is shown for. */
export type CoverageKind = (typeof COVERAGE_KINDS)[number];

const KIND_KEYS = {
  component: {
    button: 'admin.coverage.kindComponent',
    entity: 'admin.coverage.entity',
    onlyGaps: 'admin.coverage.onlyGaps',
    empty: 'admin.coverage.empty',
    noGaps: 'admin.coverage.noGaps',
  },
  system: {
    button: 'admin.coverage.kindSystem',
    entity: 'admin.coverage.entitySystem',
    onlyGaps: 'admin.coverage.onlyGapsSystems',
    empty: 'admin.coverage.emptySystems',
    noGaps: 'admin.coverage.noGapsSystems',
  },
} as const;

const REASON_KEYS = {
  'no-annotation': 'admin.coverage.noAnnotation',
  'no-source': 'admin.coverage.noSource',
  'source-failing': 'admin.coverage.sourceFailing',
  'no-data-yet': 'admin.coverage.noDataYet',
} as const satisfies Record<CoverageReason, string>;

const STATE_COLORS = {
  data: 'success',
  stale: 'warning',
  missing: 'default',
} as const;

function cellTooltip(cell: CoverageCell, format: KpiFormat): string {
  const lines = [];
  if (cell.lastDataAt)
    lines.push(
      format.t('admin.coverage.lastData', {
        time: format.dateTime(cell.lastDataAt),
      }),
    );
  if (cell.sources.length)
    lines.push(
      format.t('admin.coverage.fedBy', { sources: cell.sources.join(', ') }),
    );
  return lines.join(' · ');
}

/** Names as a list in the reader's language: "a, b or c" (`disjunction`) or "a, b and c". */
function listOf(
  names: readonly string[],
  locale: string,
  type: 'conjunction' | 'disjunction',
): string {
  return new Intl.ListFormat(locale, { type }).format(names);
}

/** What fills a gap, naming the types, annotations or sources; the bare reason when the answer names none. */
function gapText(cell: CoverageCell, format: KpiFormat): string | undefined {
  const { t, locale } = format;
  const named = (names: string[] | undefined) =>
    names && names.length > 0 ? names : undefined;
  switch (cell.reason) {
    case undefined:
      return undefined;
    case 'no-source': {
      const types = named(cell.sourceTypes);
      return types
        ? t('admin.coverage.noSourceDetail', {
            types: listOf(types, locale, 'disjunction'),
          })
        : t(REASON_KEYS[cell.reason]);
    }
    case 'no-annotation': {
      const annotations = named(cell.missingAnnotations);
      return annotations
        ? t('admin.coverage.noAnnotationDetail', {
            annotations: listOf(annotations, locale, 'disjunction'),
          })
        : t(REASON_KEYS[cell.reason]);
    }
    case 'source-failing': {
      const sources = named(cell.failingSources);
      return sources
        ? t('admin.coverage.sourceFailingDetail', {
            sources: listOf(sources, locale, 'conjunction'),
          })
        : t(REASON_KEYS[cell.reason]);
    }
    default: {
      const sources = named(cell.pendingSources);
      return sources
        ? t('admin.coverage.noDataYetDetail', {
            sources: listOf(sources, locale, 'conjunction'),
          })
        : t(REASON_KEYS[cell.reason]);
    }
  }
}

function CoverageCellView(props: {
  cell: CoverageCell | undefined;
  testId: string;
}) {
  const format = useKpiFormat();
  const { t } = format;
  const { cell, testId } = props;
  if (!cell) return <TableCell data-testid={testId}>—</TableCell>;
  const failing = cell.reason === 'source-failing';
  const label = (
    <Chip
      size="small"
      color={failing ? 'error' : STATE_COLORS[cell.state]}
      variant={cell.state === 'missing' && !failing ? 'outlined' : 'filled'}
      label={t(`admin.coverage.${cell.state}`)}
    />
  );
  return (
    <TableCell
      data-testid={testId}
      data-state={cell.state}
      data-reason={cell.reason ?? ''}
      data-sources={cell.sources.join(' ')}
    >
      <Tooltip title={cellTooltip(cell, format)}>
        <span>{label}</span>
      </Tooltip>
      {cell.reason && (
        <Typography
          variant="caption"
          color={failing ? 'error' : 'text.secondary'}
          component="div"
          data-testid="coverage-gap"
          sx={{ overflowWrap: 'anywhere' }}
        >
          {gapText(cell, format)}
        </Typography>
      )}
    </TableCell>
  );
}

/** Whether a row has a KPI without current data. */
function hasGap(row: CoverageResponse['rows'][number]): boolean {
  return KPI_IDS.some(kpi => row.cells[kpi]?.state !== 'data');
}

/** The coverage matrix of one kind, the choice of the kind, and the orphaned data. */
export function CoverageMatrix(props: {
  coverage: CoverageResponse;
  /** The kind shown; the choice is offered when `onKindChange` is given. */
  kind?: CoverageKind;
  onKindChange?: (kind: CoverageKind) => void;
  /** The coverage of a newly chosen kind is on its way. */
  loading?: boolean;
}) {
  const format = useKpiFormat();
  const { t, count, kpiTitle, dateTime } = format;
  const { t: counted } = useTranslationRef(customerKpisTranslationRef);
  const { coverage, kind = 'component', onKindChange, loading } = props;
  const keys = KIND_KEYS[kind];
  const entityLink = useEntityRefLink();
  const [onlyGaps, setOnlyGaps] = useState(false);

  const totals = { data: 0, stale: 0, missing: 0 };
  for (const row of coverage.rows)
    for (const kpi of KPI_IDS) {
      const state = row.cells[kpi]?.state;
      if (state) totals[state]++;
    }
  const rows = onlyGaps ? coverage.rows.filter(hasGap) : coverage.rows;

  return (
    <Box
      data-testid="admin-coverage"
      sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}
    >
      <Box
        sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}
      >
        {onKindChange && (
          <ToggleButtonGroup
            exclusive
            size="small"
            value={kind}
            aria-label={t('admin.coverage.kindLabel')}
            onChange={(_, next: CoverageKind | null) => {
              if (next) onKindChange(next);
            }}
          >
            {COVERAGE_KINDS.map(value => (
              <ToggleButton
                key={value}
                value={value}
                data-testid={`coverage-kind-${value}`}
              >
                {t(KIND_KEYS[value].button)}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
        )}
        <Typography variant="body2" data-testid="admin-coverage-summary">
          {t('admin.coverage.summary', {
            data: count(totals.data),
            stale: count(totals.stale),
            missing: count(totals.missing),
            total: count(totals.data + totals.stale + totals.missing),
          })}{' '}
          {t('admin.coverage.staleAfter', {
            days: count(coverage.staleAfterDays),
          })}
        </Typography>
        <FormControlLabel
          sx={{ ml: 'auto' }}
          control={
            <Switch
              checked={onlyGaps}
              onChange={event => setOnlyGaps(event.target.checked)}
              inputProps={{ 'aria-label': t(keys.onlyGaps) }}
            />
          }
          label={t(keys.onlyGaps)}
        />
      </Box>
      {kind === 'system' && (
        <Typography variant="body2" color="text.secondary">
          {t('admin.coverage.systemsPooled')}
        </Typography>
      )}
      {loading && <LinearProgress data-testid="admin-coverage-loading" />}
      {!loading && rows.length === 0 && (
        <Typography color="text.secondary">
          {coverage.rows.length === 0 ? t(keys.empty) : t(keys.noGaps)}
        </Typography>
      )}
      {!loading && rows.length > 0 && (
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" data-testid="admin-coverage-table">
            <TableHead>
              <TableRow>
                <TableCell>{t(keys.entity)}</TableCell>
                {KPI_IDS.map(kpi => (
                  <TableCell key={kpi} sx={{ minWidth: 110 }}>
                    {kpiTitle(kpi)}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map(row => (
                <TableRow
                  key={row.entityRef}
                  data-testid={`coverage-row-${row.entityRef}`}
                  sx={{ verticalAlign: 'top' }}
                >
                  <TableCell>
                    <Link
                      component={RouterLink}
                      to={entityLink(row.entityRef)}
                      variant="body2"
                      fontWeight={500}
                      underline="hover"
                      data-testid="coverage-entity-link"
                    >
                      {row.title}
                    </Link>
                    <Typography
                      variant="caption"
                      color="text.secondary"
                      component="div"
                    >
                      {row.entityRef}
                      {row.owner ? ` · ${row.owner}` : ''}
                      {row.members !== undefined
                        ? ` · ${counted('admin.coverage.members', {
                            count: row.members,
                          })}`
                        : ''}
                    </Typography>
                  </TableCell>
                  {KPI_IDS.map(kpi => (
                    <CoverageCellView
                      key={kpi}
                      cell={row.cells[kpi]}
                      testId={`coverage-cell-${kpi}`}
                    />
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}

      <Typography variant="h6" component="h2" sx={{ mt: 2 }}>
        {t('admin.coverage.orphansTitle')}
      </Typography>
      {coverage.orphans.length === 0 ? (
        <Alert severity="success" data-testid="admin-orphans-none">
          {t('admin.coverage.noOrphans')}
        </Alert>
      ) : (
        <>
          <Typography variant="body2" color="text.secondary">
            {t('admin.coverage.orphansDescription')}
          </Typography>
          <Table size="small" data-testid="admin-orphans">
            <TableHead>
              <TableRow>
                <TableCell>{t('admin.coverage.entityRef')}</TableCell>
                <TableCell>{t('admin.coverage.kpis')}</TableCell>
                <TableCell>{t('admin.coverage.lastDataAt')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {coverage.orphans.map(orphan => (
                <TableRow key={orphan.entityRef}>
                  <TableCell>
                    <code>{orphan.entityRef}</code>
                  </TableCell>
                  <TableCell>{orphan.kpis.map(kpiTitle).join(', ')}</TableCell>
                  <TableCell>
                    {orphan.lastDataAt ? dateTime(orphan.lastDataAt) : '—'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </Box>
  );
}
