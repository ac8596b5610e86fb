import { createRouteRef } from '@backstage/frontend-plugin-api';

/** Route of the Readiness page (`/ml/readiness` by default). */
export const readinessRouteRef = createRouteRef();
