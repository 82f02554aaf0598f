import { lazy, Suspense } from 'react';
import { Card, Skeleton } from 'antd';

// Loaded on first visit: the sync screens stay out of the start-up bundle.
const SyncRoutes = lazy(() => import('./SyncRoutes'));

/**
 * Đồng bộ, mounted at /sync/*: the status panel at /sync, dossier submission at
 * /sync/submissions. Texts are under the "sy." key in ./i18n/{vi,en}.json.
 */
export function SyncModule() {
  return (
    <Suspense
      fallback={
        <Card>
          <Skeleton active />
        </Card>
      }
    >
      <SyncRoutes />
    </Suspense>
  );
}
