// validate: hold every normalised value to the zod schemas; a value that fails is kept,
// with a finding, and goes to review (never dropped, never silently accepted).
import { done, type Stage } from '../stage.js';
import type { NormalisedHeader } from './normalise.js';
import { HeaderRecord } from '../../schemas/document-record.js';

export const validateStage: Stage = {
  name: 'validate',
  needs: ['normalised'],
  gives: ['validated'],
  async run(_ctx, doc) {
    const n = structuredClone(doc.artifacts.normalised as NormalisedHeader);
    const today = new Date().toISOString().slice(0, 10);
    const result = HeaderRecord.safeParse({
      docNumber: n.docNumber.value, docType: n.docType.value, issueDate: n.issueDate.value, province: n.province.value,
    });
    if (!result.success) {
      for (const issue of result.error.issues) {
        const name = String(issue.path[0]) as 'docNumber' | 'docType' | 'issueDate' | 'province';
        n[name].findings.push({ code: `${name}.invalid`, message: issue.message, place: n[name].provenance ?? undefined });
      }
    }
    if (n.issueDate.value && n.issueDate.value > today) {
      n.issueDate.findings.push({ code: 'issueDate.future', message: 'Ngày ban hành ở tương lai.', place: n.issueDate.provenance ?? undefined });
    }
    return done({ validated: n });
  },
};
