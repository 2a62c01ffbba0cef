// Body text of a report or a programme, worded as other offices write them. Reports cite the
// national coordination programme in the body ("báo cáo kết quả thực hiện Chương trình phối
// hợp số 109/...") even when their title does not say "phối hợp"; the body also carries
// numbers that are no indicator (percentages, communes, other documents' numbers).
import { MINISTRY_PROGRAMME, Rand, type GroundTruthDocument } from '../generator/ground-truth.js';
import { isTunePart } from './split.js';
import { SECTION_KEYS, sectionOf, type Block } from './blocks.js';
import { provincePhrase } from './header-text.js';
import type { Layout } from './params.js';
import { cap, clauses, type Clause } from './prose.js';
import { summaryTable, tableShape, type TableShape } from './tables.js';

const NTP = 'Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021-2025';
const PROG_109 = `Chương trình phối hợp số ${MINISTRY_PROGRAMME.number} ngày ${MINISTRY_PROGRAMME.date} giữa Bộ Lao động - Thương binh và Xã hội và Ban Thường trực Ủy ban Trung ương MTTQ Việt Nam`;

export interface Content {
  salutation: string | null;
  body: Block[];
  /** after the signature, on its own page */
  appendix: Block[];
  recipients: string[];
  /** manifest: how each indicator was stated */
  prose: Clause[];
  table: TableShape | null;
}

const SECTION_HEADS = [
  ['1. Công tác thông tin, tuyên truyền', '1. Về tuyên truyền, nâng cao nhận thức'],
  ['2. Huy động nguồn lực hỗ trợ người nghèo', '2. Về vận động, hỗ trợ người nghèo'],
  ['3. Xây dựng, nhân rộng mô hình giảm nghèo', '3. Về mô hình, dự án giảm nghèo'],
  ['4. Kiểm tra, giám sát', '4. Về công tác kiểm tra, giám sát'],
  ['5. Thi đua, khen thưởng', '5. Về biểu dương, khen thưởng'],
];

const LEADS = ['Trong kỳ báo cáo, các cơ quan, đơn vị đã', 'Kết quả, toàn tỉnh đã', 'Các cấp, các ngành đã', 'Sở Lao động - Thương binh và Xã hội phối hợp với Ủy ban MTTQ các cấp'];

function sectionBlocks(d: GroundTruthDocument, g: number, proseKeys: string[], rand: Rand, made: Clause[]): Block[] {
  const keys = proseKeys.filter((k) => sectionOf(k) === g);
  const out: Block[] = [{ t: 'heading', text: rand.pick(SECTION_HEADS[g]), italic: rand.chance(0.3) }];
  const where = provincePhrase(d);
  const filler = [
    `Công tác này được triển khai tại ${rand.int(3, 12)} huyện, thị xã, thành phố và ${rand.int(20, 180)} xã trên địa bàn ${where}; tỷ lệ hộ nghèo ước giảm ${rand.int(1, 3)},${rand.int(1, 9)}% so với đầu năm.`,
    `Việc triển khai được lồng ghép với các chương trình, dự án khác trên địa bàn, bảo đảm công khai, minh bạch, đúng đối tượng.`,
  ];
  if (!keys.length) {
    out.push({ t: 'para', text: rand.pick(filler) });
    return out;
  }
  const list = rand.chance(0.3);
  const cs = clauses(keys, d.indicators!, rand, list, isTunePart(d.id) ? new Rand('other-hands', 'phrasing', d.id, String(g)) : null);
  made.push(...cs);
  if (list) {
    out.push({ t: 'para', text: `${rand.pick(['Kết quả cụ thể như sau:', 'Kết quả đạt được:', 'Cụ thể:'])}` });
    cs.forEach((c, i) => { out.push({ t: 'para', text: `${rand.pick(['-', '+', '-'])} ${cap(c.text)}${i === cs.length - 1 ? '.' : ';'}`, keys: c.keys }); });
  } else {
    // two or three clauses a sentence, as people write
    for (let i = 0; i < cs.length; i += 3) {
      const part = cs.slice(i, i + 3);
      // a verb-led clause reads after "đã"; a figure-led one after a plain lead-in
      const verbLed = part[0].order === 'verb-first' || part[0].order === 'pair';
      const lead = i === 0 ? (verbLed ? rand.pick(LEADS) : rand.pick(['Kết quả:', 'Trong kỳ,', 'Đến nay,'])) : verbLed ? rand.pick(['Bên cạnh đó, đã', 'Ngoài ra, đã', 'Đồng thời, đã']) : rand.pick(['Ngoài ra,', 'Đồng thời,']);
      const text = `${lead} ${part.map((c) => c.text).join('; ')}.`;
      out.push({ t: 'para', text: cap(text), keys: part.flatMap((c) => c.keys) });
    }
  }
  if (rand.chance(0.5)) out.push({ t: 'para', text: rand.pick(filler) });
  return out;
}

