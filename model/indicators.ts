// Indicator figures of one document, as the parse stage gives them.
import type { Finding, IndicatorValue, UnmappedFigure } from './document.js';

export interface IndicatorExtraction {
  indicators: IndicatorValue[];
  unmapped: UnmappedFigure[];
  findings: Finding[];
}
