import { z } from 'zod';

/** A sample value as Prometheus sends it: `[unix seconds, "value"]`. */
const sampleSchema = z.tuple([z.number(), z.string()]);

const labelsSchema = z.record(z.string());

const vectorSchema = z.object({
  resultType: z.literal('vector'),
  result: z.array(z.object({ metric: labelsSchema, value: sampleSchema })),
});

const scalarSchema = z.object({
  resultType: z.literal('scalar'),
  result: sampleSchema,
});

const matrixSchema = z.object({
  resultType: z.literal('matrix'),
  result: z.array(
    z.object({ metric: labelsSchema, values: z.array(sampleSchema) }),
  ),
});

const successSchema = <T extends z.ZodTypeAny>(data: T) =>
  z.object({ status: z.literal('success'), data });

const errorSchema = z.object({
  status: z.literal('error'),
  errorType: z.string(),
  error: z.string(),
});

/** One evaluated point of a query. `value` is NaN when Prometheus said NaN. */
export interface PromPoint {
  timeSeconds: number;
  value: number;
}

/** One series of a range query. */
export interface PromSeries {
  labels: Record<string, string>;
  points: PromPoint[];
}

/** A failed Prometheus query; the message names the query. */
export class PrometheusQueryError extends Error {
  constructor(
    readonly queryName: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`Prometheus query '${queryName}' failed: ${message}`, options);
    this.name = 'PrometheusQueryError';
  }
}

/**
 * Prometheus could not be reached at all (connection refused, unknown host):
 * the serving facts are unavailable, for this reason, rather than an error.
 */
export class PrometheusUnreachableError extends PrometheusQueryError {
  constructor(
    queryName: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(queryName, message, options);
    this.name = 'PrometheusUnreachableError';
  }
}

/** Longest response body read, so a wrong endpoint cannot exhaust memory. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

function parseValue(raw: string): number {
  switch (raw) {
    case '+Inf':
    case 'Inf':
      return Infinity;
    case '-Inf':
      return -Infinity;
    default:
      return Number(raw);
  }
}

/** System error codes that mean nothing listens at the base URL. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/** The system error code under a failed fetch, e.g. `ECONNREFUSED`. */
function causeCode(error: unknown): string | undefined {
  const code = (error as { cause?: { code?: unknown } })?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * A client of the Prometheus HTTP API (`/api/v1/query`,
 * `/api/v1/query_range`). It only ever talks to the configured base URL
 * (fixed paths, redirects refused), POSTs the PromQL as a form so queries are
 * never logged in URLs, bounds each request by a timeout, and validates every
 * response with zod. Errors name the query.
 */
export class PrometheusClient {
  private readonly base: string;

  constructor(
    baseUrl: string,
    private readonly timeoutMs: number,
  ) {
    this.base = baseUrl.replace(/\/+$/, '');
  }

  /**
   * Evaluates an instant query at `time` and returns the single value it
   * yields, or undefined for an empty result. More than one series is an
   * error: templates must aggregate (`sum(...)`) to one value per model.
   */
  async instant(
    queryName: string,
    query: string,
    time: Date,
    signal?: AbortSignal,
  ): Promise<number | undefined> {
    const data = await this.post(
      queryName,
      '/api/v1/query',
      { query, time: String(time.getTime() / 1000) },
      z.union([vectorSchema, scalarSchema]),
      signal,
    );
    if (data.resultType === 'scalar') {
      return parseValue(data.result[1]);
    }
    if (data.result.length > 1) {
      throw new PrometheusQueryError(
        queryName,
        `expected at most one series, got ${data.result.length}; aggregate the template (e.g. sum(...))`,
      );
    }
    return data.result.length ? parseValue(data.result[0].value[1]) : undefined;
  }

  /** Evaluates a range query from `start` to `end` every `stepSeconds`. */
  async range(
    queryName: string,
    query: string,
    start: Date,
    end: Date,
    stepSeconds: number,
    signal?: AbortSignal,
  ): Promise<PromSeries[]> {
    const data = await this.post(
      queryName,
      '/api/v1/query_range',
      {
        query,
        start: String(start.getTime() / 1000),
        end: String(end.getTime() / 1000),
        step: String(stepSeconds),
      },
      matrixSchema,
      signal,
    );
    return data.result.map(series => ({
      labels: series.metric,
      points: series.values.map(([t, v]) => ({
        timeSeconds: t,
        value: parseValue(v),
      })),
    }));
  }

  private async post<T extends z.ZodTypeAny>(
    queryName: string,
    path: string,
    form: Record<string, string>,
    dataSchema: T,
    signal?: AbortSignal,
  ): Promise<z.infer<T>> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: new URLSearchParams(form).toString(),
        redirect: 'error',
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      if (timeout.aborted) {
        throw new PrometheusQueryError(
          queryName,
          `no answer from ${this.base} within ${this.timeoutMs} ms`,
        );
      }
      const code = causeCode(error);
      const Failure =
        code && UNREACHABLE_CODES.has(code)
          ? PrometheusUnreachableError
          : PrometheusQueryError;
      throw new Failure(
        queryName,
        `could not reach ${this.base}: ${(error as Error).message}${
          code ? ` (${code})` : ''
        }`,
        { cause: error },
      );
    }
    const length = Number(res.headers.get('content-length') ?? 0);
    if (length > MAX_BODY_BYTES) {
      throw new PrometheusQueryError(
        queryName,
        `response of ${length} bytes exceeds ${MAX_BODY_BYTES}`,
      );
    }
    let text: string;
    try {
      text = await res.text();
    } catch (error) {
      throw new PrometheusQueryError(
        queryName,
        timeout.aborted
          ? `no complete answer from ${this.base} within ${this.timeoutMs} ms`
          : `reading the response failed: ${(error as Error).message}`,
        { cause: error },
      );
    }
    if (text.length > MAX_BODY_BYTES) {
      throw new PrometheusQueryError(
        queryName,
        `response exceeds ${MAX_BODY_BYTES} bytes`,
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new PrometheusQueryError(
        queryName,
        `HTTP ${res.status}: response is not JSON (${text.slice(0, 120)})`,
      );
    }
    const failure = errorSchema.safeParse(body);
    if (failure.success) {
      throw new PrometheusQueryError(
        queryName,
        `HTTP ${res.status} ${failure.data.errorType}: ${failure.data.error}`,
      );
    }
    if (!res.ok) {
      throw new PrometheusQueryError(queryName, `HTTP ${res.status}`);
    }
    const parsed = successSchema(dataSchema).safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new PrometheusQueryError(
        queryName,
        `unexpected response shape at ${issue.path.join('.') || '(root)'}: ${issue.message}`,
      );
    }
    return parsed.data.data;
  }
}
