import { lazy, Suspense } from 'react';
import { Card, Skeleton } from 'antd';

// Loaded on first visit: the export screens stay out of the start-up bundle.
const ReportsRoutes = lazy(() => import('./ReportsRoutes'));

/**
 * Báo cáo, mounted at /reports/*: the export screen (?a=<assessment>&kind=<kind> ride along).
 * Texts are under the "rp." key in ./i18n/{vi,en}.json.
 */
export function ReportsModule() {
  return (
    <Suspense
      fallback={
        <Card>
          <Skeleton active />
        </Card>
      }
    >
      <ReportsRoutes />
    </Suspense>
  );
}
