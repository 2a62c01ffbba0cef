// parse: header fields and indicator figures, as read (not yet normalised; the classification
// needs the normalised document type, so normalise computes it).
import { defineStage, done } from '../stage.js';
import { extractHeaderFields } from '../../extractors/header-fields.js';
import { extractIndicators } from '../../extractors/indicators/index.js';
import { headerWithOrigins, indicatorsWithOrigins } from '../../extractors/office/provenance.js';

export const parseStage = defineStage({
  name: 'parse',
  needs: ['pages'],
  gives: ['header', 'indicators'],
  async run(_ctx, doc) {
    const { pages } = doc.artifacts;
    // Word/Excel: each value also names the paragraph or cell it was read from (PDFs unchanged)
    return done({ header: headerWithOrigins(extractHeaderFields(pages), pages), indicators: indicatorsWithOrigins(extractIndicators(pages), pages) });
  },
});
