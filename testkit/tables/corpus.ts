// A small set of summary tables "from other hands" (issue 12): the same indicators laid out
// the way different offices lay them out — plan right or left of the actual figure, extra
// Lũy kế / Tỷ lệ / Ghi chú columns, merged header cells over two sub-columns, headers and
// unit cells that wrap in narrow columns, abbreviations (KH, TH, ĐVT), other fonts.
// The truth is the actual column; plan and cumulative figures are distractors. Deterministic.
import { mulberry32 } from '../generator/prng.js';
import type { Align, ColumnSpec, Family, MergedHeader, TablePdfSpec } from './render.js';

export type Role = 'tt' | 'label' | 'unit' | 'plan' | 'actual' | 'cum' | 'rate' | 'note' | 'cmp';

export interface TableCase {
  id: string;
  spec: TablePdfSpec;
  /** catalogue key → value in the actual column (money in đồng); empty when no column is the period's actual */
  truth: Record<string, number>;
  roles: Role[];
}

/** Row labels in these offices' words, and the unit they print. */
const ROWS: Array<[key: string, label: string, unit: string]> = [
  ['radio_programs', 'Chương trình phát thanh về giảm nghèo', 'Chương trình'],
  ['tv_programs', 'Chương trình truyền hình', 'Chương trình'],
  ['print_copies', 'Số lượng báo in phát hành', 'Tờ'],
  ['articles', 'Tin, bài viết đăng tải', 'Bài'],
  ['leaflets', 'Tờ rơi, tờ gấp', 'Tờ'],
  ['video_clips', 'Video clip tuyên truyền', 'Clip'],
  ['loudspeaker_clusters', 'Cụm loa thôn, bản', 'Cụm'],
  ['training_courses', 'Lớp tập huấn, bồi dưỡng', 'Lớp'],
  ['trainees', 'Người tham gia tập huấn', 'Lượt người'],
  ['houses_built_repaired', 'Nhà Đại đoàn kết xây mới, sửa chữa', 'Căn'],
  ['health_support_people', 'Hỗ trợ khám chữa bệnh cho người nghèo', 'Lượt người'],
  ['students_supported', 'Học sinh, sinh viên được hỗ trợ học tập', 'Lượt'],
  ['production_support_people', 'Người nghèo được hỗ trợ phát triển sản xuất', 'Lượt người'],
  ['poverty_projects', 'Dự án giảm nghèo', 'Dự án'],
  ['project_households', 'Số hộ tham gia dự án', 'Hộ'],
  ['inspection_teams_provincial', 'Đoàn kiểm tra, giám sát cấp tỉnh', 'Đoàn'],
  ['inspection_teams_district', 'Đoàn kiểm tra, giám sát cấp huyện', 'Đoàn'],
  ['commended_collectives', 'Tập thể được khen thưởng', 'Tập thể'],
  ['commended_individuals', 'Cá nhân được khen thưởng', 'Cá nhân'],
  ['poor_fund', 'Quỹ “Vì người nghèo” vận động được', 'money'],
  ['social_security_direct', 'Ủng hộ an sinh xã hội trực tiếp', 'money'],
];

const ORDERS: Role[][] = [
  ['tt', 'label', 'unit', 'plan', 'actual'],
  ['tt', 'label', 'unit', 'actual', 'plan'],
  ['tt', 'label', 'unit', 'plan', 'actual', 'rate'],
  ['tt', 'label', 'unit', 'actual', 'cum', 'plan'],
  ['tt', 'label', 'unit', 'plan', 'actual', 'cum', 'rate'],
  ['tt', 'label', 'unit', 'actual', 'plan', 'rate', 'note'],
  ['label', 'unit', 'plan', 'actual'],
  ['tt', 'label', 'plan', 'actual'],
  ['tt', 'label', 'unit', 'actual', 'note'],
  ['tt', 'label', 'unit', 'plan', 'cum'],
  ['tt', 'label', 'unit', 'cmp', 'actual', 'rate'],
  ['tt', 'label', 'unit', 'actual'],
  ['tt', 'label', 'unit', 'actual', 'cmp'],
];

const HEADERS: Record<Role, string[]> = {
  tt: ['TT', 'STT'],
  label: ['Chỉ tiêu', 'Nội dung', 'Nội dung chỉ tiêu', 'Nội dung hoạt động'],
  unit: ['ĐVT', 'Đơn vị tính', 'Đơn vị'],
  plan: ['Kế hoạch', 'Kế hoạch năm 2023', 'KH năm 2023', 'KH giao', 'Chỉ tiêu KH năm 2023'],
  actual: ['Thực hiện', 'Thực hiện 6 tháng đầu năm 2023', 'TH 6 tháng năm 2023', 'Kết quả thực hiện', 'Kết quả đạt được', 'TH năm 2023'],
  cum: ['Lũy kế', 'Lũy kế từ đầu năm', 'Lũy kế đến nay'],
  rate: ['Tỷ lệ %', 'Tỷ lệ (%) so với KH', 'Đạt %'],
  note: ['Ghi chú'],
  cmp: ['Cùng kỳ năm 2022', 'TH cùng kỳ 2022', 'So với cùng kỳ'],
};

const FAMILIES: Family[] = ['DejaVuSerif', 'DejaVuSans', 'DejaVuSansCondensed', 'DejaVuSerifCondensed'];

const group = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
const nice = (x: number) => { const m = x >= 10000 ? 1000 : x >= 1000 ? 100 : x >= 100 ? 10 : 1; return Math.max(1, Math.round(x / m) * m); };

