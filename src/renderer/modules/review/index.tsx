import { lazy, Suspense } from 'react';
import { Card, Skeleton } from 'antd';

// Loaded on first visit: the review screens stay out of the start-up bundle.
const ReviewRoutes = lazy(() => import('./ReviewRoutes'));

/**
 * Thẩm định (department mode, docs/review.md), mounted at /review/*: the inbox and dashboard at
 * /review/:tab?, one dossier at /review/dossiers/:id/:tab?. Texts are under "rv." in ./i18n.
 */
export function ReviewModule() {
  return (
    <Suspense
      fallback={
        <Card>
          <Skeleton active />
        </Card>
      }
    >
      <ReviewRoutes />
    </Suspense>
  );
}
