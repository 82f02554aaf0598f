import { lazy, Suspense } from 'react';
import { Card, Skeleton } from 'antd';

// Loaded on first visit: the register, import and reports stay out of the start-up bundle.
const AssetsRoutes = lazy(() => import('./AssetsRoutes'));

/**
 * Tài sản & phòng, mounted at /assets/*: one screen with tabs at /assets/<tab> (register,
 * places, import, export, wear, summary, tasks); ?asset=<id> opens an asset in the drawer.
 * Texts are under the "as." key in ./i18n/{vi,en}.json.
 */
export function AssetsModule() {
  return (
    <Suspense
      fallback={
        <Card>
          <Skeleton active />
        </Card>
      }
    >
      <AssetsRoutes />
    </Suspense>
  );
}
