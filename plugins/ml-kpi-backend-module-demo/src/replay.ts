import { createHmac } from 'node:crypto';
import { DemoDelivery } from './webhookHistory';

/** The hook id every demo delivery carries (one webhook per repository). */
export const DEMO_HOOK_ID = '90210';

/** A delivery as GitHub sends it: raw body and headers. */
export interface SignedDelivery {
  body: string;
  headers: Record<string, string>;
}

/**
 * Signs a delivery as GitHub does: `x-hub-signature-256` is the HMAC-SHA256
 * of the exact body bytes with the webhook secret.
 */
export function signDelivery(
  delivery: DemoDelivery,
  secret: string,
): SignedDelivery {
  const body = JSON.stringify(delivery.payload);
  const signature = createHmac('sha256', secret).update(body).digest('hex');
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'GitHub-Hookshot/demo',
      'x-github-event': delivery.event,
      'x-github-delivery': delivery.deliveryId,
      'x-github-hook-id': DEMO_HOOK_ID,
      'x-hub-signature-256': `sha256=${signature}`,
    },
  };
}

/** What a replay did. */
export interface ReplayResult {
  sent: number;
  accepted: number;
  /** The first refusals, with status and the endpoint's reason. */
  refused: Array<{ deliveryId: string; status: number; reason: string }>;
  refusedCount: number;
}

/**
 * POSTs the deliveries, signed, to the webhook endpoint (e.g.
 * `http://localhost:7007/api/events/http/github`), one model's deliveries
 * in order, up to `concurrency` models at a time. A refused delivery is
 * counted with its reason and the replay goes on.
 */
export async function replayDeliveries(options: {
  url: string;
  secret: string;
  /** Deliveries per model; each list is sent in order. */
  histories: DemoDelivery[][];
  concurrency?: number;
  signal?: AbortSignal;
}): Promise<ReplayResult> {
  const result: ReplayResult = {
    sent: 0,
    accepted: 0,
    refused: [],
    refusedCount: 0,
  };
  const queue = [...options.histories];
  const worker = async () => {
    for (let history = queue.shift(); history; history = queue.shift()) {
      for (const delivery of history) {
        options.signal?.throwIfAborted();
        const { body, headers } = signDelivery(delivery, options.secret);
        const res = await fetch(options.url, {
          method: 'POST',
          headers,
          body,
          signal: options.signal,
        });
        result.sent += 1;
        if (res.status === 202 || res.ok) {
          result.accepted += 1;
          await res.arrayBuffer();
        } else {
          result.refusedCount += 1;
          const text = await res.text();
          if (result.refused.length < 5) {
            result.refused.push({
              deliveryId: delivery.deliveryId,
              status: res.status,
              reason: text.slice(0, 300),
            });
          }
        }
      }
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker),
  );
  return result;
}