export function reportContent(d: GroundTruthDocument, L: Layout): Content {
  const rand = new Rand('other-hands', 'content', d.id);
  const inds = d.indicators ?? {};
  const keys = Object.keys(inds);
  const proseKeys = keys.filter((k) => inds[k].placement !== 'table');
  const tableKeys = keys.filter((k) => inds[k].placement !== 'prose');
  const where = provincePhrase(d);
  const period = d.reportingPeriod?.label ?? '6 tháng đầu năm 2023';
  const body: Block[] = [];
  body.push({ t: 'para', text: rand.pick([
    `Thực hiện ${PROG_109} về thực hiện ${NTP}; Công văn số 329/CV-VPQGGN ngày 14/6/2023 của Văn phòng Quốc gia về giảm nghèo, Sở Lao động - Thương binh và Xã hội ${where} báo cáo kết quả thực hiện Chương trình phối hợp ${period} như sau:`,
    `Căn cứ ${PROG_109}, Sở Lao động - Thương binh và Xã hội ${where} báo cáo kết quả thực hiện Chương trình phối hợp số ${MINISTRY_PROGRAMME.number} ${period}, cụ thể như sau:`,
    `Theo đề nghị của Văn phòng Quốc gia về giảm nghèo tại Công văn số 329/CV-VPQGGN ngày 14/6/2023 về việc báo cáo kết quả thực hiện Chương trình phối hợp số ${MINISTRY_PROGRAMME.number}, đơn vị báo cáo như sau:`,
  ]) });
  body.push({ t: 'heading', text: rand.pick(['I. TÌNH HÌNH TRIỂN KHAI', 'I. CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI', 'A. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO']) });
  body.push({ t: 'para', text: `Ủy ban nhân dân ${where} đã ban hành Kế hoạch số ${rand.int(12, 480)}/KH-UBND ngày ${rand.int(2, 28)}/${rand.int(1, 4)}/2023 triển khai thực hiện ${NTP} năm 2023; Quyết định số ${rand.int(100, 2900)}/QĐ-UBND giao chỉ tiêu giảm nghèo cho ${rand.int(5, 13)} huyện, thị xã, thành phố.` });
  if (rand.chance(0.6)) body.push({ t: 'para', text: `Ban Thường trực Ủy ban MTTQ Việt Nam ${where} ban hành Hướng dẫn số ${rand.int(3, 95)}/HD-MTTQ-BTT ngày ${rand.int(2, 28)}/${rand.int(1, 5)}/2023 về phối hợp tổ chức thực hiện ở cơ sở.` });
  body.push({ t: 'heading', text: rand.pick(['II. KẾT QUẢ THỰC HIỆN', 'II. KẾT QUẢ ĐẠT ĐƯỢC', 'B. KẾT QUẢ THỰC HIỆN CÁC NỘI DUNG PHỐI HỢP']) });
  const made: Clause[] = [];
  for (let g = 0; g < SECTION_KEYS.length; g++) {
    if (proseKeys.some((k) => sectionOf(k) === g) || rand.chance(0.4)) body.push(...sectionBlocks(d, g, proseKeys, rand, made));
  }
  const shape = tableKeys.length ? tableShape(d, rand) : null;
  const appendix: Block[] = [];
  if (shape) {
    const tableAtEnd = L.tableAtEnd;
    const caption = tableAtEnd
      ? ['PHỤ LỤC', rand.pick(['KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU', 'BIỂU TỔNG HỢP KẾT QUẢ']), `(Kèm theo Báo cáo số ${d.docNumber})`]
      : [rand.pick(['Kết quả cụ thể theo biểu sau:', 'Bảng tổng hợp kết quả:', 'Biểu tổng hợp'])];
    const t = summaryTable(d, tableKeys, shape, rand, caption);
    if (tableAtEnd) appendix.push(t);
    else body.push(t);
  }
  body.push({ t: 'heading', text: rand.pick(['III. ĐÁNH GIÁ CHUNG', 'III. NHẬN XÉT, ĐÁNH GIÁ', 'C. ĐÁNH GIÁ']) });
  body.push({ t: 'para', text: 'Công tác phối hợp giữa các cơ quan được duy trì thường xuyên; nhận thức của cán bộ và Nhân dân về giảm nghèo bền vững được nâng lên. Tuy nhiên, nguồn lực còn hạn chế, một bộ phận người dân còn tư tưởng trông chờ, ỷ lại.' });
  body.push({ t: 'heading', text: rand.pick(['IV. ĐỀ XUẤT, KIẾN NGHỊ', 'IV. PHƯƠNG HƯỚNG THỜI GIAN TỚI']) });
  body.push({ t: 'para', text: `Đề nghị Bộ Lao động - Thương binh và Xã hội tiếp tục quan tâm hỗ trợ kinh phí cho hoạt động truyền thông về giảm nghèo năm 2024; ${rand.int(2, 9)} huyện nghèo cần được ưu tiên.` });
  body.push({ t: 'para', text: `Trên đây là báo cáo kết quả thực hiện Chương trình phối hợp ${period} của Sở Lao động - Thương binh và Xã hội ${where}./.` });
  const salutation = d.form === 'cong-van' ? 'Văn phòng Quốc gia về giảm nghèo' : null;
  return {
    salutation, body, appendix, prose: made, table: shape,
    recipients: ['- Văn phòng Quốc gia về giảm nghèo;', `- UBND ${where};`, '- Ủy ban MTTQ tỉnh;', '- Lưu: VT, BTXH.'],
  };
}

