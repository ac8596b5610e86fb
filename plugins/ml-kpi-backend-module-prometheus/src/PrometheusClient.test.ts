import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import { PrometheusClient } from './PrometheusClient';

/**
 * A local HTTP server standing in for a misbehaving or hostile endpoint at
 * the configured base URL (a real Prometheus never sends these answers; the
 * happy paths run against a real Prometheus in
 * ServingFactCollector.prometheus.test.ts).
 */
let server: Server;
let baseUrl: string;
let handler: (req: IncomingMessage, res: ServerResponse, body: string) => void;
const seen: Array<{ url?: string; method?: string; body: string }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', d => (body += d));
    req.on('end', () => {
      seen.push({ url: req.url, method: req.method, body });
      handler(req, res, body);
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/prom/`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise(r => server.close(r));
});

beforeEach(() => {
  seen.length = 0;
});

const json =
  (status: number, body: unknown) =>
  (_: IncomingMessage, res: ServerResponse) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

const at = new Date('2026-01-10T00:00:00Z');

describe('PrometheusClient', () => {
  it('POSTs the query to the fixed path under the base URL and reads one value', async () => {
    handler = json(200, {
      status: 'success',
      data: {
        resultType: 'vector',
        result: [{ metric: {}, value: [1, '+Inf'] }],
      },
    });
    const client = new PrometheusClient(baseUrl, 1000);
    await expect(client.instant('q', 'sum(up)', at)).resolves.toBe(Infinity);
    expect(seen).toEqual([
      {
        url: '/prom/api/v1/query',
        method: 'POST',
        body: `query=sum%28up%29&time=${at.getTime() / 1000}`,
      },
    ]);
  });

  it('reads an empty vector as no value and a scalar as its value', async () => {
    const client = new PrometheusClient(baseUrl, 1000);
    handler = json(200, {
      status: 'success',
      data: { resultType: 'vector', result: [] },
    });
    await expect(client.instant('q', 'x', at)).resolves.toBeUndefined();
    handler = json(200, {
      status: 'success',
      data: { resultType: 'scalar', result: [1, '2.5'] },
    });
    await expect(client.instant('q', 'x', at)).resolves.toBe(2.5);
  });

  it('names the query when the response has the wrong shape', async () => {
    handler = json(200, {
      status: 'success',
      data: { resultType: 'vector', result: [{ metric: {}, value: ['soon'] }] },
    });
    const client = new PrometheusClient(baseUrl, 1000);
    await expect(
      client.instant('requests (default/m)', 'x', at),
    ).rejects.toThrow(
      /^Prometheus query 'requests \(default\/m\)' failed: unexpected response shape at data/,
    );
    handler = json(200, {
      status: 'success',
      data: { resultType: 'matrix', result: [] },
    });
    await expect(client.instant('q', 'x', at)).rejects.toThrow(
      /unexpected response shape/,
    );
  });

  it('reports Prometheus errors, non-JSON answers and bad statuses', async () => {
    const client = new PrometheusClient(baseUrl, 1000);
    handler = json(422, {
      status: 'error',
      errorType: 'execution',
      error: 'too many samples',
    });
    await expect(client.range('lat', 'x', at, at, 60)).rejects.toThrow(
      "Prometheus query 'lat' failed: HTTP 422 execution: too many samples",
    );
    handler = (_, res) => {
      res.writeHead(502);
      res.end('<html>bad gateway</html>');
    };
    await expect(client.instant('q', 'x', at)).rejects.toThrow(
      /HTTP 502: response is not JSON \(<html>bad gateway/,
    );
    handler = json(503, {});
    await expect(client.instant('q', 'x', at)).rejects.toThrow(
      /failed: HTTP 503$/,
    );
  });

  it('refuses to follow a redirect away from the base URL', async () => {
    handler = (_, res) => {
      res.writeHead(302, {
        location: 'http://169.254.169.254/latest/meta-data/',
      });
      res.end();
    };
    const client = new PrometheusClient(baseUrl, 1000);
    await expect(client.instant('q', 'x', at)).rejects.toThrow(
      /Prometheus query 'q' failed: could not reach/,
    );
    expect(seen).toHaveLength(1);
  });

  it('gives up after the timeout, naming the query', async () => {
    handler = () => {
      // never answers
    };
    const client = new PrometheusClient(baseUrl, 200);
    await expect(client.instant('slow', 'x', at)).rejects.toThrow(
      /Prometheus query 'slow' failed: no answer from .* within 200 ms/,
    );
  });

  it('stops when the caller aborts', async () => {
    handler = () => {};
    const client = new PrometheusClient(baseUrl, 10_000);
    const controller = new AbortController();
    const pending = client.instant('q', 'x', at, controller.signal);
    controller.abort();
    await expect(pending).rejects.toThrow(
      /Prometheus query 'q' failed: could not reach/,
    );
  });

  it('refuses oversized answers', async () => {
    handler = (_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('x'.repeat(8 * 1024 * 1024 + 1));
    };
    const client = new PrometheusClient(baseUrl, 5000);
    await expect(client.instant('q', 'x', at)).rejects.toThrow(
      /exceeds 8388608/,
    );
  });
});
