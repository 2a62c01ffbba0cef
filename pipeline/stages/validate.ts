// validate: hold every normalised value to the zod schemas; a value that fails is kept,
// with a finding, and goes to review (never dropped, never silently accepted).
import { defineStage, done } from '../stage.js';
import { HeaderRecord, IsoDate } from '../../schemas/document-record.js';

export const validateStage = defineStage({
  name: 'validate',
  needs: ['normalised'],
  gives: ['validated'],
  async run(_ctx, doc) {
    const n = structuredClone(doc.artifacts.normalised);
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
    const rd = n.receivedDate;
    if (rd?.value) {
      const r = IsoDate.safeParse(rd.value);
      if (!r.success) rd.findings.push({ code: 'receivedDate.invalid', message: r.error.issues[0].message, place: rd.provenance ?? undefined });
      else if (n.issueDate.value && rd.value < n.issueDate.value) {
        rd.findings.push({ code: 'receivedDate.before_issue', message: `Ngày đến ${rd.value} trên dấu "Công văn đến" sớm hơn ngày ban hành ${n.issueDate.value}.`, place: rd.provenance ?? undefined });
      }
    }
    if (n.issueDate.value && n.issueDate.value > today) {
      n.issueDate.findings.push({ code: 'issueDate.future', message: 'Ngày ban hành ở tương lai.', place: n.issueDate.provenance ?? undefined });
    }
    return done({ validated: n });
  },
});
