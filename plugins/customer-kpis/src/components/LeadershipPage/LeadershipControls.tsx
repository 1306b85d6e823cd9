// The controls above the overview: grouping, window, rollup method, CSV export, and the filters. Text filters write
// the URL after a short pause in typing, so that each keystroke does not fetch a page; owner, system and domain
// suggest the catalog's entities by title (FacetFilter.tsx).
import { useEffect, useRef, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Tooltip from '@mui/material/Tooltip';
import DownloadIcon from '@mui/icons-material/Download';
import { OverviewFacetsResponse } from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { KpiWindow, OverviewGroupBy } from '../../api';
import { KpiFormat } from '../../hooks/useKpiFormat';
import {
  FILTER_KEYS,
  FilterKey,
  GROUP_BYS,
  LeadershipState,
  OVERVIEW_WINDOWS,
  REF_KINDS,
  RefFilterKey,
  RollupMethod,
} from './leadershipState';
import { FACET_LISTS, FacetFilter } from './FacetFilter';

/** How long typing pauses before a text filter applies. */
export const FILTER_DEBOUNCE_MS = 400;

const WINDOW_MESSAGE_KEYS = {
  '30d': 'leadership.windows.d30',
  '90d': 'leadership.windows.d90',
  '12m': 'leadership.windows.m12',
} as const;

export const GROUP_BY_MESSAGE_KEYS = {
  component: 'leadership.groupByOptions.component',
  system: 'leadership.groupByOptions.system',
  domain: 'leadership.groupByOptions.domain',
  owner: 'leadership.groupByOptions.owner',
} as const;

const FILTER_MESSAGE_KEYS = {
  kind: 'leadership.filters.kind',
  owner: 'leadership.filters.owner',
  system: 'leadership.filters.system',
  domain: 'leadership.filters.domain',
  lifecycle: 'leadership.filters.lifecycle',
  tag: 'leadership.filters.tag',
  q: 'leadership.filters.q',
} as const;

/** The kinds whose entities the overview can list (the backend mirrors these). */
const KINDS = ['component', 'system'] as const;

export interface LeadershipToolbarProps {
  state: LeadershipState;
  format: KpiFormat;
  exporting: boolean;
  onGroupBy: (groupBy: OverviewGroupBy) => void;
  onWindow: (window: KpiWindow) => void;
  onRollup: (rollup: RollupMethod) => void;
  onExport: () => void;
}

/** Grouping, window, rollup method and export. */
export function LeadershipToolbar(props: LeadershipToolbarProps) {
  const { state, format } = props;
  const { t } = format;
  const grouped = state.groupBy !== 'component';
  return (
    <Box
      sx={{
        display: 'flex',
        flexWrap: 'wrap',
        gap: 2,
        alignItems: 'center',
      }}
    >
      <ToggleButtonGroup
        exclusive
        size="small"
        value={state.groupBy}
        onChange={(_event, next: OverviewGroupBy | null) =>
          next && props.onGroupBy(next)
        }
        aria-label={t('leadership.groupBy')}
        data-testid="overview-group-by"
      >
        {GROUP_BYS.map(groupBy => (
          <ToggleButton
            key={groupBy}
            value={groupBy}
            data-testid={`overview-group-by-${groupBy}`}
          >
            {t(GROUP_BY_MESSAGE_KEYS[groupBy])}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      <ToggleButtonGroup
        exclusive
        size="small"
        value={state.window}
        onChange={(_event, next: KpiWindow | null) =>
          next && props.onWindow(next)
        }
        aria-label={t('leadership.window')}
        data-testid="overview-window"
      >
        {OVERVIEW_WINDOWS.map(window => (
          <ToggleButton
            key={window}
            value={window}
            data-testid={`overview-window-${window}`}
          >
            {t(WINDOW_MESSAGE_KEYS[window])}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      <Tooltip
        title={
          grouped
            ? `${t(
                state.rollup === 'pooled'
                  ? 'leadership.rollup.pooledHelp'
                  : 'leadership.rollup.meanHelp',
              )} ${t('leadership.rollup.basis')}`
            : t('leadership.rollup.single')
        }
      >
        <ToggleButtonGroup
          exclusive
          size="small"
          value={state.rollup}
          disabled={!grouped}
          onChange={(_event, next: RollupMethod | null) =>
            next && props.onRollup(next)
          }
          aria-label={t('leadership.rollup.label')}
          data-testid="overview-rollup"
        >
          <ToggleButton value="pooled" data-testid="overview-rollup-pooled">
            {t('leadership.rollup.pooled')}
          </ToggleButton>
          <ToggleButton value="mean" data-testid="overview-rollup-mean">
            {t('leadership.rollup.mean')}
          </ToggleButton>
        </ToggleButtonGroup>
      </Tooltip>
      <Box sx={{ flex: 1 }} />
      <Button
        variant="outlined"
        size="small"
        startIcon={<DownloadIcon />}
        onClick={props.onExport}
        disabled={props.exporting}
        data-testid="overview-export-csv"
      >
        {t(
          props.exporting
            ? 'leadership.csv.exporting'
            : 'leadership.csv.export',
        )}
      </Button>
    </Box>
  );
}

/** A text filter that keeps what is typed locally and applies it after a pause; follows the URL when it changes. */
function DebouncedTextField(props: {
  name: FilterKey;
  label: string;
  value: string;
  onCommit: (value: string) => void;
}) {
  const { value, onCommit } = props;
  const [text, setText] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => setText(value), [value]);
  useEffect(() => () => clearTimeout(timer.current), []);
  const change = (next: string) => {
    setText(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => onCommit(next.trim()), FILTER_DEBOUNCE_MS);
  };
  return (
    <TextField
      size="small"
      label={props.label}
      value={text}
      onChange={event => change(event.target.value)}
      onKeyDown={event => {
        if (event.key === 'Enter') {
          clearTimeout(timer.current);
          onCommit(text.trim());
        }
      }}
      inputProps={{ 'data-testid': `overview-filter-${props.name}` }}
      sx={{ width: props.name === 'q' ? 200 : 150 }}
    />
  );
}

const isRefFilter = (key: FilterKey): key is RefFilterKey => key in REF_KINDS;

/** Kind, owner, system, domain, lifecycle, tag and text. */
export function LeadershipFilters(props: {
  state: LeadershipState;
  format: KpiFormat;
  /** The suggestions of the owner, system and domain filters (none when they could not be read). */
  facets: OverviewFacetsResponse | undefined;
  facetsLoading: boolean;
  onFilter: (key: FilterKey, value: string) => void;
  onClear: () => void;
}) {
  const { state, format, onFilter, facets } = props;
  const { t } = format;
  const any = FILTER_KEYS.some(key => state.filters[key]);
  return (
    <Box
      sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, alignItems: 'center' }}
      data-testid="overview-filters"
    >
      <FormControl size="small" sx={{ minWidth: 170 }}>
        <InputLabel id="overview-filter-kind-label">
          {t(FILTER_MESSAGE_KEYS.kind)}
        </InputLabel>
        <Select
          labelId="overview-filter-kind-label"
          label={t(FILTER_MESSAGE_KEYS.kind)}
          value={state.filters.kind ?? ''}
          onChange={event => onFilter('kind', event.target.value)}
          inputProps={{ 'data-testid': 'overview-filter-kind' }}
        >
          <MenuItem value="">{t('leadership.filters.anyKind')}</MenuItem>
          {KINDS.map(kind => (
            <MenuItem key={kind} value={kind}>
              {kind}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      {FILTER_KEYS.filter(key => key !== 'kind').map(key =>
        isRefFilter(key) ? (
          <FacetFilter
            key={key}
            name={key}
            label={t(FILTER_MESSAGE_KEYS[key])}
            value={state.filters[key] ?? ''}
            facets={facets?.[FACET_LISTS[key]]}
            loading={props.facetsLoading}
            format={format}
            onCommit={value => {
              if (value !== (state.filters[key] ?? '')) onFilter(key, value);
            }}
          />
        ) : (
          <DebouncedTextField
            key={key}
            name={key}
            label={t(FILTER_MESSAGE_KEYS[key])}
            value={state.filters[key] ?? ''}
            onCommit={value => {
              if (value !== (state.filters[key] ?? '')) onFilter(key, value);
            }}
          />
        ),
      )}
      {any && (
        <Button
          size="small"
          onClick={props.onClear}
          data-testid="overview-filters-clear"
        >
          {t('leadership.filters.clear')}
        </Button>
      )}
    </Box>
  );
}