/** The set: `n` tables, each with its own shape, drawn from `seed`. */
export function tableCases(n = 52, seed = 12_2023): TableCase[] {
  const out: TableCase[] = [];
  for (let k = 0; k < n; k++) out.push(tableCase(k, mulberry32(seed + 7919 * k)));
  return out;
}

function tableCase(k: number, rnd: () => number): TableCase {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const roles = ORDERS[k % ORDERS.length];
  const hasUnit = roles.includes('unit');
  const moneyUnit = pick(['Triệu đồng', 'Tr.đồng', 'Tỷ đồng']);
  // narrow unit columns make "Lượt người", "Chương trình" wrap; narrow figure columns wrap headers
  const widths: Record<Role, number> = {
    tt: 24 + Math.round(rnd() * 8), label: 0, unit: hasUnit ? 36 + Math.round(rnd() * 26) : 0,
    plan: 46 + Math.round(rnd() * 30), actual: 46 + Math.round(rnd() * 34), cum: 50 + Math.round(rnd() * 20),
    rate: 38 + Math.round(rnd() * 16), note: 44 + Math.round(rnd() * 16), cmp: 48 + Math.round(rnd() * 24),
  };
  widths.label = 475 - roles.filter((r) => r !== 'label').reduce((a, r) => a + widths[r], 0);
  const figAlign: Align = pick(['right', 'right', 'center']);
  const columns: ColumnSpec[] = roles.map((r) => ({
    header: pick(HEADERS[r]), w: widths[r],
    align: r === 'label' ? 'left' : r === 'tt' || r === 'unit' || r === 'note' ? 'center' : figAlign,
  }));
  // the only figure column may be headed "Số lượng" / "SL"
  if (roles.filter((r) => r !== 'tt' && r !== 'label' && r !== 'unit').length === 1) columns[roles.indexOf('actual')].header = pick(['Số lượng', 'SL', 'Kết quả', 'Thực hiện']);
  // merged headers: "Năm 2023" over Kế hoạch | Thực hiện, "Kết quả thực hiện" over 6 tháng | Lũy kế
  const merged: MergedHeader[] = [];
  const ip = roles.indexOf('plan'), ia = roles.indexOf('actual'), ic = roles.indexOf('cum');
  if (ip >= 0 && ia === ip + 1 && rnd() < 0.5) {
    merged.push({ text: pick(['Năm 2023', '6 tháng đầu năm 2023']), from: ip, to: ia });
    columns[ip].header = pick(['Kế hoạch', 'KH']);
    columns[ia].header = pick(['Thực hiện', 'TH']);
  } else if (ia >= 0 && roles[ia + 1] === 'cmp' && rnd() < 0.6) {
    merged.push({ text: 'Thực hiện', from: ia, to: ia + 1 });
    columns[ia].header = pick(['6 tháng năm 2023', 'Năm 2023']);
    columns[ia + 1].header = 'Cùng kỳ năm 2022';
  } else if (ia >= 0 && ic === ia + 1 && rnd() < 0.6) {
    merged.push({ text: 'Kết quả thực hiện', from: ia, to: ic });
    columns[ia].header = pick(['6 tháng đầu năm', 'Trong kỳ', 'Kỳ báo cáo']);
    columns[ic].header = 'Lũy kế';
  }
  const keys = [...ROWS].sort(() => rnd() - 0.5).slice(0, 5 + Math.floor(rnd() * 6));
  const truth: Record<string, number> = {};
  const rows: TablePdfSpec['rows'] = [];
  keys.forEach(([key, label, unitWord], i) => {
    const money = unitWord === 'money';
    const unit = money ? moneyUnit : unitWord;
    const mag = pick([9, 40, 300, 2500, 40_000]);
    let actual = 1 + Math.floor(rnd() * mag);
    if (money) actual = moneyUnit === 'Tỷ đồng' ? 1 + Math.floor(rnd() * 40) : 100 + Math.floor(rnd() * 40_000);
    let plan = nice(actual * (0.6 + rnd() * 0.9));
    if (plan === actual) plan += 1;
    const cum = actual + nice(actual * (0.3 + rnd()));
    let prev = nice(actual * (0.5 + rnd()));
    if (prev === actual) prev += 1;
    const cells = roles.map((r): string => {
      switch (r) {
        case 'tt': return String(i + 1);
        case 'label': return hasUnit ? label : `${label} (${unit.toLocaleLowerCase('vi')})`;
        case 'unit': return unit;
        case 'plan': return group(plan);
        case 'actual': return group(actual);
        case 'cum': return group(cum);
        case 'rate': return `${((100 * actual) / plan).toFixed(1).replace('.', ',')}`;
        case 'cmp': return group(prev);
        default: return pick(['', '', 'Đạt', 'Vượt kế hoạch', 'Ước thực hiện']); // note
      }
    });
    rows.push({ cells });
    if (ia >= 0) truth[key] = money ? actual * (moneyUnit === 'Tỷ đồng' ? 1e9 : 1e6) : actual;
  });
  const spec: TablePdfSpec = {
    family: pick(FAMILIES), size: pick([10, 10.5, 11, 12]),
    intro: ['Thực hiện Chương trình phối hợp, các cơ quan, đơn vị đã triển khai nhiều hoạt động. Kết quả một số chỉ tiêu chủ yếu như sau:'],
    caption: rnd() < 0.5 ? 'BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN' : undefined,
    columns, merged, rows, middle: rnd() < 0.5,
    // drawn last so the shapes above stay as they were
    headerAlign: rnd() < 0.25 ? 'left' : 'center',
    outro: ['Trên đây là báo cáo kết quả thực hiện của đơn vị./.'],
  };
  return { id: `table-${String(k).padStart(2, '0')}`, spec, truth, roles };
}
