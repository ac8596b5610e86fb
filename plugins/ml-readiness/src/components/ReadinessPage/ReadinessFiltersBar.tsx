import {
  levelTitle,
  modelStages,
  readinessLevels,
} from '@ml-golden-paths/plugin-ml-readiness-common';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import Stack from '@mui/material/Stack';
import type { ReadinessFilters } from '../../filters/readinessFilters';

/** A team offered in the owner filter. */
export interface TeamOption {
  ref: string;
  title: string;
  depth: number;
}

/** Props of {@link ReadinessFiltersBar}. */
export interface ReadinessFiltersBarProps {
  filters: ReadinessFilters;
  teams: TeamOption[];
  /** Checks offered in the failing-check filter. */
  checks: Array<{ id: string; title: string }>;
  onChange(filters: ReadinessFilters): void;
}

const ANY = '';

function FilterSelect(props: {
  id: string;
  label: string;
  value: string | number | undefined;
  options: Array<{ value: string; label: string; depth?: number }>;
  onChange(value: string | undefined): void;
}) {
  const labelId = `readiness-filter-${props.id}-label`;
  return (
    <FormControl size="small" sx={{ minWidth: 150 }}>
      <InputLabel id={labelId}>{props.label}</InputLabel>
      <Select
        labelId={labelId}
        label={props.label}
        value={props.value === undefined ? ANY : String(props.value)}
        onChange={event => {
          const value = String(event.target.value);
          props.onChange(value === ANY ? undefined : value);
        }}
      >
        <MenuItem value={ANY}>Any</MenuItem>
        {props.options.map(option => (
          <MenuItem
            key={option.value}
            value={option.value}
            sx={{ pl: 2 + 2 * (option.depth ?? 0) }}
          >
            {option.label}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

/** Owner, tier, level, failing check and stage filters of the Readiness page. */
export function ReadinessFiltersBar(props: ReadinessFiltersBarProps) {
  const { filters, onChange } = props;
  const set = (patch: Partial<ReadinessFilters>) =>
    onChange({ ...filters, ...patch });
  const teamOptions = props.teams.map(team => ({
    value: team.ref,
    label: team.title,
    depth: team.depth,
  }));
  if (filters.owner && !props.teams.some(t => t.ref === filters.owner)) {
    teamOptions.push({ value: filters.owner, label: filters.owner, depth: 0 });
  }
  const checkOptions = props.checks
    .map(check => ({ value: check.id, label: check.title }))
    .sort((a, b) => a.label.localeCompare(b.label));
  if (filters.check && !props.checks.some(c => c.id === filters.check)) {
    checkOptions.push({ value: filters.check, label: filters.check });
  }
  return (
    <Stack direction="row" spacing={2} useFlexGap flexWrap="wrap">
      <FilterSelect
        id="owner"
        label="Owner"
        value={filters.owner}
        options={teamOptions}
        onChange={owner => set({ owner })}
      />
      <FilterSelect
        id="tier"
        label="Tier"
        value={filters.tier}
        options={['1', '2', '3'].map(t => ({ value: t, label: `Tier ${t}` }))}
        onChange={tier =>
          set({ tier: tier ? (Number(tier) as 1 | 2 | 3) : undefined })
        }
      />
      <FilterSelect
        id="level"
        label="Level"
        value={filters.level}
        options={(['none', ...readinessLevels] as const).map(level => ({
          value: level,
          label: levelTitle(level),
        }))}
        onChange={level => set({ level: level as ReadinessFilters['level'] })}
      />
      <FilterSelect
        id="check"
        label="Failing check"
        value={filters.check}
        options={checkOptions}
        onChange={check => set({ check })}
      />
      <FilterSelect
        id="stage"
        label="Stage"
        value={filters.stage}
        options={modelStages.map(stage => ({ value: stage, label: stage }))}
        onChange={stage => set({ stage: stage as ReadinessFilters['stage'] })}
      />
    </Stack>
  );
}
