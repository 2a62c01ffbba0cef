// normalise: document number and type, ISO date, province as of the issue date, the received
// stamp's date and the classification — all in extractors/normalise-header.ts; the stage only
// hands it the header and the pages.
import { defineStage, done } from '../stage.js';
import { normaliseHeader } from '../../extractors/normalise-header.js';

export const normaliseStage = defineStage({
  name: 'normalise',
  needs: ['header', 'pages'],
  gives: ['normalised'],
  async run(_ctx, doc) {
    return done({ normalised: normaliseHeader(doc.artifacts.header, doc.artifacts.pages) });
  },
});
