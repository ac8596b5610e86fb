import type { FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';

/** Largest model card rendered, in characters. */
export const MAX_MODEL_CARD_LENGTH = 512 * 1024;

/**
 * Fetches a model card's markdown. Fails with a readable error when the host
 * refuses, cannot be reached (offline, CORS), returns an HTML page instead of
 * markdown (typically a sign-in page) or the document is too large.
 */
export async function fetchModelCard(
  fetchApi: FetchApi,
  url: string,
): Promise<string> {
  let response: Response;
  try {
    response = await fetchApi.fetch(url, {
      headers: { Accept: 'text/markdown, text/plain;q=0.9, */*;q=0.1' },
    });
  } catch (error) {
    throw new Error(
      `Could not reach ${url} from the browser (${
        (error as Error)?.message ?? String(error)
      }); the host may be offline or not allow cross-origin reads.`,
    );
  }
  if (!response.ok) {
    throw await ResponseError.fromResponse(response);
  }
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('text/html')) {
    throw new Error(
      `${url} returned an HTML page rather than markdown; it may need a sign-in.`,
    );
  }
  const text = await response.text();
  if (text.length > MAX_MODEL_CARD_LENGTH) {
    throw new Error(
      `The model card is larger than ${MAX_MODEL_CARD_LENGTH} characters and is not rendered here.`,
    );
  }
  return text;
}
