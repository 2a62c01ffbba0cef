// Content of the born-digital fixtures: report and programme text as a list of blocks
// (headings, prose citing other documents, indicator prose, the summary table's rows and its
// plan column), rendered by render.ts.
import {
  MINISTRY_PROGRAMME, Rand,
  type GroundTruth, type GroundTruthDocument, type IndicatorTruth,
} from './ground-truth.js';
import { addDays, formatMoney, groupThousands, randomDate, shortDate, tyDecimal } from './format.js';
import type { Style } from './style.js';

export type Block =
  | { t: 'heading'; text: string; italic?: boolean; centred?: boolean }
  | { t: 'para'; text: string; keys?: string[]; italic?: boolean; noIndent?: boolean }
  | { t: 'table'; caption: string[]; header: string[]; rows: TableRow[] };

interface TableRow { cells: string[]; group?: boolean; key?: string }

export interface Content {
  /** after the title (công văn: "Kính gửi") */
  salutation: string | null;
  body: Block[];
  /** after the signature, on a new page ("Phụ lục") */
  appendix: Block[];
  recipients: string[];
}

const MINISTRY = 'Bộ Lao động - Thương binh và Xã hội';
const NTP = 'Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021-2025';
const CV_329 = { number: '329/CV-VPQGGN', date: '2023-06-14' };
const QD_90 = { number: '90/QĐ-TTg', date: '2022-01-18' };

function provinceWords(d: GroundTruthDocument): { unit: string; name: string; phrase: string } {
  const cities: Record<string, string> = { 'Hà Nội': 'Hà Nội', 'Hải Phòng': 'Hải Phòng', 'Đà Nẵng': 'Đà Nẵng', 'Cần Thơ': 'Cần Thơ', 'TP Hồ Chí Minh': 'Hồ Chí Minh' };
  const city = cities[d.province.name];
  const unit = city ? 'thành phố' : 'tỉnh';
  const name = city ?? d.province.name;
  return { unit, name, phrase: `${unit} ${name}` };
}

/** Number with the qualifier the ground truth records ("hơn 3.120"). */
class Numbers {
  constructor(private readonly rand: Rand, private readonly style: Style) {}
  count(n: number): string {
    return n < 10 && this.style.padSmall ? `0${n}` : groupThousands(n);
  }
  qualified(v: IndicatorTruth, text: string): string {
    return v.qualifier === 'at_least' ? `${this.rand.pick(['hơn', 'trên'])} ${text}` : text;
  }
  value(v: IndicatorTruth): string {
    if (v.unit === 'đồng') {
      let s = this.qualified(v, formatMoney(v.value, this.rand));
      if (v.subValues?.length) {
        s += ` (${v.subValues.map((sv) => `${sv.label}: ${groupThousands(sv.value / 1_000_000)} triệu đồng`).join('; ')})`;
      }
      return s;
    }
    if (v.of !== undefined) return this.qualified(v, `${this.count(v.value)}/${groupThousands(v.of)}`);
    return this.qualified(v, this.count(v.value));
  }
}

type Inds = Record<string, IndicatorTruth>;

/** Prose clauses for one section: running text or a dash list, pairs phrased together. */
interface Phrase { keys: string[]; running: string[]; list: string[] }

