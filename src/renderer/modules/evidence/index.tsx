import { Route, Routes } from 'react-router';
import { EvidenceScreen } from './EvidenceScreen';

/**
 * Kho minh chứng, mounted at /evidence/*: the list at /evidence, the library check at
 * /evidence/health; ?fw=<framework> and ?ev=<evidence id> (the open drawer) ride along.
 * Texts are under the "ev." key in ./i18n/{vi,en}.json; the reusable pieces (picker, citation
 * text, tags) live in components/evidence.
 */
export function EvidenceModule() {
  return (
    <Routes>
      <Route path=":tab?" element={<EvidenceScreen />} />
    </Routes>
  );
}
