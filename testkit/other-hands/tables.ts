// Summary tables as other offices draw them: columns in other orders (plan left or right of
// the actual figure), optional ĐVT, Lũy kế, Tỷ lệ %, Ghi chú columns, merged two-row headers,
// money in triệu/tỷ/đồng. The actual column is the truth; plan and cumulative figures are
// distractors the extractor must not take.
import type { GroundTruthDocument, IndicatorTruth, Rand } from '../generator/ground-truth.js';
import { SECTION_KEYS, sectionOf, type Align, type HeaderCell, type TableBlock } from './blocks.js';
import { groupThousands, tyDecimal } from './numbers.js';

const LABELS: Record<string, [string, string]> = {
  radio_programs: ['Chương trình phát thanh', 'Chương trình'], tv_programs: ['Chương trình truyền hình', 'Chương trình'],
  print_publications: ['Ấn phẩm báo in', 'Ấn phẩm'], print_copies: ['Số lượng báo in phát hành', 'Tờ'],
  articles: ['Tin, bài, ảnh đăng tải', 'Bài'], e_files: ['File điện tử', 'File'],
  e_newspaper_products: ['Sản phẩm truyền thông trên báo điện tử', 'Sản phẩm'],
  internet_products: ['Sản phẩm truyền thông trên internet, mạng xã hội', 'Sản phẩm'], video_clips: ['Video clip', 'Clip'],
  leaflets: ['Tờ rơi, áp phích', 'Tờ'], info_clusters_new: ['Cụm thông tin điện tử thiết lập mới', 'Cụm'],
  info_clusters_repaired: ['Cụm thông tin điện tử được sửa chữa, thay thế thiết bị', 'Cụm'],
  public_info_points: ['Điểm cung cấp dịch vụ thông tin công cộng được hỗ trợ', 'Điểm'],
  commune_radio_new: ['Đài truyền thanh xã xây mới', 'Đài'], commune_radio_upgraded: ['Đài truyền thanh xã nâng cấp, chuyển đổi', 'Đài'],
  loudspeaker_clusters: ['Cụm loa thôn, bản', 'Cụm'], training_courses: ['Lớp tập huấn, bồi dưỡng', 'Lớp'],
  trainees: ['Người tham gia tập huấn', 'Người'], fund_mobilised: ['Tổng số tiền vận động Quỹ “Vì người nghèo” và an sinh xã hội', ''],
  poor_fund: ['Quỹ “Vì người nghèo”', ''], social_security_direct: ['An sinh xã hội trực tiếp', ''],
  houses_built_repaired: ['Nhà Đại đoàn kết xây mới, sửa chữa', 'Căn'], health_support_people: ['Hỗ trợ khám chữa bệnh cho người nghèo', 'Lượt người'],
  students_supported: ['Học sinh, sinh viên được giúp đỡ học tập', 'Lượt'], production_support_people: ['Người nghèo được hỗ trợ phát triển sản xuất', 'Lượt người'],
  poverty_projects: ['Dự án giảm nghèo', 'Dự án'], project_households: ['Số hộ tham gia dự án', 'Hộ'],
  inspection_teams_provincial: ['Đoàn kiểm tra, giám sát cấp tỉnh', 'Đoàn'], inspection_teams_district: ['Đoàn kiểm tra, giám sát cấp huyện', 'Đoàn'],
  commended_collectives: ['Tập thể được khen thưởng', 'Tập thể'], commended_individuals: ['Cá nhân được khen thưởng', 'Cá nhân'],
  commended_households: ['Hộ gia đình được khen thưởng', 'Hộ'],
};

const GROUPS = ['Thông tin, tuyên truyền', 'Huy động nguồn lực', 'Mô hình giảm nghèo', 'Kiểm tra, giám sát', 'Khen thưởng'];
const ROMAN = ['I', 'II', 'III', 'IV', 'V'];

type Col = 'tt' | 'label' | 'unit' | 'plan' | 'actual' | 'cum' | 'rate' | 'note';

export interface TableShape {
  columns: Col[];
  merged: 'none' | 'result' | 'year';
  money: 'trieu' | 'ty' | 'tr.dong' | 'dong';
  headers: Record<string, string>;
  mergedGroups: boolean;
}

export function tableShape(d: GroundTruthDocument, rand: Rand): TableShape {
  const period = d.reportingPeriod?.label ?? '6 tháng';
  const plan = rand.chance(0.8);
  const cum = rand.chance(0.35);
  const cols: Col[] = ['tt', 'label'];
  if (rand.chance(0.75)) cols.push('unit');
  const figures: Col[] = plan && rand.chance(0.3) ? ['actual', 'plan'] : plan ? ['plan', 'actual'] : ['actual'];
  if (cum) figures.splice(figures.indexOf('actual') + 1, 0, 'cum');
  cols.push(...figures);
  if (plan && rand.chance(0.35)) cols.push('rate');
  if (rand.chance(0.3)) cols.push('note');
  const merged = cum && rand.chance(0.7) ? 'result' : plan && !cum && cols.indexOf('plan') + 1 === cols.indexOf('actual') && rand.chance(0.4) ? 'year' : 'none';
  return {
    columns: cols,
    merged,
    money: rand.pick(['trieu', 'trieu', 'ty', 'tr.dong', 'dong'] as const),
    mergedGroups: rand.chance(0.4),
    headers: {
      tt: rand.pick(['TT', 'STT', 'Stt']),
      label: rand.pick(['Chỉ tiêu', 'Nội dung', 'Nội dung hoạt động', 'Nội dung chỉ tiêu']),
      unit: rand.pick(['ĐVT', 'Đơn vị tính', 'Đơn vị']),
      plan: merged === 'year' ? 'Kế hoạch' : rand.pick(['Kế hoạch', 'Kế hoạch năm 2023', 'Chỉ tiêu KH năm 2023', 'KH giao']),
      actual: merged === 'result' ? period : merged === 'year' ? 'Thực hiện' : rand.pick(['Thực hiện', `Kết quả thực hiện ${period}`, `TH ${period}`, 'Kết quả đạt được']),
      cum: merged === 'result' ? 'Lũy kế' : rand.pick(['Lũy kế', 'Lũy kế từ năm 2022', 'Lũy kế đến nay']),
      rate: rand.pick(['Tỷ lệ %', 'Tỷ lệ (%) so với KH', 'Đạt %']),
      note: 'Ghi chú',
    },
  };
}

