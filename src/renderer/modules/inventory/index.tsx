import { lazy, Suspense } from 'react';
import { Card, Skeleton } from 'antd';

// Loaded on first visit: the stocktake screens stay out of the start-up bundle.
const InventoryRoutes = lazy(() => import('./InventoryRoutes'));

/**
 * Kiểm kê, mounted at /inventory/*: the sessions at /inventory, one session's progress at
 * /inventory/:id, counting a room at /inventory/:id/room/:roomKey ('none' = assets without a
 * room), the reconciliation at /inventory/:id/reconcile. Texts are under the "inv." key in
 * ./i18n/{vi,en}.json.
 */
export function InventoryModule() {
  return (
    <Suspense
      fallback={
        <Card>
          <Skeleton active />
        </Card>
      }
    >
      <InventoryRoutes />
    </Suspense>
  );
}
