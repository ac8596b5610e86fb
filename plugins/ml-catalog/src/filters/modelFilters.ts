import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  MODEL_STAGES,
  MODEL_TIERS,
  ModelStage,
  ModelTier,
  SERVING_PATTERNS,
  ServingPattern,
} from '@ml-golden-paths/plugin-ml-catalog-common';
import { z } from 'zod';

/** Fields the Models table can be sorted by, mapped to catalog fields. */
export const MODEL_SORT_FIELDS = {
  name: 'metadata.name',
  owner: 'spec.owner',
  tier: 'spec.mlops.tier',
} as const;

/** A sortable column of the Models table. */
export type ModelSortField = keyof typeof MODEL_SORT_FIELDS;

/** The filters, search and sort order of the Models page. */
export interface ModelFilters {
  /** A group (or user) entity ref; the team's child teams are included. */
  owner?: string;
  tier: ModelTier[];
  stage: ModelStage[];
  servingPattern: ServingPattern[];
  framework: string[];
  /** Free text matched against name, title, description and task. */
  text?: string;
  sort: ModelSortField;
  order: 'asc' | 'desc';
}

/** A query string parameter that was ignored because it was invalid. */
export interface ModelFilterIssue {
  param: string;
  message: string;
}

/** Query string parameter names, shared by parsing and serialising. */
export const MODEL_FILTER_PARAMS = {
  owner: 'owner',
  tier: 'tier',
  stage: 'stage',
  servingPattern: 'serving',
  framework: 'framework',
  text: 'q',
  sort: 'sort',
  order: 'order',
} as const;

const ownerRef = z
  .string()
  .trim()
  .min(1)
  .max(300)
  .transform((value, ctx) => {
    try {
      return stringifyEntityRef(
        parseEntityRef(value, {
          defaultKind: 'group',
          defaultNamespace: 'default',
        }),
      );
    } catch {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: 'must be an entity reference such as group:default/risk-ml',
      });
      return z.NEVER;
    }
  });

const tier = z.coerce
  .number()
  .refine((value): value is ModelTier =>
    (MODEL_TIERS as readonly number[]).includes(value),
  )
  .transform(value => value as ModelTier);

const paramSchemas = {
  owner: ownerRef,
  tier,
  stage: z.enum(MODEL_STAGES),
  servingPattern: z.enum(SERVING_PATTERNS),
  framework: z.string().trim().min(1).max(200),
  text: z.string().trim().min(1).max(200),
  sort: z.enum(
    Object.keys(MODEL_SORT_FIELDS) as [ModelSortField, ...ModelSortField[]],
  ),
  order: z.enum(['asc', 'desc']),
};

const EXPECTED: Record<keyof typeof paramSchemas, string> = {
  owner: 'an entity reference such as group:default/risk-ml',
  tier: `one of ${MODEL_TIERS.join(', ')}`,
  stage: `one of ${MODEL_STAGES.join(', ')}`,
  servingPattern: `one of ${SERVING_PATTERNS.join(', ')}`,
  framework: 'a framework name of at most 200 characters',
  text: 'a search text of at most 200 characters',
  sort: `one of ${Object.keys(MODEL_SORT_FIELDS).join(', ')}`,
  order: 'asc or desc',
};

/** The filters with nothing selected, sorted by name. */
export const DEFAULT_MODEL_FILTERS: ModelFilters = {
  tier: [],
  stage: [],
  servingPattern: [],
  framework: [],
  sort: 'name',
  order: 'asc',
};

/**
 * Reads the Models page filters from a query string. Invalid values are
 * dropped and reported as issues naming the parameter, so a hand-edited or
 * outdated link still opens the page.
 */
export function parseModelFilters(params: URLSearchParams): {
  filters: ModelFilters;
  issues: ModelFilterIssue[];
} {
  const issues: ModelFilterIssue[] = [];
  const parse = <K extends keyof typeof paramSchemas>(
    key: K,
    value: string,
  ): z.output<(typeof paramSchemas)[K]> | undefined => {
    const result = paramSchemas[key].safeParse(value);
    if (result.success) {
      return result.data as z.output<(typeof paramSchemas)[K]>;
    }
    issues.push({
      param: MODEL_FILTER_PARAMS[key],
      message: `ignored "${value.slice(0, 100)}": expected ${EXPECTED[key]}`,
    });
    return undefined;
  };
  const single = <K extends keyof typeof paramSchemas>(key: K) => {
    const value = params.get(MODEL_FILTER_PARAMS[key]);
    return value === null || value.trim() === ''
      ? undefined
      : parse(key, value);
  };
  const many = <K extends keyof typeof paramSchemas>(key: K) => {
    const values = params
      .getAll(MODEL_FILTER_PARAMS[key])
      .flatMap(value => value.split(','))
      .filter(value => value.trim() !== '')
      .map(value => parse(key, value))
      .filter(<T>(value: T | undefined): value is T => value !== undefined);
    return [...new Set(values)];
  };

  return {
    filters: {
      owner: single('owner'),
      tier: many('tier').sort(),
      stage: many('stage'),
      servingPattern: many('servingPattern'),
      framework: many('framework'),
      text: single('text'),
      sort: single('sort') ?? DEFAULT_MODEL_FILTERS.sort,
      order: single('order') ?? DEFAULT_MODEL_FILTERS.order,
    },
    issues,
  };
}

/**
 * Writes the filters as a query string; defaults and empty filters are left
 * out so shared links stay short.
 */
export function serializeModelFilters(filters: ModelFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.owner) {
    params.set(MODEL_FILTER_PARAMS.owner, filters.owner);
  }
  for (const value of filters.tier) {
    params.append(MODEL_FILTER_PARAMS.tier, String(value));
  }
  for (const value of filters.stage) {
    params.append(MODEL_FILTER_PARAMS.stage, value);
  }
  for (const value of filters.servingPattern) {
    params.append(MODEL_FILTER_PARAMS.servingPattern, value);
  }
  for (const value of filters.framework) {
    params.append(MODEL_FILTER_PARAMS.framework, value);
  }
  if (filters.text) {
    params.set(MODEL_FILTER_PARAMS.text, filters.text);
  }
  if (filters.sort !== DEFAULT_MODEL_FILTERS.sort) {
    params.set(MODEL_FILTER_PARAMS.sort, filters.sort);
  }
  if (filters.order !== DEFAULT_MODEL_FILTERS.order) {
    params.set(MODEL_FILTER_PARAMS.order, filters.order);
  }
  return params;
}
