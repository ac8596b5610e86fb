import { createRouteRef } from '@backstage/frontend-plugin-api';

/** Route of the Models page (`/ml/models` by default). */
export const modelsRouteRef = createRouteRef();

/** Route of the ownership view (`/ml/ownership` by default). */
export const ownershipRouteRef = createRouteRef();

/** Route of the list of ML entities with invalid metadata (`/ml/invalid-models`). */
export const invalidModelsRouteRef = createRouteRef();
