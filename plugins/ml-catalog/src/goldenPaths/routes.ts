import { createRouteRef } from '@backstage/frontend-plugin-api';

/** Route of the golden-path fleet view (`/ml/golden-paths` by default). */
export const goldenPathFleetRouteRef = createRouteRef();
