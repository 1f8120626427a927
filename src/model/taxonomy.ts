/**
 * The indicator taxonomy (rules.md §1, §3.2): level-1 sections and their level-2 classes.
 * Both the 2020 template (成本 as a level-2 under 产出) and the 101号 layout (成本 as its own
 * level-1 with 经济/社会/生态环境成本) are supported.
 */
export const LEVEL1 = ['产出指标', '成本指标', '效益指标', '满意度指标'] as const;
export type Level1 = (typeof LEVEL1)[number];

export const LEVEL2: Record<Level1, readonly string[]> = {
  产出指标: ['数量指标', '质量指标', '时效指标', '成本指标'],
  成本指标: ['经济成本指标', '社会成本指标', '生态环境成本指标'],
  效益指标: ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'],
  满意度指标: ['服务对象满意度指标'],
};

const LEVEL2_TO_LEVEL1 = new Map<string, Level1>();
for (const l1 of LEVEL1) for (const l2 of LEVEL2[l1]) if (!LEVEL2_TO_LEVEL1.has(l2)) LEVEL2_TO_LEVEL1.set(l2, l1);

// A label may carry its weight ("产出指标(50分)", 池州 2022) or a colon. Called on every label
// cell of every row, so the regexes run only when the text needs them.
const strip = (label: string): string => {
  let t = label.indexOf(' ') >= 0 || label.indexOf('\u3000') >= 0 ? label.replace(/[\s\u3000]/g, '') : label;
  let last = t.charCodeAt(t.length - 1);
  if (last === 0x29 || last === 0xff09) {
    t = t.replace(/[（(][^（()）]*[)）]$/, '');
    last = t.charCodeAt(t.length - 1);
  }
  if (last === 0x3a || last === 0xff1a) t = t.slice(0, -1);
  return t;
};

/** The canonical level-1 name a printed label stands for, or null ("产出" → 产出指标). */
export function level1Of(label: string | null | undefined): Level1 | null {
  if (!label) return null;
  let s = strip(label);
  if (s.startsWith('一级指标')) s = s.replace(/^一级指标[:：]?/, '');
  for (const l1 of LEVEL1) if (s === l1 || s === l1.slice(0, -2)) return l1;
  return null;
}

/** The canonical level-2 name a printed label stands for, or null ("服务对象满意度" → 服务对象满意度指标). */
export function level2Of(label: string | null | undefined): string | null {
  if (!label) return null;
  let s = strip(label);
  if (s.startsWith('二级指标')) s = s.replace(/^二级指标[:：]?/, '');
  if (LEVEL2_TO_LEVEL1.has(s)) return s;
  if (LEVEL2_TO_LEVEL1.has(s + '指标')) return s + '指标';
  if (s === '可持续影响' || s === '可持续发展指标') return '可持续影响指标';
  return null;
}

/** The level-1 section a level-2 class belongs to (成本指标 → 产出指标, the 2020 template). */
export function parentOf(level2: string | null | undefined): Level1 | null {
  if (!level2) return null;
  const l2 = level2Of(level2);
  return l2 ? (LEVEL2_TO_LEVEL1.get(l2) ?? null) : null;
}

/** True when the level-2 class belongs to the level-1 section (I3). */
export function belongsTo(level1: string | null, level2: string | null): boolean {
  const l1 = level1Of(level1);
  const l2 = level2Of(level2);
  if (!l1 || !l2) return false;
  return LEVEL2[l1].includes(l2);
}

/** Label text that is a taxonomy name at level 1 or 2. */
export function isTaxonomyLabel(text: string | null | undefined): boolean {
  return level1Of(text) !== null || level2Of(text) !== null;
}
