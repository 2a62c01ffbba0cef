// Indicator prose in other offices' word orders: "phát sóng 452 chương trình phát thanh",
// "452 chương trình phát thanh đã được phát sóng", "chương trình phát thanh được phát sóng:
// 452 chương trình", pairs joined with "với", dash lists. Each clause records its keys and
// the way each figure was written, for the manifest.
import type { IndicatorTruth, Rand } from '../generator/ground-truth.js';
import { valueText, type Written } from './numbers.js';

/** [noun, active verb (before the figure), passive (after the noun), unit word for lists] */
const WORDING: Record<string, [string, string, string, string]> = {
  radio_programs: ['chương trình phát thanh', 'sản xuất, phát sóng', 'đã được phát sóng', 'chương trình'],
  tv_programs: ['chương trình truyền hình', 'phát sóng', 'được phát sóng trên Đài Phát thanh - Truyền hình tỉnh', 'chương trình'],
  print_publications: ['ấn phẩm báo in', 'xuất bản', 'được xuất bản', 'ấn phẩm'],
  print_copies: ['tờ báo in', 'phát hành', 'được phát hành', 'tờ'],
  articles: ['tin, bài, ảnh', 'đăng tải', 'được đăng tải trên các phương tiện thông tin đại chúng', 'bài'],
  e_files: ['file điện tử', 'xây dựng', 'được xây dựng và chia sẻ', 'file'],
  e_newspaper_products: ['sản phẩm truyền thông khác trên báo điện tử', 'thực hiện', 'được thực hiện', 'sản phẩm'],
  internet_products: ['sản phẩm truyền thông trên mạng internet, mạng xã hội', 'đăng tải', 'được đăng tải', 'sản phẩm'],
  video_clips: ['video clip tuyên truyền', 'sản xuất', 'được sản xuất', 'clip'],
  leaflets: ['tờ rơi, áp phích', 'in và cấp phát', 'được in, cấp phát tới thôn, bản', 'tờ'],
  info_clusters_new: ['cụm thông tin điện tử', 'thiết lập mới', 'được thiết lập mới', 'cụm'],
  info_clusters_repaired: ['cụm thông tin điện tử', 'sửa chữa, thay thế thiết bị cho', 'được sửa chữa, thay thế thiết bị', 'cụm'],
  public_info_points: ['điểm cung cấp dịch vụ thông tin công cộng', 'hỗ trợ', 'được hỗ trợ', 'điểm'],
  commune_radio_new: ['đài truyền thanh xã', 'xây mới', 'được xây mới', 'đài'],
  commune_radio_upgraded: ['đài truyền thanh xã', 'nâng cấp, chuyển đổi', 'được nâng cấp, chuyển đổi sang công nghệ mới', 'đài'],
  loudspeaker_clusters: ['cụm loa thôn, bản', 'lắp đặt', 'được lắp đặt', 'cụm'],
  training_courses: ['lớp tập huấn, bồi dưỡng', 'tổ chức', 'được tổ chức', 'lớp'],
  trainees: ['lượt người', 'tập huấn, bồi dưỡng cho', 'được tập huấn, bồi dưỡng', 'người'],
  houses_built_repaired: ['căn nhà Đại đoàn kết', 'xây mới, sửa chữa', 'được xây mới, sửa chữa cho hộ nghèo', 'căn'],
  health_support_people: ['lượt người nghèo', 'hỗ trợ khám chữa bệnh cho', 'được hỗ trợ khám chữa bệnh', 'lượt người'],
  students_supported: ['lượt học sinh, sinh viên', 'giúp đỡ học tập cho', 'được giúp đỡ về học tập', 'lượt'],
  production_support_people: ['lượt người nghèo', 'hỗ trợ phát triển sản xuất cho', 'được hỗ trợ phát triển sản xuất', 'lượt người'],
  poverty_projects: ['dự án giảm nghèo', 'triển khai', 'được triển khai', 'dự án'],
  project_households: ['hộ', 'thu hút', 'tham gia các dự án giảm nghèo', 'hộ'],
  inspection_teams_provincial: ['đoàn kiểm tra, giám sát cấp tỉnh', 'tổ chức', 'được thành lập', 'đoàn'],
  inspection_teams_district: ['đoàn kiểm tra, giám sát cấp huyện', 'tổ chức', 'được thành lập', 'đoàn'],
  commended_collectives: ['tập thể', 'khen thưởng', 'được khen thưởng', 'tập thể'],
  commended_individuals: ['cá nhân', 'khen thưởng', 'được khen thưởng', 'cá nhân'],
  commended_households: ['hộ gia đình', 'khen thưởng', 'được khen thưởng', 'hộ'],
};

