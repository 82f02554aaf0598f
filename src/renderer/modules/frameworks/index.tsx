import { lazy, Suspense } from 'react';
import { Card, Skeleton } from 'antd';

// Loaded on first visit: the browser and the level engine stay out of the start-up bundle.
const FrameworksRoutes = lazy(() => import('./FrameworksRoutes'));

/**
 * Bộ tiêu chí, mounted at /frameworks/*: the list, then one framework at /frameworks/:id with a
 * criterion at /frameworks/:id/:criterionCode. Texts are under the "fw." key in ./i18n/{vi,en}.json.
 */
export function FrameworksModule() {
  return (
    <Suspense
      fallback={
        <Card>
          <Skeleton active />
        </Card>
      }
    >
      <FrameworksRoutes />
    </Suspense>
  );
}