/**
 * Planned targets and an assignment table: figures a programme promises, not results. The
 * truth for a programme has no indicators, so any value accepted from these is wrong.
 */
function programmeTargets(rand: Rand): Block[] {
  const out: Block[] = [];
  if (rand.chance(0.5)) {
    out.push({ t: 'para', text: `4. Chỉ tiêu phấn đấu: hằng năm tổ chức ít nhất ${rand.pick(['02', '03', '05'])} lớp tập huấn cho cán bộ Mặt trận cơ sở; vận động Quỹ “Vì người nghèo” đạt ${rand.int(3, 20)} tỷ đồng trở lên; hỗ trợ xây mới, sửa chữa ${rand.int(3, 30) * 10} căn nhà Đại đoàn kết; phát sóng ${rand.int(2, 12) * 10} chương trình phát thanh về giảm nghèo.` });
  }
  if (rand.chance(0.5)) {
    const rows = [
      ['1', 'Tuyên truyền về giảm nghèo bền vững', 'Sở Lao động - Thương binh và Xã hội', 'Ủy ban MTTQ tỉnh', 'Hằng năm'],
      ['2', `Vận động Quỹ “Vì người nghèo” (${rand.int(2, 9)} đợt)`, 'Ủy ban MTTQ tỉnh', 'Các sở, ngành', 'Quý IV'],
      ['3', `Kiểm tra, giám sát tại ${rand.int(2, 8)} huyện`, 'Hai bên', 'UBND cấp huyện', `${rand.int(1, 12)}/2023`],
    ];
    out.push({
      t: 'table', caption: ['PHÂN CÔNG THỰC HIỆN'], fill: rand.chance(0.3), mergedGroups: false,
      cols: [{ frac: 0.07, align: 'center' }, { frac: 0.38, align: 'left' }, { frac: 0.2, align: 'left' }, { frac: 0.2, align: 'left' }, { frac: 0.15, align: 'center' }],
      header: ['TT', 'Nội dung', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Thời gian'].map((text, col) => ({ text, col, span: 1, rowSpan: 1 as const, row: 0 as const })),
      rows: rows.map((cells) => ({ cells })),
    });
  }
  return out;
}

export function programmeContent(d: GroundTruthDocument): Content {
  const rand = new Rand('other-hands', 'content', d.id);
  const where = provincePhrase(d);
  const body: Block[] = [
    { t: 'para', text: d.issueDate >= '2023-01-11'
      ? `Căn cứ ${PROG_109} về phối hợp thực hiện ${NTP};`
      : `Căn cứ Quyết định số 90/QĐ-TTg ngày 18/01/2022 của Thủ tướng Chính phủ phê duyệt ${NTP};` },
    { t: 'para', text: `Sở Lao động - Thương binh và Xã hội và Ủy ban Mặt trận Tổ quốc Việt Nam ${where} thống nhất ban hành ${rand.pick(['Chương trình phối hợp', 'Kế hoạch phối hợp', 'Quy chế phối hợp'])} thực hiện công tác giảm nghèo bền vững với các nội dung sau:` },
    { t: 'heading', text: 'I. MỤC ĐÍCH, YÊU CẦU' },
    { t: 'para', text: 'Phát huy vai trò của mỗi bên trong tuyên truyền, vận động Nhân dân thực hiện chính sách giảm nghèo; huy động nguồn lực xã hội hỗ trợ người nghèo, hộ nghèo vươn lên thoát nghèo bền vững.' },
    { t: 'heading', text: 'II. NỘI DUNG PHỐI HỢP' },
    { t: 'para', text: `1. Phối hợp tuyên truyền về chủ trương, chính sách giảm nghèo; phấn đấu mỗi năm giảm ${rand.int(1, 4)}% tỷ lệ hộ nghèo.` },
    { t: 'para', text: '2. Phối hợp vận động Quỹ “Vì người nghèo”, hỗ trợ xây dựng nhà Đại đoàn kết cho hộ nghèo.' },
    { t: 'para', text: '3. Phối hợp kiểm tra, giám sát việc thực hiện chính sách giảm nghèo ở cơ sở; mỗi năm tổ chức ít nhất 01 đoàn kiểm tra liên ngành.' },
    ...programmeTargets(rand),
    { t: 'heading', text: 'III. TỔ CHỨC THỰC HIỆN' },
    { t: 'para', text: `Định kỳ 6 tháng, hằng năm hai bên tổ chức giao ban, đánh giá kết quả thực hiện. ${rand.pick(['Chương trình', 'Kế hoạch'])} này có hiệu lực kể từ ngày ký./.` },
  ];
  const salutation = d.form === 'cong-van' ? 'Các huyện, thị xã, thành phố' : null;
  return { salutation, body, appendix: [], prose: [], table: null, recipients: ['- Văn phòng Quốc gia về giảm nghèo;', '- Thường trực Tỉnh ủy;', '- UBND tỉnh;', '- Lưu: VT.'] };
}