/** Money: [active (figure at {v}), passive (figure first), list label] */
const MONEY: Record<string, [string, string, string]> = {
  fund_mobilised: ['vận động Quỹ “Vì người nghèo” và an sinh xã hội được {v}', '{v} đã được vận động cho Quỹ “Vì người nghèo” và an sinh xã hội', 'Tổng số tiền vận động Quỹ “Vì người nghèo” và an sinh xã hội'],
  poor_fund: ['Quỹ “Vì người nghèo” các cấp tiếp nhận {v}', '{v} được ủng hộ vào Quỹ “Vì người nghèo”', 'Quỹ “Vì người nghèo” vận động được'],
  social_security_direct: ['các cơ quan, doanh nghiệp ủng hộ an sinh xã hội trực tiếp {v}', '{v} ủng hộ trực tiếp các chương trình an sinh xã hội', 'Ủng hộ an sinh xã hội trực tiếp'],
};

/** Pairs phrased together ("tổ chức 5 lớp tập huấn với 163 lượt người tham gia"). */
const PAIRS: { keys: [string, string]; text: string }[] = [
  { keys: ['training_courses', 'trainees'], text: 'tổ chức {a} lớp tập huấn với {b} lượt người tham gia' },
  { keys: ['poverty_projects', 'project_households'], text: 'triển khai {a} dự án giảm nghèo với {b} hộ tham gia' },
  { keys: ['inspection_teams_provincial', 'inspection_teams_district'], text: 'tổ chức {a} đoàn kiểm tra, giám sát cấp tỉnh và {b} đoàn cấp huyện' },
  { keys: ['commended_collectives', 'commended_individuals'], text: 'khen thưởng {a} tập thể và {b} cá nhân có thành tích' },
  { keys: ['radio_programs', 'tv_programs'], text: '{a} chương trình phát thanh và {b} chương trình truyền hình đã được phát sóng' },
];

/**
 * More ways offices write the same figures (issue 12 part 5), drawn for the tune part only so
 * that the report part stays as it was measured: another verb ("thành lập 5 đoàn kiểm tra",
 * "mở 4 lớp", "tổ chức được 3 đoàn"), a shorter noun ("đoàn kiểm tra cấp tỉnh"), a label
 * with "là" ("số lớp tập huấn được tổ chức là 12 lớp").
 */
const MORE: Record<string, { verbs: string[]; short?: string }> = {
  inspection_teams_provincial: { verbs: ['thành lập', 'tổ chức được'], short: 'đoàn kiểm tra cấp tỉnh' },
  inspection_teams_district: { verbs: ['thành lập', 'tổ chức được'], short: 'đoàn kiểm tra cấp huyện' },
  training_courses: { verbs: ['mở', 'tổ chức được'], short: 'lớp tập huấn' },
  trainees: { verbs: ['tập huấn, bồi dưỡng được cho'], short: 'lượt cán bộ' },
  houses_built_repaired: { verbs: ['hỗ trợ xây mới, sửa chữa'] },
  leaflets: { verbs: ['phát hành'] },
  radio_programs: { verbs: ['thực hiện'] },
  video_clips: { verbs: ['xây dựng'] },
  commended_collectives: { verbs: ['tặng giấy khen cho'] },
  commended_individuals: { verbs: ['tặng giấy khen cho'] },
  poverty_projects: { verbs: ['xây dựng, triển khai'] },
};

