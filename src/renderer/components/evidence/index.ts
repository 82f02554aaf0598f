/**
 * Reusable pieces of the evidence library for other modules (self-assessment descriptions,
 * reports): the picker, citation rendering with live codes, and the code/status tags.
 */
export { EvidencePicker, type EvidencePickerProps } from './EvidencePicker';
export { CitationText, splitCitations, type CitationPart, type CitationTextProps } from './CitationText';
export { EvidenceTag, type EvidenceTagProps } from './EvidenceTag';
export { VerificationTag, type VerificationTagProps } from './VerificationTag';
export { useEvidenceCodes, type EvidenceCodeInfo, type EvidenceCodes } from './useEvidenceCodes';
export { useDebouncedValue } from './useDebouncedValue';
export { base64ToBlob, formatBytes, previewKindOf, readFileAsBase64, saveBlob, type PreviewKind } from './files';
