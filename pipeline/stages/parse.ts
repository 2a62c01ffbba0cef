// parse: header fields, subject classification and indicator figures, as read (not yet normalised).
import { done, type Stage } from '../stage.js';
import type { PageText } from '../../model/document.js';
import { extractHeaderFields, classifyDocument } from '../../extractors/header-fields.js';
import { extractIndicators } from '../../extractors/indicators/index.js';

export const parseStage: Stage = {
  name: 'parse',
  needs: ['pages'],
  gives: ['header', 'classification', 'indicators'],
  async run(_ctx, doc) {
    const pages = doc.artifacts.pages as PageText[];
    const header = extractHeaderFields(pages);
    const body = pages.flatMap((p) => p.lines.map((l) => l.text)).join('\n');
    const classification = classifyDocument(header.typeName.value, header.title.value, null, body);
    const indicators = extractIndicators(pages);
    return done({ header, classification, indicators });
  },
};
