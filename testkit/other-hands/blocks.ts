// The content of a document as blocks the renderer lays out: headings, paragraphs (with the
// indicator keys they state), and tables with one or two header rows (merged cells).
export type Align = 'left' | 'center' | 'right';

export interface HeaderCell { text: string; col: number; span: number; rowSpan: 1 | 2; row: 0 | 1 }

export interface TableBlock {
  t: 'table';
  caption: string[];
  cols: { frac: number; align: Align }[];
  header: HeaderCell[];
  rows: { cells: string[]; group?: boolean; key?: string }[];
  /** shaded header row */
  fill: boolean;
  /** group rows: the heading spans every column after TT */
  mergedGroups: boolean;
}

export type Block =
  | { t: 'heading'; text: string; centred?: boolean; italic?: boolean }
  | { t: 'para'; text: string; keys?: string[]; italic?: boolean; noIndent?: boolean }
  | TableBlock
  | { t: 'pagebreak' };

export const SECTION_KEYS: string[][] = [
  ['radio_programs', 'tv_programs', 'print_publications', 'print_copies', 'articles', 'e_files', 'e_newspaper_products',
    'internet_products', 'video_clips', 'leaflets', 'info_clusters_new', 'info_clusters_repaired', 'public_info_points',
    'commune_radio_new', 'commune_radio_upgraded', 'loudspeaker_clusters', 'training_courses', 'trainees'],
  ['fund_mobilised', 'poor_fund', 'social_security_direct', 'houses_built_repaired', 'health_support_people', 'students_supported', 'production_support_people'],
  ['poverty_projects', 'project_households'],
  ['inspection_teams_provincial', 'inspection_teams_district'],
  ['commended_collectives', 'commended_individuals', 'commended_households'],
];

export function sectionOf(key: string): number {
  const i = SECTION_KEYS.findIndex((s) => s.includes(key));
  if (i < 0) throw new Error(`indicator ${key} in no section`);
  return i;
}