function sectionPhrases(section: number): Phrase[] {
  switch (section) {
    case 1: return [
      { keys: ['radio_programs', 'tv_programs'], running: ['sản xuất và phát sóng {radio_programs} chương trình phát thanh, {tv_programs} chương trình truyền hình', 'phát sóng {radio_programs} chương trình trên sóng phát thanh và {tv_programs} chương trình trên sóng truyền hình'], list: [] },
      { keys: ['radio_programs'], running: ['sản xuất và phát sóng {radio_programs} chương trình phát thanh', 'phát sóng {radio_programs} chương trình phát thanh về công tác giảm nghèo', 'duy trì {radio_programs} chương trình trên sóng phát thanh'], list: ['Số chương trình phát thanh: {radio_programs}', 'Chương trình phát thanh: {radio_programs} chương trình'] },
      { keys: ['tv_programs'], running: ['{tv_programs} chương trình truyền hình', 'sản xuất {tv_programs} chương trình trên sóng truyền hình'], list: ['Số chương trình truyền hình: {tv_programs}', 'Chương trình truyền hình: {tv_programs} chương trình'] },
      { keys: ['print_publications', 'print_copies'], running: ['{print_publications} ấn phẩm báo in với số lượng phát hành {print_copies} tờ', 'phát hành {print_publications} ấn phẩm báo in, số lượng phát hành {print_copies} tờ'], list: [] },
      { keys: ['print_publications'], running: ['{print_publications} ấn phẩm báo in', 'xuất bản {print_publications} ấn phẩm báo in'], list: ['Số ấn phẩm báo in: {print_publications} ấn phẩm'] },
      { keys: ['print_copies'], running: ['{print_copies} bản báo in phát hành', 'số lượng phát hành đạt {print_copies} tờ'], list: ['Số lượng phát hành: {print_copies} tờ'] },
      { keys: ['articles'], running: ['sản xuất và đăng tải {articles} bài viết chuyên sâu, tin, ảnh', 'đăng tải {articles} tin, bài, ảnh', '{articles} tin bài trên các phương tiện thông tin đại chúng'], list: ['Tin, bài, ảnh: {articles} bài', 'Số tin bài: {articles}'] },
      { keys: ['e_files'], running: ['{e_files} file điện tử', 'xây dựng {e_files} tệp điện tử'], list: ['File điện tử: {e_files} file'] },
      { keys: ['e_newspaper_products'], running: ['{e_newspaper_products} các sản phẩm truyền thông khác trên báo điện tử', '{e_newspaper_products} sản phẩm truyền thông trên báo điện tử'], list: ['Sản phẩm truyền thông trên báo điện tử: {e_newspaper_products} sản phẩm'] },
      { keys: ['internet_products'], running: ['{internet_products} sản phẩm truyền thông đăng tải trên mạng internet, mạng xã hội', 'sản xuất {internet_products} sản phẩm đăng tải trên internet'], list: ['Sản phẩm truyền thông đăng tải trên mạng internet, mạng xã hội: {internet_products} sản phẩm'] },
      { keys: ['video_clips'], running: ['{video_clips} video clip', 'sản xuất {video_clips} video clip tuyên truyền'], list: ['Video clip: {video_clips}', 'Số video clip: {video_clips} clip'] },
      { keys: ['leaflets'], running: ['in và cấp phát {leaflets} tờ rơi, áp phích', '{leaflets} tờ rơi, áp phích', 'phát hành {leaflets} tờ gấp, tờ rơi'], list: ['Số tờ rơi, áp phích: {leaflets} tờ', 'Tờ rơi, áp phích: {leaflets} tờ'] },
      { keys: ['info_clusters_new'], running: ['thiết lập mới {info_clusters_new} cụm thông tin điện tử'], list: ['Cụm thông tin điện tử được thiết lập mới: {info_clusters_new} cụm'] },
      { keys: ['info_clusters_repaired'], running: ['sửa chữa {info_clusters_repaired} cụm thông tin điện tử', 'sửa chữa, thay thế thiết bị hư hỏng đối với {info_clusters_repaired} cụm thông tin điện tử'], list: ['Cụm thông tin điện tử được sửa chữa, thay thế thiết bị: {info_clusters_repaired} cụm'] },
      { keys: ['public_info_points'], running: ['hỗ trợ {public_info_points} điểm cung cấp dịch vụ thông tin công cộng'], list: ['Điểm cung cấp dịch vụ thông tin công cộng được hỗ trợ: {public_info_points} điểm'] },
      { keys: ['commune_radio_new', 'commune_radio_upgraded'], running: ['phát triển {commune_radio_new} đài truyền thanh xã; nâng cấp, chuyển đổi {commune_radio_upgraded} đài truyền thanh xã sang công nghệ mới'], list: [] },
      { keys: ['commune_radio_new'], running: ['phát triển {commune_radio_new} đài truyền thanh xã', 'xây mới {commune_radio_new} đài truyền thanh xã'], list: ['Đài truyền thanh xã xây mới: {commune_radio_new} đài'] },
      { keys: ['commune_radio_upgraded'], running: ['nâng cấp, chuyển đổi {commune_radio_upgraded} đài truyền thanh xã', '{commune_radio_upgraded} đài truyền thanh xã được nâng cấp'], list: ['Đài truyền thanh xã được nâng cấp: {commune_radio_upgraded} đài'] },
      { keys: ['loudspeaker_clusters'], running: ['lắp đặt {loudspeaker_clusters} cụm loa cho các thôn, bản', '{loudspeaker_clusters} cụm loa thôn, bản'], list: ['Cụm loa thôn, bản: {loudspeaker_clusters} cụm'] },
      { keys: ['training_courses', 'trainees'], running: ['tổ chức {training_courses} lớp bồi dưỡng, tập huấn cho {trainees} lượt người tham gia tập huấn', 'mở {training_courses} lớp tập huấn với {trainees} học viên'], list: [] },
      { keys: ['training_courses'], running: ['tổ chức {training_courses} lớp bồi dưỡng, tập huấn'], list: ['Số lớp tập huấn: {training_courses} lớp'] },
      { keys: ['trainees'], running: ['bồi dưỡng, tập huấn cho {trainees} học viên', '{trainees} lượt người tham gia tập huấn'], list: ['Lượt người tham gia tập huấn: {trainees} người'] },
    ];
    case 2: return [
      { keys: ['fund_mobilised', 'poor_fund', 'social_security_direct'], running: ['Ủy ban MTTQ các cấp đã vận động Quỹ “Vì người nghèo” và an sinh xã hội được {fund_mobilised}, trong đó: Quỹ “Vì người nghèo” vận động được {poor_fund}; các cơ quan, đơn vị, doanh nghiệp ủng hộ an sinh xã hội trực tiếp {social_security_direct}'], list: [] },
      { keys: ['fund_mobilised'], running: ['tổng số tiền vận động Quỹ “Vì người nghèo” và an sinh xã hội là {fund_mobilised}', 'vận động Quỹ “Vì người nghèo” và an sinh xã hội được {fund_mobilised}'], list: ['Tổng số tiền vận động: {fund_mobilised}'] },
      { keys: ['poor_fund'], running: ['Quỹ “Vì người nghèo” các cấp vận động được {poor_fund}'], list: ['Quỹ “Vì người nghèo” vận động được: {poor_fund}'] },
      { keys: ['social_security_direct'], running: ['ủng hộ an sinh xã hội trực tiếp {social_security_direct}'], list: ['Ủng hộ an sinh xã hội trực tiếp: {social_security_direct}'] },
      { keys: ['houses_built_repaired'], running: ['xây mới và sửa chữa {houses_built_repaired} căn nhà Đại đoàn kết cho hộ nghèo', 'hỗ trợ xây dựng, sửa chữa {houses_built_repaired} nhà Đại đoàn kết'], list: ['Nhà Đại đoàn kết xây mới và sửa chữa: {houses_built_repaired} căn'] },
      { keys: ['health_support_people'], running: ['{health_support_people} lượt người nghèo được hỗ trợ khám chữa bệnh', 'hỗ trợ khám chữa bệnh cho {health_support_people} lượt người nghèo, người có hoàn cảnh khó khăn'], list: ['Hỗ trợ khám chữa bệnh: {health_support_people} lượt người'] },
      { keys: ['students_supported'], running: ['giúp đỡ {students_supported} lượt học sinh, sinh viên về học tập', '{students_supported} lượt học sinh, sinh viên được hỗ trợ'], list: ['Học sinh, sinh viên được hỗ trợ: {students_supported} lượt'] },
      { keys: ['production_support_people'], running: ['hỗ trợ {production_support_people} lượt người nghèo về phát triển sản xuất', '{production_support_people} lượt người nghèo được hỗ trợ phát triển sản xuất'], list: ['Hỗ trợ phát triển sản xuất: {production_support_people} lượt người'] },
    ];
    case 3: return [
      { keys: ['poverty_projects', 'project_households'], running: ['triển khai {poverty_projects} dự án giảm nghèo với {project_households} hộ tham gia', 'tổng số dự án giảm nghèo là {poverty_projects} dự án với {project_households} hộ tham gia'], list: [] },
      { keys: ['poverty_projects'], running: ['triển khai {poverty_projects} dự án hỗ trợ phát triển sản xuất', 'phê duyệt {poverty_projects} dự án giảm nghèo'], list: ['Số dự án giảm nghèo: {poverty_projects} dự án'] },
      { keys: ['project_households'], running: ['số hộ tham gia dự án là {project_households} hộ'], list: ['Hộ tham gia dự án: {project_households} hộ'] },
    ];
    case 4: return [
      { keys: ['inspection_teams_provincial', 'inspection_teams_district'], running: ['thành lập {inspection_teams_provincial} đoàn kiểm tra, giám sát cấp tỉnh và {inspection_teams_district} đoàn cấp huyện', 'tổ chức {inspection_teams_provincial} đoàn cấp tỉnh, {inspection_teams_district} đoàn cấp huyện kiểm tra, giám sát việc thực hiện Chương trình'], list: [] },
      { keys: ['inspection_teams_provincial'], running: ['thành lập {inspection_teams_provincial} đoàn kiểm tra, giám sát cấp tỉnh'], list: ['Đoàn kiểm tra, giám sát cấp tỉnh: {inspection_teams_provincial} đoàn'] },
      { keys: ['inspection_teams_district'], running: ['{inspection_teams_district} đoàn kiểm tra, giám sát cấp huyện'], list: ['Đoàn kiểm tra, giám sát cấp huyện: {inspection_teams_district} đoàn'] },
    ];
    default: return [
      { keys: ['commended_collectives', 'commended_individuals', 'commended_households'], running: ['tặng Bằng khen cho {commended_collectives} tập thể, {commended_individuals} cá nhân, {commended_households} hộ gia đình có thành tích'], list: [] },
      { keys: ['commended_collectives', 'commended_individuals'], running: ['khen thưởng {commended_collectives} tập thể và {commended_individuals} cá nhân có thành tích'], list: [] },
      { keys: ['commended_collectives'], running: ['khen thưởng {commended_collectives} tập thể có thành tích'], list: ['Tập thể được khen thưởng: {commended_collectives}'] },
      { keys: ['commended_individuals'], running: ['{commended_individuals} cá nhân có thành tích được khen thưởng'], list: ['Cá nhân được khen thưởng: {commended_individuals}'] },
      { keys: ['commended_households'], running: ['{commended_households} hộ gia đình có thành tích'], list: ['Hộ gia đình được khen thưởng: {commended_households}'] },
    ];
  }
}