const PAIRS_MORE: { keys: [string, string]; text: string }[] = [
  { keys: ['training_courses', 'trainees'], text: 'mở {a} lớp tập huấn, bồi dưỡng với tổng số {b} lượt người tham gia' },
  { keys: ['inspection_teams_provincial', 'inspection_teams_district'], text: 'thành lập {a} đoàn kiểm tra cấp tỉnh và {b} đoàn kiểm tra cấp huyện' },
  { keys: ['poverty_projects', 'project_households'], text: 'xây dựng {a} dự án giảm nghèo, thu hút {b} hộ tham gia' },
];

export interface Clause { keys: string[]; text: string; forms: Record<string, string>; order: string }

export const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** One of the MORE wordings, or null (then the usual ones). */
function more(key: string, w: Written, v: IndicatorTruth, rand: Rand): Clause | null {
  const m = MORE[key];
  if (!m || v.unit === 'đồng' || v.of !== undefined || !rand.chance(0.5)) return null;
  const [noun, , passive, unit] = WORDING[key];
  if (rand.chance(0.7)) return { keys: [key], text: `${rand.pick(m.verbs)} ${w.text} ${m.short && rand.chance(0.5) ? m.short : noun}`, forms: { [key]: w.form }, order: 'verb-first' };
  return { keys: [key], text: `số ${noun} ${passive} là ${w.text} ${unit}`, forms: { [key]: w.form }, order: 'label-la' };
}

function single(key: string, v: IndicatorTruth, rand: Rand, list: boolean, extra: Rand | null): Clause {
  const w = valueText(v, rand);
  const forms = { [key]: w.form };
  const money = MONEY[key];
  if (money) {
    if (list) return { keys: [key], text: `${money[2]}: ${w.text}`, forms, order: 'label' };
    const passive = rand.chance(0.4);
    return { keys: [key], text: (passive ? money[1] : money[0]).replace('{v}', w.text), forms, order: passive ? 'figure-first' : 'verb-first' };
  }
  const alt = extra && !list ? more(key, w, v, extra) : null;
  if (alt) return alt;
  const [noun, verb, passive, unit] = WORDING[key];
  // a comparison with last year right after the figure: another number with the same unit
  const versus = v.value > 20 && v.of === undefined && rand.chance(0.15)
    ? ` (${rand.pick(['tăng', 'giảm'])} ${Math.max(1, Math.round(v.value * rand.range(0.05, 0.4)))} ${unit} so với cùng kỳ năm 2022)` : '';
  if (versus) forms[key] = `${w.form}+cùng kỳ`;
  if (list) return { keys: [key], text: `${cap(noun)} ${passive}: ${w.text} ${unit}${versus}`, forms, order: 'label' };
  return rand.chance(0.45)
    ? { keys: [key], text: `${w.text} ${noun} ${passive}${versus}`, forms, order: 'figure-first' }
    : { keys: [key], text: `${verb} ${w.text} ${noun}${versus}`, forms, order: 'verb-first' };
}

/**
 * Clauses for the given indicators, pairs first where both are present; list: label form.
 * extra: the tune part's own draws for the MORE wordings (null: the wordings as first measured).
 */
export function clauses(keys: string[], inds: Record<string, IndicatorTruth>, rand: Rand, list: boolean, extra: Rand | null = null): Clause[] {
  const left = new Set(keys);
  const out: Clause[] = [];
  if (!list) {
    const pairs = extra ? PAIRS.map((p) => PAIRS_MORE.find((q) => q.keys.join() === p.keys.join() && extra.chance(0.5)) ?? p) : PAIRS;
    for (const p of pairs) {
      if (!p.keys.every((k) => left.has(k)) || rand.chance(0.3)) continue;
      const [a, b] = p.keys.map((k) => valueText(inds[k], rand));
      out.push({ keys: [...p.keys], text: p.text.replace('{a}', a.text).replace('{b}', b.text), forms: { [p.keys[0]]: a.form, [p.keys[1]]: b.form }, order: p.text.startsWith('{') ? 'pair-figure-first' : 'pair' });
      for (const k of p.keys) left.delete(k);
    }
  }
  for (const k of keys) if (left.has(k)) out.push(single(k, inds[k], rand, list, extra));
  return out;
}
