// The owner, system and domain filters of the overview: they suggest the catalog's entities by title, with how
// many rows each has (GET /overview/facets), find them by title or ref, and filter by the chosen one's ref.
import Autocomplete, { createFilterOptions } from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import {
  OverviewFacet,
  OverviewFacetsResponse,
  OverviewRow,
} from '@customer-kpis/backstage-plugin-customer-kpis-common';
import { KpiFormat } from '../../hooks/useKpiFormat';
import {
  REF_KINDS,
  RefFilterKey,
  toFilterRef,
  toFilterText,
} from './leadershipState';
import { shortRef } from './OverviewTable';

/** The list of the facets answer that suggests each entity filter. */
export const FACET_LISTS = {
  owner: 'owners',
  system: 'systems',
  domain: 'domains',
} as const satisfies Record<RefFilterKey, keyof OverviewFacetsResponse>;

const ROW_TITLES = {
  owner: 'ownerTitle',
  system: 'systemTitle',
  domain: 'domainTitle',
} as const satisfies Record<RefFilterKey, keyof OverviewRow>;

/**
 * The title of the entity an owner, system or domain filter names: from the suggestions, else from a row that
 * names it; its short ref when neither does (the caller may not read it).
 */
export function filterTitle(
  key: RefFilterKey,
  value: string,
  facets: OverviewFacetsResponse | undefined,
  rows: readonly OverviewRow[] = [],
): string {
  const ref = toFilterRef(value, REF_KINDS[key]);
  const facet = facets?.[FACET_LISTS[key]].find(f => f.ref === ref);
  const row = rows.find(r => r[key] === ref && r[ROW_TITLES[key]]);
  return facet?.title ?? row?.[ROW_TITLES[key]] ?? shortRef(ref);
}

// Typing finds a suggestion by its title or by its ref ("team-payments" finds "Payments Team").
const facetFilterOptions = createFilterOptions<OverviewFacet>({
  stringify: facet => `${facet.title ?? ''} ${facet.ref}`,
});

// Stable, so that the Autocomplete does not reset what is being typed on each render.
const facetLabel = (facet: OverviewFacet) => facet.title ?? shortRef(facet.ref);
const sameFacet = (a: OverviewFacet, b: OverviewFacet) => a.ref === b.ref;

/**
 * An owner, system or domain filter: suggests the facets by title, with their counts, and commits the chosen one's
 * ref (as the URL spells it). A value from the URL that is not among them stays shown, by its name.
 */
export function FacetFilter(props: {
  name: RefFilterKey;
  label: string;
  value: string;
  facets: readonly OverviewFacet[] | undefined;
  loading: boolean;
  format: KpiFormat;
  onCommit: (value: string) => void;
}) {
  const { name, value, format } = props;
  const { t } = format;
  const ref = value ? toFilterRef(value, REF_KINDS[name]) : undefined;
  const options = props.facets ?? [];
  const known = ref ? options.find(f => f.ref === ref) : undefined;
  const selected = ref ? known ?? { ref, title: null, count: 0 } : null;
  return (
    <Autocomplete
      size="small"
      options={known || !selected ? options : [selected, ...options]}
      value={selected}
      loading={props.loading}
      getOptionLabel={facetLabel}
      isOptionEqualToValue={sameFacet}
      filterOptions={facetFilterOptions}
      onChange={(_event, next) =>
        props.onCommit(next ? toFilterText(next.ref, REF_KINDS[name]) : '')
      }
      renderOption={({ key: _key, ...optionProps }, facet) => (
        <Box
          component="li"
          key={facet.ref}
          {...optionProps}
          data-testid={`overview-filter-${name}-option`}
          sx={{ display: 'flex', gap: 1 }}
        >
          <Box sx={{ flex: 1, minWidth: 0 }}>
            <div>{facetLabel(facet)}</div>
            <Typography variant="caption" color="text.secondary" noWrap>
              {facet.ref}
            </Typography>
          </Box>
          {facet.count > 0 && (
            <Typography variant="body2" color="text.secondary">
              {format.count(facet.count)}
            </Typography>
          )}
        </Box>
      )}
      noOptionsText={t('leadership.filters.noOptions')}
      loadingText={t('leadership.filters.loading')}
      openText={t('leadership.filters.open')}
      closeText={t('leadership.filters.close')}
      clearText={t('leadership.filters.clearOne')}
      sx={{ width: 200 }}
      renderInput={params => (
        <TextField
          {...params}
          label={props.label}
          inputProps={{
            ...params.inputProps,
            'data-testid': `overview-filter-${name}`,
          }}
        />
      )}
    />
  );
}