const SECTION_OF: Record<string, number> = {};
for (const s of [1, 2, 3, 4, 5]) for (const p of sectionPhrases(s)) for (const k of p.keys) SECTION_OF[k] = s;

function fill(template: string, inds: Inds, nums: Numbers): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => nums.value(inds[k]));
}

/** Prose for the indicators of one section that the ground truth places in prose. */
function sectionProse(section: number, inds: Inds, proseKeys: Set<string>, nums: Numbers, rand: Rand, lead: string): Block[] {
  const left = new Set([...proseKeys].filter((k) => SECTION_OF[k] === section));
  if (!left.size) return [];
  const asList = rand.chance(0.35);
  const picked: { keys: string[]; text: string }[] = [];
  for (const p of sectionPhrases(section)) {
    if (!p.keys.every((k) => left.has(k))) continue;
    const options = asList ? p.list : p.running;
    if (!options.length) continue;
    picked.push({ keys: p.keys, text: fill(rand.pick(options), inds, nums) });
    for (const k of p.keys) left.delete(k);
  }
  if (left.size) throw new Error(`no phrase for ${[...left].join(', ')}`);
  if (asList) {
    return [
      { t: 'para', text: `${lead} đạt được kết quả cụ thể như sau:` },
      ...picked.map((p, i) => ({ t: 'para' as const, text: `- ${capitalise(p.text)}${i === picked.length - 1 ? '.' : ';'}`, keys: p.keys })),
    ];
  }
  // Running text: "<lead> đã <verb> ...; ...". Put a clause that opens with a verb first.
  const sentence = (items: typeof picked): string => {
    const i = items.findIndex((p) => VERB_START.test(p.text));
    const ordered = i > 0 ? [items[i], ...items.slice(0, i), ...items.slice(i + 1)] : items;
    return `${i < 0 ? 'đạt được kết quả: ' : ''}${ordered.map((p) => p.text).join('; ')}`;
  };
  const keysOf = (items: typeof picked) => items.flatMap((p) => p.keys);
  if (section === 2 && picked[0].text.startsWith('Ủy ban')) {
    const rest = picked.slice(1);
    return [{ t: 'para', text: `${picked[0].text}${rest.length ? `. Bên cạnh đó, các cấp đã ${sentence(rest)}` : ''}.`, keys: keysOf(picked) }];
  }
  // Long sections read as two sentences, as real reports do.
  if (picked.length > 5) {
    const cut = Math.ceil(picked.length / 2);
    const a = picked.slice(0, cut);
    const b = picked.slice(cut);
    return [
      { t: 'para', text: `${lead} ${sentence(a)}.`, keys: keysOf(a) },
      { t: 'para', text: `${rand.pick(['Bên cạnh đó, đã', 'Ngoài ra, các địa phương đã', 'Đồng thời, đã'])} ${sentence(b)}.`, keys: keysOf(b) },
    ];
  }
  return [{ t: 'para', text: `${lead} ${sentence(picked)}.`, keys: keysOf(picked) }];
}

const VERB_START = /^(sản xuất|phát sóng|duy trì|phát hành|xuất bản|đăng tải|xây dựng|in và|thiết lập|sửa chữa|hỗ trợ|phát triển|xây mới|nâng cấp|lắp đặt|tổ chức|mở|bồi dưỡng|vận động|giúp đỡ|triển khai|phê duyệt|thành lập|tặng|khen thưởng) /;

function capitalise(s: string): string { return s.charAt(0).toUpperCase() + s.slice(1); }

