import { useEffect, useRef, useState } from 'react';
import {
  MODEL_STAGES,
  MODEL_TIERS,
  SERVING_PATTERNS,
} from '@ml-golden-paths/plugin-ml-catalog-common';
import Autocomplete from '@mui/material/Autocomplete';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import useDebounce from 'react-use/esm/useDebounce';
import {
  DEFAULT_MODEL_FILTERS,
  ModelFilters,
} from '../../filters/modelFilters';
import { GroupNode } from '../../groups/GroupHierarchy';
import { TIER_LABELS } from '../TierChip';

/** Props of {@link ModelFiltersBar}. */
export interface ModelFiltersBarProps {
  filters: ModelFilters;
  onChange(filters: ModelFilters): void;
  /** Teams to pick the owner from, in tree order. */
  groups: GroupNode[];
  /** Frameworks used by at least one model. */
  frameworks: string[];
}

function MultiSelect<T extends string | number>(props: {
  id: string;
  label: string;
  options: ReadonlyArray<T>;
  value: T[];
  format?: (value: T) => string;
  onChange(value: T[]): void;
}) {
  const format = props.format ?? String;
  const labelId = `${props.id}-label`;
  return (
    <FormControl size="small" sx={{ minWidth: 150 }}>
      <InputLabel id={labelId}>{props.label}</InputLabel>
      <Select
        multiple
        labelId={labelId}
        id={props.id}
        label={props.label}
        value={props.value.map(String)}
        renderValue={selected => selected.join(', ')}
        onChange={event => {
          const raw = event.target.value;
          const values = typeof raw === 'string' ? raw.split(',') : raw;
          props.onChange(
            props.options.filter(option => values.includes(String(option))),
          );
        }}
      >
        {props.options.map(option => (
          <MenuItem key={String(option)} value={String(option)}>
            <Checkbox size="small" checked={props.value.includes(option)} />
            <ListItemText primary={format(option)} />
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

/**
 * The Models page filters: owning team (child teams included), tier, stage,
 * serving pattern, framework and free text. Free text is applied after a
 * short pause in typing.
 */
export function ModelFiltersBar(props: ModelFiltersBarProps) {
  const { filters, onChange, groups } = props;
  const [text, setText] = useState(filters.text ?? '');
  // What this field last wrote to the URL: a URL change that is not an echo
  // of it (back button, "Clear filters") replaces the text being typed.
  const pushed = useRef(filters.text);
  useEffect(() => {
    if (filters.text !== pushed.current) {
      pushed.current = filters.text;
      setText(filters.text ?? '');
    }
  }, [filters.text]);
  useDebounce(
    () => {
      const trimmed = text.trim() || undefined;
      if (trimmed !== filters.text) {
        pushed.current = trimmed;
        onChange({ ...filters, text: trimmed });
      }
    },
    400,
    [text],
  );

  const selectedGroup =
    groups.find(group => group.ref === filters.owner) ??
    (filters.owner
      ? { ref: filters.owner, title: filters.owner, depth: 0 }
      : null);
  const frameworks = [
    ...new Set([...props.frameworks, ...filters.framework]),
  ].sort();

  return (
    <Stack
      direction="row"
      spacing={2}
      useFlexGap
      flexWrap="wrap"
      alignItems="center"
    >
      <Autocomplete
        size="small"
        sx={{ minWidth: 240 }}
        options={groups}
        value={selectedGroup}
        isOptionEqualToValue={(option, value) => option.ref === value.ref}
        getOptionLabel={option => option.title}
        renderOption={(optionProps, option) => (
          <li {...optionProps} key={option.ref}>
            <span style={{ paddingLeft: option.depth * 16 }}>
              {option.title}
            </span>
          </li>
        )}
        onChange={(_event, value) =>
          onChange({ ...filters, owner: value?.ref ?? undefined })
        }
        renderInput={params => (
          <TextField {...params} label="Owner (incl. child teams)" />
        )}
      />
      <MultiSelect
        id="ml-filter-tier"
        label="Tier"
        options={MODEL_TIERS}
        value={filters.tier}
        format={tier => `Tier ${tier} · ${TIER_LABELS[tier]}`}
        onChange={tier => onChange({ ...filters, tier })}
      />
      <MultiSelect
        id="ml-filter-stage"
        label="Stage"
        options={MODEL_STAGES}
        value={filters.stage}
        onChange={stage => onChange({ ...filters, stage })}
      />
      <MultiSelect
        id="ml-filter-serving"
        label="Serving"
        options={SERVING_PATTERNS}
        value={filters.servingPattern}
        onChange={servingPattern => onChange({ ...filters, servingPattern })}
      />
      <MultiSelect
        id="ml-filter-framework"
        label="Framework"
        options={frameworks}
        value={filters.framework}
        onChange={framework => onChange({ ...filters, framework })}
      />
      <TextField
        size="small"
        label="Search"
        value={text}
        onChange={event => setText(event.target.value)}
        inputProps={{ maxLength: 200, 'aria-label': 'Search models' }}
      />
      <Button
        onClick={() =>
          onChange({
            ...DEFAULT_MODEL_FILTERS,
            sort: filters.sort,
            order: filters.order,
          })
        }
      >
        Clear filters
      </Button>
    </Stack>
  );
}