const FRACS: Record<Col, number> = { tt: 0.06, label: 0.36, unit: 0.1, plan: 0.12, actual: 0.13, cum: 0.12, rate: 0.09, note: 0.1 };
const ALIGN: Record<Col, Align> = { tt: 'center', label: 'left', unit: 'center', plan: 'right', actual: 'right', cum: 'right', rate: 'center', note: 'center' };

function headerCells(s: TableShape): HeaderCell[] {
  const cols = s.columns;
  if (s.merged === 'none') return cols.map((c, i) => ({ text: s.headers[c], col: i, span: 1, rowSpan: 1, row: 0 }));
  const [a, b] = s.merged === 'result' ? ['actual', 'cum'] : ['plan', 'actual'];
  const ia = cols.indexOf(a as Col);
  const out: HeaderCell[] = cols.map((c, i) => ({ text: s.headers[c], col: i, span: 1, rowSpan: 2 as const, row: 0 as const }))
    .filter((c) => c.col !== ia && c.col !== ia + 1);
  out.push({ text: s.merged === 'result' ? 'Kết quả thực hiện' : 'Năm 2023', col: ia, span: 2, rowSpan: 1, row: 0 });
  out.push({ text: s.headers[a], col: ia, span: 1, rowSpan: 1, row: 1 }, { text: s.headers[b], col: ia + 1, span: 1, rowSpan: 1, row: 1 });
  return out;
}

/** A "nice" figure near x (plan), or null (a dash). */
function nice(x: number): number {
  const mag = x >= 10000 ? 1000 : x >= 1000 ? 100 : x >= 100 ? 10 : 1;
  return Math.max(1, Math.round(x / mag) * mag);
}

function figureCells(v: IndicatorTruth, s: TableShape, rand: Rand): { unit: string; actual: string; plan: string; cum: string; rate: string } {
  const money = v.unit === 'đồng';
  const base = money ? v.value / 1_000_000 : v.value;
  const planN = rand.chance(0.2) ? null : nice(base * rand.range(0.7, 1.5));
  const cumN = base + nice(base * rand.range(0.3, 1.6));
  const fmt = (n: number): string => {
    if (!money) return groupThousands(n);
    if (s.money === 'ty') return tyDecimal(n);
    if (s.money === 'dong') return groupThousands(n * 1_000_000);
    return groupThousands(n);
  };
  const unit = money ? { trieu: 'Triệu đồng', ty: 'Tỷ đồng', 'tr.dong': 'Tr.đồng', dong: 'Đồng' }[s.money] : '';
  const actual = v.of !== undefined ? `${groupThousands(v.value)}/${groupThousands(v.of)}` : fmt(base);
  const rate = planN ? `${((100 * base) / planN).toFixed(1).replace('.', ',')}` : '-';
  return { unit, actual, plan: planN === null ? '-' : fmt(planN), cum: v.of !== undefined ? '-' : fmt(cumN), rate };
}

/** The summary table of a report's `keys`, in this document's shape. */
export function summaryTable(d: GroundTruthDocument, keys: string[], s: TableShape, rand: Rand, caption: string[]): TableBlock {
  const inds = d.indicators!;
  const rows: TableBlock['rows'] = [];
  const cols = s.columns;
  for (let g = 0; g < SECTION_KEYS.length; g++) {
    const inGroup = keys.filter((k) => sectionOf(k) === g);
    if (!inGroup.length) continue;
    rows.push({ cells: cols.map((c) => (c === 'tt' ? ROMAN[g] : c === 'label' ? GROUPS[g] : '')), group: true });
    inGroup.forEach((k, i) => {
      const [label, unitWord] = LABELS[k];
      const f = figureCells(inds[k], s, rand);
      const unit = f.unit || unitWord;
      const cells = cols.map((c): string => {
        switch (c) {
          case 'tt': return String(i + 1);
          case 'label': return cols.includes('unit') ? label : `${label} (${unit.toLocaleLowerCase('vi')})`;
          case 'unit': return unit;
          case 'note': return rand.pick(['', '', 'Đạt', 'Ước thực hiện', 'Vượt kế hoạch']);
          default: return f[c];
        }
      });
      rows.push({ cells, key: k });
    });
  }
  const total = cols.reduce((a, c) => a + FRACS[c], 0);
  return {
    t: 'table', caption, header: headerCells(s), rows, fill: rand.chance(0.3), mergedGroups: s.mergedGroups,
    cols: cols.map((c) => ({ frac: FRACS[c] / total, align: ALIGN[c] })),
  };
}