const TABLE_LABELS: Record<string, [string, string]> = {
  radio_programs: ['Chương trình phát thanh', 'chương trình'],
  tv_programs: ['Chương trình truyền hình', 'chương trình'],
  print_publications: ['Ấn phẩm báo in', 'ấn phẩm'],
  print_copies: ['Số lượng báo in phát hành', 'tờ'],
  articles: ['Tin, bài, ảnh', 'bài'],
  e_files: ['File điện tử', 'file'],
  e_newspaper_products: ['Sản phẩm truyền thông khác trên báo điện tử', 'sản phẩm'],
  internet_products: ['Sản phẩm truyền thông đăng tải trên mạng internet, mạng xã hội', 'sản phẩm'],
  video_clips: ['Video clip', 'clip'],
  leaflets: ['Tờ rơi, áp phích', 'tờ'],
  info_clusters_new: ['Cụm thông tin điện tử thiết lập mới', 'cụm'],
  info_clusters_repaired: ['Cụm thông tin điện tử sửa chữa, thay thế thiết bị', 'cụm'],
  public_info_points: ['Điểm cung cấp dịch vụ thông tin công cộng được hỗ trợ', 'điểm'],
  commune_radio_new: ['Đài truyền thanh xã phát triển mới', 'đài'],
  commune_radio_upgraded: ['Đài truyền thanh xã nâng cấp, chuyển đổi', 'đài'],
  loudspeaker_clusters: ['Cụm loa thôn, bản', 'cụm'],
  training_courses: ['Lớp bồi dưỡng, tập huấn', 'lớp'],
  trainees: ['Lượt người tham gia tập huấn', 'người'],
  fund_mobilised: ['Vận động Quỹ “Vì người nghèo” và an sinh xã hội', 'đồng'],
  poor_fund: ['Trong đó: Quỹ “Vì người nghèo”', 'đồng'],
  social_security_direct: ['Ủng hộ an sinh xã hội trực tiếp', 'đồng'],
  houses_built_repaired: ['Nhà Đại đoàn kết xây mới và sửa chữa', 'căn'],
  health_support_people: ['Lượt người nghèo được hỗ trợ khám chữa bệnh', 'lượt người'],
  students_supported: ['Lượt học sinh, sinh viên được hỗ trợ học tập', 'lượt'],
  production_support_people: ['Lượt người nghèo được hỗ trợ phát triển sản xuất', 'lượt người'],
  poverty_projects: ['Dự án giảm nghèo', 'dự án'],
  project_households: ['Hộ tham gia dự án', 'hộ'],
  inspection_teams_provincial: ['Đoàn kiểm tra, giám sát cấp tỉnh', 'đoàn'],
  inspection_teams_district: ['Đoàn kiểm tra, giám sát cấp huyện', 'đoàn'],
  commended_collectives: ['Tập thể được khen thưởng', 'tập thể'],
  commended_individuals: ['Cá nhân được khen thưởng', 'cá nhân'],
  commended_households: ['Hộ gia đình được khen thưởng', 'hộ'],
};

const TABLE_GROUPS = ['Công tác thông tin, tuyên truyền', 'Huy động nguồn lực hỗ trợ người nghèo', 'Xây dựng, nhân rộng mô hình giảm nghèo', 'Kiểm tra, giám sát', 'Biểu dương, khen thưởng'];
const ROMAN = ['I', 'II', 'III', 'IV', 'V'];

/** A "nice" plan figure near the actual one, or a dash. */
function planFigure(actual: number, rand: Rand): number | null {
  if (rand.chance(0.2)) return null;
  const p = actual * rand.range(0.75, 1.45);
  const mag = p >= 10000 ? 1000 : p >= 1000 ? 100 : p >= 100 ? 10 : 1;
  return Math.max(1, Math.round(p / mag) * mag);
}

function summaryTable(d: GroundTruthDocument, keys: string[], rand: Rand, caption: string[]): Block {
  const inds = d.indicators!;
  const period = d.reportingPeriod?.label ?? '';
  const header = ['TT', rand.pick(['Chỉ tiêu', 'Chỉ tiêu', 'Nội dung chỉ tiêu']), 'Đơn vị tính',
    rand.pick(['Kế hoạch', 'Kế hoạch năm 2023']), rand.pick(['Thực hiện', `Thực hiện ${period}`])];
  const rows: TableRow[] = [];
  const moneyInTy = rand.chance(0.3);
  for (let s = 1; s <= 5; s++) {
    const inSection = keys.filter((k) => SECTION_OF[k] === s);
    if (!inSection.length) continue;
    rows.push({ cells: [ROMAN[s - 1], TABLE_GROUPS[s - 1], '', '', ''], group: true });
    inSection.forEach((k, i) => {
      const v = inds[k];
      let [label, unit] = TABLE_LABELS[k];
      if (k === 'poor_fund' && !keys.includes('fund_mobilised')) label = 'Quỹ “Vì người nghèo” vận động được';
      let unitText = unit;
      let actual: string;
      let plan: string;
      if (v.unit === 'đồng') {
        const m = v.value / 1_000_000;
        const p = planFigure(m, rand);
        if (moneyInTy && m % 10 === 0) {
          unitText = 'tỷ đồng';
          actual = tyDecimal(m);
          plan = p === null ? '-' : tyDecimal(p);
        } else {
          unitText = 'triệu đồng';
          actual = groupThousands(m);
          plan = p === null ? '-' : groupThousands(p);
        }
      } else {
        actual = v.of !== undefined ? `${groupThousands(v.value)}/${groupThousands(v.of)}` : groupThousands(v.value);
        const p = planFigure(v.value, rand);
        plan = p === null ? '-' : groupThousands(p);
      }
      rows.push({ cells: [String(i + 1), label, unitText, plan, actual], key: k });
    });
  }
  return { t: 'table', caption, header, rows };
}

