// The zod schemas for extracted values. The pipeline's validate stage and the review UI's
// corrections use the same ones, so a value a person types is held to the same rules.
import { z } from 'zod';

const isRealDate = (s: string) => {
  const [y, m, d] = s.split('-').map(Number);
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
};

export const IsoDate = z.string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Ngày phải có dạng NNNN-TT-NN (ví dụ 2023-06-29).' })
  .refine(isRealDate, { message: 'Ngày không có thật trên lịch.' })
  .refine((s) => s >= '1945-09-02', { message: 'Ngày ban hành quá sớm.' });

export const DocNumber = z.string()
  .regex(/^\d{1,6}(\/\d{4})?\/[\p{Lu}\p{Ll}0-9&.]+([-/][\p{Lu}\p{Ll}0-9&.]+)*$/u, { message: 'Số, ký hiệu phải có dạng "280/BC-SLĐTBXH" (không có khoảng trắng).' });

export const ProvinceCode = z.string().regex(/^\d{2}$/, { message: 'Mã tỉnh phải gồm 2 chữ số.' });

export const IndicatorNumber = z.number().finite().nonnegative({ message: 'Số liệu không được âm.' });

export const HeaderRecord = z.object({
  docNumber: DocNumber.nullable(),
  docType: z.string().min(1).max(12).nullable(),
  issueDate: IsoDate.nullable(),
  province: z.object({ code: ProvinceCode, name: z.string().min(2) }).nullable(),
});
export type HeaderRecord = z.infer<typeof HeaderRecord>;
