export { LevelExplanation, type LevelExplanationProps } from './LevelExplanation';
export { CriterionLevelBadge, type CriterionLevelBadgeProps } from './CriterionLevelBadge';
export { BlockerList, CodeList } from './BlockerList';
export { WhatIfPanel, suggestChanges, schoolLabel, type WhatIfPanelProps } from './WhatIfPanel';
export { levelColors, levelTagStyle } from './level-style';