function citedDocuments(d: GroundTruthDocument, rand: Rand, gt: GroundTruth, pad: boolean): { ownProgramme: string | null; localPlans: string[] } {
  const lo = d.issueDate < '2023-01-01' ? addDays(d.issueDate, -200) : '2023-01-16';
  const hi = addDays(d.issueDate, -6);
  const when = () => shortDate(randomDate(rand, lo, hi), pad);
  const p = provinceWords(d);
  const own = gt.documents.find((o) => o.kind === 'programme' && o.province.code === d.province.code && o.issueDate <= d.issueDate && o.issueDate >= '2023-01-01');
  const ownProgramme = own
    ? `${own.typeName === 'KẾ HOẠCH PHỐI HỢP' ? 'Kế hoạch phối hợp' : 'Chương trình phối hợp'} số ${own.docNumber} ngày ${shortDate(own.issueDate, pad)} giữa Sở Lao động - Thương binh và Xã hội và Ủy ban Mặt trận Tổ quốc Việt Nam ${p.phrase}`
    : null;
  const localPlans = rand.shuffle([
    `Ủy ban nhân dân ${p.unit} đã ban hành Kế hoạch số ${rand.int(12, 480)}/KH-UBND ngày ${when()} về triển khai thực hiện ${NTP} năm 2023`,
    `Sở Lao động - Thương binh và Xã hội đã ban hành Công văn số ${rand.int(200, 3900)}/SLĐTBXH-BTXH ngày ${when()} hướng dẫn các huyện, thị xã, thành phố triển khai các nội dung phối hợp`,
    `Ban Thường trực Ủy ban MTTQ Việt Nam ${p.unit} ban hành Hướng dẫn số ${rand.int(3, 95)}/HD-MTTQ-BTT ngày ${when()} về việc phối hợp tổ chức thực hiện Chương trình phối hợp ở cơ sở`,
    `Ủy ban nhân dân ${p.unit} ban hành Quyết định số ${rand.int(100, 2900)}/QĐ-UBND ngày ${when()} giao chỉ tiêu giảm nghèo năm 2023 cho các huyện, thị xã, thành phố`,
  ]);
  return { ownProgramme, localPlans };
}

const ASSESSMENT_POOL = [
  'Công tác phối hợp giữa Sở Lao động - Thương binh và Xã hội và Ủy ban MTTQ Việt Nam các cấp ngày càng chặt chẽ, đồng bộ; nhận thức của cán bộ, đảng viên và Nhân dân về công tác giảm nghèo bền vững được nâng lên rõ rệt.',
  'Các nguồn lực xã hội được huy động kịp thời, đúng đối tượng, góp phần cải thiện đời sống của hộ nghèo, hộ cận nghèo, nhất là ở các xã đặc biệt khó khăn, vùng đồng bào dân tộc thiểu số và miền núi.',
  'Việc giao vốn các chương trình mục tiêu quốc gia còn chậm, hướng dẫn thực hiện một số dự án, tiểu dự án chưa đầy đủ nên ảnh hưởng đến tiến độ giải ngân.',
  'Đội ngũ cán bộ làm công tác giảm nghèo ở cấp xã thường xuyên thay đổi, kiêm nhiệm nhiều việc; một bộ phận người dân còn tư tưởng trông chờ, ỷ lại vào sự hỗ trợ của Nhà nước.',
  'Việc huy động nguồn lực xã hội ở một số nơi còn khó khăn do doanh nghiệp trên địa bàn phần lớn có quy mô nhỏ, sản xuất kinh doanh chưa phục hồi sau đại dịch COVID-19.',
  'Công tác tuyên truyền được triển khai với nhiều hình thức phong phú, phù hợp với đặc điểm từng địa bàn; thông tin về chính sách giảm nghèo đến được với người dân ở thôn, bản vùng sâu, vùng xa.',
];

const PROPOSAL_POOL = [
  `Đề nghị ${MINISTRY} sớm ban hành văn bản hướng dẫn thống nhất về chế độ báo cáo thực hiện Chương trình phối hợp để các địa phương có cơ sở triển khai.`,
  'Đề nghị Trung ương tiếp tục quan tâm bố trí kinh phí cho hoạt động truyền thông, giảm nghèo về thông tin và nâng cao năng lực cho đội ngũ cán bộ làm công tác giảm nghèo ở cơ sở.',
  'Đề nghị Ban Thường trực Ủy ban Trung ương MTTQ Việt Nam tiếp tục hỗ trợ nguồn Quỹ “Vì người nghèo” Trung ương để địa phương xây dựng nhà Đại đoàn kết cho hộ nghèo có hoàn cảnh đặc biệt khó khăn.',
  'Đề nghị tổ chức các đoàn học tập, trao đổi kinh nghiệm về xây dựng, nhân rộng mô hình giảm nghèo hiệu quả giữa các địa phương trong vùng.',
];

const TASK_POOL = [
  'Tiếp tục đẩy mạnh công tác thông tin, tuyên truyền về chủ trương của Đảng, chính sách, pháp luật của Nhà nước về giảm nghèo bền vững; biểu dương các điển hình tiên tiến, mô hình hay, cách làm sáng tạo.',
  'Phối hợp rà soát, đánh giá thực trạng hộ nghèo, hộ cận nghèo; thực hiện đầy đủ, kịp thời các chính sách hỗ trợ đối với người nghèo, người có hoàn cảnh khó khăn.',
  'Tăng cường kiểm tra, giám sát việc thực hiện các dự án, tiểu dự án thuộc Chương trình tại cơ sở, kịp thời tháo gỡ khó khăn, vướng mắc phát sinh.',
  'Đẩy mạnh cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh” gắn với phong trào thi đua “Vì người nghèo - Không để ai bị bỏ lại phía sau”.',
  'Chuẩn bị tốt các điều kiện tổ chức sơ kết giữa kỳ thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021-2025 trên địa bàn.',
];

/** Optional blocks carry a level; a document keeps those at or below its verbosity. */
type Leveled = Block & { opt?: number };

function keepLevel(blocks: Leveled[], extra: number): Block[] {
  return blocks.filter((b) => b.opt === undefined || b.opt <= extra).map(({ opt: _opt, ...b }) => b as Block);
}

