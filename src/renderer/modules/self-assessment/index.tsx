import { lazy, Suspense } from 'react';
import { ConfigProvider } from 'antd';
import { INFO_TOKENS, Loading } from './shared';

// Loaded on first visit: the editor and the level engine stay out of the start-up bundle.
const SelfAssessmentRoutes = lazy(() => import('./SelfAssessmentRoutes'));

/**
 * Tự đánh giá, mounted at /self-assessment/*: the list of assessment years, then one
 * assessment's workspace at /self-assessment/:id/:tab with the criterion editor at
 * /self-assessment/:id/criteria/:code. Texts are under the "sa." key in ./i18n/{vi,en}.json.
 */
export function SelfAssessmentModule() {
  return (
    <ConfigProvider theme={INFO_TOKENS}>
      <Suspense fallback={<Loading />}>
        <SelfAssessmentRoutes />
      </Suspense>
    </ConfigProvider>
  );
}