export function reportContent(d: GroundTruthDocument, gt: GroundTruth, style: Style, extra: number): Content {
  const rand = new Rand('content', d.id);
  const optional = new Rand('optional', d.id);
  const nums = new Numbers(new Rand('numbers', d.id), style);
  const p = provinceWords(d);
  const period = d.reportingPeriod!.label;
  const pad = style.padDates;
  const inds = d.indicators ?? {};
  const keys = Object.keys(inds);
  const proseKeys = new Set(keys.filter((k) => inds[k].placement !== 'table'));
  const tableKeys = keys.filter((k) => inds[k].placement !== 'prose');
  const cites = citedDocuments(d, rand, gt, pad);
  const body: Leveled[] = [];

  const cv329 = `Công văn số ${CV_329.number} ngày ${shortDate(CV_329.date, pad)} của Văn phòng Quốc gia về giảm nghèo (${MINISTRY})`;
  const prog109 = `Chương trình phối hợp số ${MINISTRY_PROGRAMME.number} ngày ${MINISTRY_PROGRAMME.date} giữa ${MINISTRY} và Ban Thường trực Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam về thực hiện ${NTP}`;
  if (rand.chance(0.5)) {
    body.push({ t: 'para', text: `Căn cứ ${prog109};` });
    if (cites.ownProgramme) body.push({ t: 'para', text: `Căn cứ ${cites.ownProgramme};`, opt: 1 });
    body.push({ t: 'para', text: `Thực hiện ${cv329} về việc báo cáo kết quả thực hiện Chương trình phối hợp, Sở Lao động - Thương binh và Xã hội ${p.phrase} báo cáo kết quả ${period} như sau:` });
  } else {
    body.push({
      t: 'para',
      text: `Thực hiện ${cv329} đề nghị báo cáo kết quả 06 tháng triển khai thực hiện ${prog109}${cites.ownProgramme ? ` và ${cites.ownProgramme}` : ''}, Sở Lao động - Thương binh và Xã hội ${p.phrase} báo cáo kết quả thực hiện ${period} cụ thể như sau:`,
    });
  }

  body.push({ t: 'heading', text: rand.pick(['I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH', 'I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO', 'I. CÔNG TÁC TRIỂN KHAI THỰC HIỆN']) });
  for (const [i, c] of cites.localPlans.entries()) {
    body.push({ t: 'para', text: `${i === 0 ? 'Ngay sau khi Chương trình phối hợp được ký kết, ' : ''}${c}.`, opt: i === 0 ? undefined : i + 1 });
  }

  body.push({ t: 'heading', text: 'II. KẾT QUẢ THỰC HIỆN CÁC NỘI DUNG PHỐI HỢP' });
  const sections: [string, string, string][] = [
    ['1. Công tác thông tin, tuyên truyền', 'Sở Lao động - Thương binh và Xã hội phối hợp với Ủy ban MTTQ Việt Nam và các cơ quan báo chí trên địa bàn đã', 'Các hoạt động tuyên truyền được lồng ghép trong các hội nghị, buổi sinh hoạt khu dân cư, trên hệ thống truyền thanh cơ sở và trang thông tin điện tử của các sở, ngành.'],
    ['2. Huy động nguồn lực hỗ trợ người nghèo, hộ nghèo', `Trong ${period}, Ủy ban MTTQ Việt Nam các cấp đã`, 'Các cấp Mặt trận đã chủ động phối hợp với ngành Lao động - Thương binh và Xã hội rà soát, lựa chọn đối tượng thụ hưởng bảo đảm công khai, minh bạch.'],
    ['3. Xây dựng, nhân rộng mô hình giảm nghèo', 'Thực hiện Dự án 2 “Đa dạng hóa sinh kế, phát triển mô hình giảm nghèo”, các địa phương đã', 'Các địa phương đang tiến hành khảo sát, lựa chọn mô hình phù hợp với điều kiện thực tế để triển khai trong những tháng cuối năm.'],
    ['4. Công tác kiểm tra, giám sát', 'Các cấp, các ngành đã', 'Công tác kiểm tra, giám sát được lồng ghép với việc giám sát thực hiện các chương trình mục tiêu quốc gia và các chính sách an sinh xã hội trên địa bàn.'],
    ['5. Công tác sơ kết, biểu dương, khen thưởng', 'Ủy ban nhân dân các cấp đã', 'Các địa phương đang chuẩn bị các điều kiện để tổ chức sơ kết giữa kỳ và biểu dương các điển hình tiên tiến trong công tác giảm nghèo.'],
  ];
  // Numbers that are no indicator: percentages, places, funding, cited decisions.
  const distractors: string[] = [
    `Hoạt động tuyên truyền tập trung tại ${nums.count(rand.int(2, 9))} huyện nghèo và ${rand.int(11, 68)} xã đặc biệt khó khăn; tỷ lệ người dân được tiếp cận thông tin về chính sách giảm nghèo đạt khoảng ${rand.int(70, 96)}%.`,
    `Tỷ lệ hộ nghèo toàn ${p.unit} theo chuẩn nghèo đa chiều giai đoạn 2022-2025 ước giảm còn ${rand.int(1, 24)},${rand.int(10, 99)}%, giảm ${rand.int(1, 4)},${rand.int(10, 99)}% so với cuối năm 2022.`,
    `Tổng kinh phí thực hiện các dự án là ${groupThousands(rand.int(800, 24000))} triệu đồng, trong đó ngân sách trung ương chiếm khoảng ${rand.int(60, 90)}%.`,
    `Qua kiểm tra tại ${rand.int(3, 40)} xã, ${nums.count(rand.int(2, 8))} huyện, các đoàn đã kịp thời hướng dẫn, chấn chỉnh những tồn tại trong công tác rà soát hộ nghèo, hộ cận nghèo.`,
    `Thực hiện Quyết định số 666/QĐ-TTg ngày 02/6/2022 của Thủ tướng Chính phủ, Ủy ban nhân dân ${p.unit} đã phát động Phong trào thi đua “Vì người nghèo - Không để ai bị bỏ lại phía sau” giai đoạn 2021-2025.`,
  ];
  sections.forEach(([heading, lead, fallback], i) => {
    const s = i + 1;
    body.push({ t: 'heading', text: heading, italic: rand.chance(0.4) });
    const prose = sectionProse(s, inds, proseKeys, nums, rand, lead);
    if (prose.length) body.push(...prose);
    else body.push({ t: 'para', text: fallback });
    body.push({ t: 'para', text: distractors[i], opt: optional.int(0, 3) });
  });

  let appendix: Block[] = [];
  if (tableKeys.length) {
    if (style.tableAtEnd) {
      const own = `${d.docType ? 'Báo cáo' : 'Công văn'} số ${d.docNumber} ngày ${shortDate(d.issueDate, pad)} của Sở Lao động - Thương binh và Xã hội ${p.phrase}`;
      appendix = [summaryTable(d, tableKeys, rand, ['PHỤ LỤC', 'BIỂU TỔNG HỢP MỘT SỐ CHỈ TIÊU CHỦ YẾU', `(Kèm theo ${own})`])];
    } else {
      body.push({ t: 'para', text: rand.pick(['Kết quả thực hiện một số chỉ tiêu chủ yếu như sau:', 'Một số chỉ tiêu cụ thể (chi tiết tại biểu dưới đây):', 'Kết quả cụ thể một số chỉ tiêu như sau:']) });
      body.push(summaryTable(d, tableKeys, rand, []));
    }
  }

  body.push({ t: 'heading', text: 'III. ĐÁNH GIÁ CHUNG' });
  for (const [i, text] of optional.shuffle(ASSESSMENT_POOL).entries()) body.push({ t: 'para', text, opt: i === 0 ? undefined : i + 1 });
  const tasksHeading = `IV. PHƯƠNG HƯỚNG, NHIỆM VỤ ${rand.pick(['6 THÁNG CUỐI NĂM 2023', 'THỜI GIAN TỚI'])}`;
  const withTasks = extra >= 1;
  if (withTasks) {
    body.push({ t: 'heading', text: tasksHeading });
    for (const [i, t] of optional.shuffle(TASK_POOL).entries()) body.push({ t: 'para', text: `${i + 1}. ${t}`, opt: i < 2 ? undefined : i + 1 });
  }
  body.push({ t: 'heading', text: `${withTasks ? 'V' : 'IV'}. ĐỀ XUẤT, KIẾN NGHỊ` });
  for (const [i, text] of optional.shuffle(PROPOSAL_POOL).entries()) body.push({ t: 'para', text, opt: i === 0 ? undefined : 2 * i });
  body.push({
    t: 'para',
    text: `Trên đây là báo cáo kết quả thực hiện Chương trình phối hợp ${period} của Sở Lao động - Thương binh và Xã hội ${p.phrase}, kính báo cáo ${MINISTRY} (Văn phòng Quốc gia về giảm nghèo) tổng hợp, theo dõi./.`,
  });

  const recipients = [
    rand.pick([`- Bộ LĐTBXH (b/c);`, `- Bộ Lao động - TB&XH (b/c);`]),
    '- Văn phòng Quốc gia về giảm nghèo;',
    `- UBND ${p.unit} (b/c);`,
    ...(rand.chance(0.6) ? [`- Ban TT UBMTTQ ${p.unit};`] : []),
    ...(rand.chance(0.5) ? ['- Giám đốc, các PGĐ Sở;'] : []),
    `- Lưu: VT, ${rand.pick(['BTXH', 'BTXH&PCTN', 'GN', 'BTXH-TE'])}.`,
  ];
  return {
    salutation: d.form === 'cong-van' ? `${MINISTRY} (Văn phòng Quốc gia về giảm nghèo)` : null,
    body: keepLevel(body, extra), appendix, recipients,
  };
}

export function programmeContent(d: GroundTruthDocument, style: Style, extra: number): Content {
  const rand = new Rand('content', d.id);
  const optional = new Rand('optional', d.id);
  const p = provinceWords(d);
  const pad = style.padDates;
  const body: Leveled[] = [];
  const old = d.issueDate < '2022-01-18';
  if (old) {
    body.push({ t: 'para', text: 'Căn cứ Nghị quyết số 76/2014/QH13 ngày 24/6/2014 của Quốc hội về đẩy mạnh thực hiện mục tiêu giảm nghèo bền vững đến năm 2020;' });
    body.push({ t: 'para', text: 'Căn cứ Nghị quyết liên tịch số 403/2017/NQLT-UBTVQH14-CP-ĐCTUBTWMTTQVN ngày 15/6/2017 quy định chi tiết các hình thức giám sát, phản biện xã hội của Mặt trận Tổ quốc Việt Nam;' });
  } else {
    body.push({ t: 'para', text: `Căn cứ Quyết định số ${QD_90.number} ngày ${shortDate(QD_90.date, pad)} của Thủ tướng Chính phủ phê duyệt ${NTP};` });
    if (d.issueDate >= '2023-01-11') {
      body.push({ t: 'para', text: `Căn cứ Chương trình phối hợp số ${MINISTRY_PROGRAMME.number} ngày ${MINISTRY_PROGRAMME.date} giữa ${MINISTRY} và Ban Thường trực Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam về thực hiện ${NTP};` });
    }
    if (rand.chance(0.5)) {
      body.push({ opt: 0, t: 'para', text: `Căn cứ Kế hoạch số ${rand.int(15, 420)}/KH-UBND ngày ${shortDate(randomDate(rand, addDays(d.issueDate, -300), addDays(d.issueDate, -10)), pad)} của Ủy ban nhân dân ${p.unit} về thực hiện ${NTP} trên địa bàn;` });
    }
  }
  const parties = d.issuers.length > 1
    ? 'Sở Lao động - Thương binh và Xã hội và Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam'
    : 'Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam';
  const partiesHere = d.issuers.some((b) => b.name.join(' ').startsWith('ỦY BAN NHÂN DÂN'))
    ? 'Ủy ban nhân dân và Ủy ban Mặt trận Tổ quốc Việt Nam' : parties;
  const kindWord = d.typeName === 'KẾ HOẠCH PHỐI HỢP' ? 'Kế hoạch phối hợp' : 'Chương trình phối hợp';
  body.push({ t: 'para', text: `${partiesHere} ${p.phrase} thống nhất ban hành ${kindWord} ${old ? 'thực hiện công tác giảm nghèo bền vững' : `thực hiện ${NTP}`} với các nội dung sau:` });

  body.push({ t: 'heading', text: 'I. MỤC ĐÍCH, YÊU CẦU' });
  body.push({ t: 'heading', text: '1. Mục đích', italic: true });
  body.push({ t: 'para', text: `Phát huy vai trò, trách nhiệm của mỗi bên trong việc tuyên truyền, vận động, huy động nguồn lực và giám sát việc thực hiện chính sách giảm nghèo; góp phần thực hiện thắng lợi mục tiêu giảm nghèo bền vững trên địa bàn ${p.phrase}.` });
  body.push({ opt: optional.int(0, 1), t: 'para', text: 'Nâng cao nhận thức, trách nhiệm của các cấp, các ngành, cộng đồng và người dân, khơi dậy ý chí tự lực, tự cường vươn lên thoát nghèo của hộ nghèo, hộ cận nghèo.' });
  body.push({ t: 'heading', text: '2. Yêu cầu', italic: true });
  body.push({ t: 'para', text: 'Việc phối hợp phải bảo đảm thường xuyên, chặt chẽ, hiệu quả, đúng chức năng, nhiệm vụ, quyền hạn của mỗi bên; không làm ảnh hưởng đến hoạt động chuyên môn của từng cơ quan.' });
  body.push({ opt: 2, t: 'para', text: 'Định kỳ trao đổi thông tin, đánh giá kết quả phối hợp; kịp thời đề xuất tháo gỡ những khó khăn, vướng mắc phát sinh trong quá trình thực hiện.' });

  body.push({ t: 'heading', text: 'II. NỘI DUNG PHỐI HỢP' });
  const items: [string, string[]][] = [
    ['1. Tuyên truyền các chủ trương của Đảng, chính sách, pháp luật của Nhà nước về giảm nghèo', [
      'a) Phối hợp tuyên truyền sâu rộng các chủ trương của Đảng, chính sách, pháp luật của Nhà nước về giảm nghèo bền vững trên các phương tiện thông tin đại chúng, hệ thống truyền thanh cơ sở và mạng xã hội.',
      'b) Phát hiện, biểu dương các tập thể, cá nhân, mô hình, cách làm hay trong công tác giảm nghèo; nhân rộng các gương hộ nghèo vươn lên thoát nghèo.',
    ]],
    ['2. Huy động nguồn lực hỗ trợ người nghèo, hộ nghèo', [
      'a) Ủy ban MTTQ Việt Nam các cấp chủ trì vận động Quỹ “Vì người nghèo”, tổ chức Tháng cao điểm “Vì người nghèo” hằng năm từ ngày 17/10 đến ngày 18/11.',
      'b) Ngành Lao động - Thương binh và Xã hội cung cấp danh sách hộ nghèo, hộ cận nghèo, hộ có hoàn cảnh khó khăn về nhà ở để làm cơ sở hỗ trợ xây dựng, sửa chữa nhà Đại đoàn kết.',
    ]],
    ['3. Triển khai xây dựng, nhân rộng các mô hình giảm nghèo', [
      'Phối hợp lựa chọn, xây dựng các mô hình, dự án hỗ trợ phát triển sản xuất, đa dạng hóa sinh kế phù hợp với điều kiện của từng địa bàn; tổ chức tham quan, học tập kinh nghiệm.',
    ]],
    ['4. Kiểm tra, giám sát việc thực hiện Chương trình', [
      'Hằng năm xây dựng kế hoạch và tổ chức kiểm tra, giám sát việc thực hiện chính sách giảm nghèo, công tác rà soát hộ nghèo, hộ cận nghèo tại cơ sở; tiếp nhận, giải quyết kiến nghị của người dân.',
    ]],
    ['5. Sơ kết, tổng kết, biểu dương, khen thưởng', [
      `Định kỳ 6 tháng (trước ngày 15/6) và hằng năm (trước ngày ${rand.pick(['15/12', '10/12', '20/11'])}) hai bên tổ chức đánh giá kết quả thực hiện ${kindWord}; sơ kết giữa kỳ vào năm 2023 và tổng kết vào năm 2025.`,
    ]],
  ];
  items.forEach(([h, paras], i) => {
    body.push({ t: 'heading', text: h, italic: rand.chance(0.3) });
    for (const [j, t] of paras.entries()) body.push({ t: 'para', text: t, opt: j === 0 ? undefined : i < 2 ? 0 : 1 });
  });
  body.push({ opt: 2, t: 'para', text: `Tổ chức ${rand.pick(['02', '03', '04'])} hội nghị tập huấn cho cán bộ Mặt trận và cán bộ làm công tác giảm nghèo cấp huyện, cấp xã về nội dung của ${NTP}.` });

  body.push({ t: 'heading', text: 'III. TỔ CHỨC THỰC HIỆN' });
  body.push({ t: 'para', text: `1. Giao Phòng Bảo trợ xã hội${rand.chance(0.5) ? ' và Phòng chống tệ nạn xã hội' : ''} (Sở Lao động - Thương binh và Xã hội) và Ban Dân chủ - Pháp luật (Ủy ban MTTQ Việt Nam ${p.unit}) là đầu mối tham mưu triển khai thực hiện ${kindWord} này.` });
  body.push({ opt: 0, t: 'para', text: `2. Kinh phí thực hiện ${kindWord} được bố trí từ nguồn kinh phí hoạt động thường xuyên của mỗi cơ quan và các nguồn hợp pháp khác theo quy định.` });
  body.push({ opt: 1, t: 'para', text: '3. Ủy ban MTTQ Việt Nam cấp huyện và Phòng Lao động - Thương binh và Xã hội cấp huyện căn cứ nội dung này xây dựng chương trình phối hợp cụ thể tại địa phương.' });
  body.push({ t: 'para', text: `${kindWord} có hiệu lực kể từ ngày ký. Trong quá trình thực hiện, nếu có vướng mắc, hai bên trao đổi, thống nhất điều chỉnh, bổ sung cho phù hợp./.` });

  const recipients = [
    ...(old ? [] : ['- Bộ Lao động - TB&XH (b/c);', '- Ban TT UBTW MTTQ Việt Nam (b/c);']),
    `- Thường trực ${p.unit === 'tỉnh' ? 'Tỉnh' : 'Thành'} ủy, HĐND, UBND ${p.unit} (b/c);`,
    '- UBMTTQ, Phòng LĐTBXH các huyện;',
    '- Lưu: VT mỗi bên.',
  ];
  return { salutation: d.form === 'cong-van' ? `Ủy ban nhân dân các huyện, thị xã, thành phố` : null, body: keepLevel(body, extra), appendix: [], recipients };
}
