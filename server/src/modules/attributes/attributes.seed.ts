import type { EntityManager } from '@mikro-orm/postgresql';
import { DEPARTMENT_SCOPE } from '../../platform/db/department-scope.js';
import { AttributeDefinition } from './attribute-definition.entity.js';
import { AttributeKind, FIXED_OPTIONS } from './attribute-kind.js';
import { AttributeOption } from './attribute-option.entity.js';

interface SeedAttribute {
  key: string;
  label: string;
  kind: AttributeKind;
  helpText?: string;
  options?: string[];
  personal?: boolean;
  residentEditable?: boolean;
  numberMin?: number;
  numberMax?: number;
  numberInteger?: boolean;
}

const { SINGLE_CHOICE, MULTIPLE_CHOICE, AREA, DATE, DATE_LIST, NUMBER, TEXT, YES_NO, CONSENT } = AttributeKind;

/** The demo city's starting catalogue (RES-02: 25 or more; RES-04: 子育て, 検診・予防接種, イベント …). */
const CATALOGUE: SeedAttribute[] = [
  {
    key: 'age_band',
    label: '年代',
    kind: SINGLE_CHOICE,
    options: ['10代以下', '20代', '30代', '40代', '50代', '60代', '70代', '80代以上'],
  },
  { key: 'gender', label: '性別', kind: SINGLE_CHOICE, options: ['女性', '男性', 'その他', '回答しない'] },
  { key: 'residence_area', label: '居住地区', kind: AREA, helpText: 'お住まいの地区と町丁目を選んでください。' },
  {
    key: 'relation_to_city',
    label: '市との関わり',
    kind: SINGLE_CHOICE,
    options: ['市内に住んでいる', '市内に通勤・通学している', '市外に住んでいる'],
  },
  {
    key: 'interests',
    label: '関心のある分野',
    kind: MULTIPLE_CHOICE,
    helpText: '選んだ分野のお知らせをお届けします。',
    options: [
      '子育て',
      '検診・予防接種',
      'イベント',
      '防災',
      '健康・福祉',
      'ごみ・リサイクル',
      '観光',
      '市政情報',
      '教育・学校',
      'スポーツ',
      '文化・芸術',
      '高齢者支援',
      '移住・定住',
      '環境',
      '交通・道路',
      '就労・産業',
    ],
  },
  {
    key: 'children_birth_dates',
    label: '子どもの生年月日',
    kind: DATE_LIST,
    helpText: 'お子さまの年齢に合わせた健診・手当のお知らせに使います。',
  },
  { key: 'due_date', label: '出産予定日', kind: DATE },
  { key: 'pregnant', label: '妊娠中', kind: YES_NO },
  { key: 'delivery_consent', label: '配信の同意', kind: CONSENT, helpText: '登録した内容に合わせたお知らせの配信に同意します。' },
  {
    key: 'occupation',
    label: '職業',
    kind: SINGLE_CHOICE,
    options: ['会社員', '公務員', '自営業', 'パート・アルバイト', '学生', '家事専業', '無職', 'その他'],
  },
  { key: 'household_size', label: '世帯人数', kind: NUMBER, numberMin: 1, numberMax: 20, numberInteger: true },
  {
    key: 'foreign_language',
    label: '外国語での配信希望',
    kind: SINGLE_CHOICE,
    options: ['希望しない', 'English', '中文（简体）', '中文（繁體）', '한국어', 'Tiếng Việt', 'Português', 'Español'],
  },
  {
    key: 'disaster_alerts',
    label: '受け取りたい防災情報',
    kind: MULTIPLE_CHOICE,
    options: ['気象警報', '避難情報', '地震情報', '土砂災害', '河川の水位'],
  },
  { key: 'school_stage', label: '子どもの就学状況', kind: MULTIPLE_CHOICE, options: ['未就学', '小学生', '中学生', '高校生'] },
  { key: 'elderly_household', label: '65歳以上の家族と同居', kind: YES_NO },
  { key: 'caregiver', label: '家族の介護をしている', kind: YES_NO },
  { key: 'pets', label: 'ペットの飼育', kind: MULTIPLE_CHOICE, options: ['犬', '猫', 'その他の動物'] },
  { key: 'transport', label: '主な移動手段', kind: SINGLE_CHOICE, options: ['徒歩', '自転車', 'バス', '電車', '自家用車'] },
  { key: 'garbage_reminder', label: 'ごみ収集日のお知らせ', kind: YES_NO },
  { key: 'volunteer', label: 'ボランティア活動への関心', kind: YES_NO },
  { key: 'checkup_notice', label: '特定健診・がん検診の案内', kind: YES_NO },
  {
    key: 'housing',
    label: '住まいの形態',
    kind: SINGLE_CHOICE,
    options: ['持ち家（一戸建て）', '持ち家（集合住宅）', '賃貸（一戸建て）', '賃貸（集合住宅）', 'その他'],
  },
  { key: 'years_resident', label: '居住年数', kind: NUMBER, numberMin: 0, numberMax: 120, numberInteger: true },
  { key: 'move_in_date', label: '転入日', kind: DATE },
  { key: 'survey_consent', label: 'アンケートへの協力', kind: CONSENT, helpText: '市のアンケートのご案内を受け取ります。' },
  { key: 'delivery_time', label: '受信希望の時間帯', kind: SINGLE_CHOICE, options: ['朝', '昼', '夕方', '夜', '指定なし'] },
  { key: 'birth_date', label: '生年月日', kind: DATE, personal: true },
  { key: 'staff_note', label: '職員メモ', kind: TEXT, personal: true, residentEditable: false },
];

const KANJI = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** デモ市's districts and towns (invented), with how many 丁目 each town has (0: none). */
const DISTRICTS: Array<[string, Array<[string, number]>]> = [
  [
    '中央地区',
    [
      ['本町', 6],
      ['栄町', 4],
      ['旭町', 3],
      ['錦町', 5],
      ['末広町', 3],
      ['駅前', 4],
      ['大手町', 3],
      ['元町', 5],
    ],
  ],
  [
    '北地区',
    [
      ['北町', 5],
      ['松が丘', 4],
      ['桜台', 6],
      ['若葉町', 4],
      ['白山', 3],
      ['北野', 5],
      ['梅林', 3],
      ['千代田', 4],
    ],
  ],
  [
    '南地区',
    [
      ['南町', 5],
      ['港町', 4],
      ['浜田', 3],
      ['汐見台', 6],
      ['青葉町', 4],
      ['入船', 3],
      ['潮見', 4],
      ['新港', 2],
    ],
  ],
  [
    '東地区',
    [
      ['東町', 4],
      ['日の出町', 3],
      ['朝日が丘', 6],
      ['緑町', 4],
      ['春日', 5],
      ['東雲', 3],
      ['若松', 4],
      ['曙町', 3],
    ],
  ],
  [
    '西地区',
    [
      ['西町', 4],
      ['夕陽ケ丘', 3],
      ['山手町', 6],
      ['城山', 3],
      ['高台', 4],
      ['紅葉ケ丘', 5],
      ['西原', 3],
      ['清水', 4],
    ],
  ],
  [
    '川辺地区',
    [
      ['川辺', 4],
      ['柳町', 3],
      ['中洲', 3],
      ['水元', 5],
      ['舟渡', 4],
      ['堤', 3],
      ['橋本', 4],
      ['岸辺', 3],
    ],
  ],
  [
    '丘陵地区',
    [
      ['森の里', 6],
      ['泉ヶ丘', 4],
      ['若草台', 5],
      ['みどり野', 4],
      ['光が丘', 6],
      ['けやき台', 4],
      ['鳩山', 3],
      ['虹ヶ丘', 5],
    ],
  ],
  [
    '田園地区',
    [
      ['田園', 3],
      ['上新田', 0],
      ['中新田', 0],
      ['下新田', 0],
      ['大畑', 0],
      ['小松原', 0],
      ['稲穂', 2],
      ['萩原', 0],
    ],
  ],
];

/** The area options: 地区, then its 町丁目 (about 280 areas), with keys a01 and a01-03-2. */
export function demoAreas(): Array<{ key: string; label: string; parentKey: string | null }> {
  const out: Array<{ key: string; label: string; parentKey: string | null }> = [];
  DISTRICTS.forEach(([district, towns], d) => {
    const districtKey = `a${String(d + 1).padStart(2, '0')}`;
    out.push({ key: districtKey, label: district, parentKey: null });
    towns.forEach(([town, chome], t) => {
      const townKey = `${districtKey}-${String(t + 1).padStart(2, '0')}`;
      if (chome === 0) out.push({ key: townKey, label: town, parentKey: districtKey });
      for (let c = 1; c <= chome; c++) out.push({ key: `${townKey}-${c}`, label: `${town}${KANJI[c - 1]}丁目`, parentKey: districtKey });
    });
  });
  out.push({ key: 'outside', label: '市外', parentKey: null });
  out.push({ key: 'outside-pref', label: '県内（市外）', parentKey: 'outside' });
  out.push({ key: 'outside-other', label: '県外', parentKey: 'outside' });
  return out;
}

/**
 * The demo city's attributes: each created once, by key, so running the seed again (or on an
 * installation that predates attributes) adds only what is missing. Returns the keys it created.
 */
export async function seedDemoAttributes(em: EntityManager): Promise<string[]> {
  const unscoped = { filters: { [DEPARTMENT_SCOPE]: false } };
  const defs = await em.find(AttributeDefinition, {}, unscoped);
  const existing = new Set(defs.map((d) => d.key));
  let position = Math.max(0, ...defs.map((d) => d.position));
  const created: string[] = [];
  for (const a of CATALOGUE) {
    if (existing.has(a.key)) continue;
    const def = em.create(AttributeDefinition, {
      key: a.key,
      label: a.label,
      kind: a.kind,
      helpText: a.helpText ?? null,
      personal: a.personal ?? false,
      residentEditable: a.residentEditable ?? true,
      numberMin: a.numberMin ?? null,
      numberMax: a.numberMax ?? null,
      numberInteger: a.numberInteger ?? false,
      position: ++position,
    });
    em.persist(def);
    const fixed = FIXED_OPTIONS[a.kind];
    if (fixed)
      fixed.forEach((o, i) => em.persist(em.create(AttributeOption, { attribute: def, key: o.key, label: o.label, position: i + 1 })));
    a.options?.forEach((label, i) =>
      em.persist(em.create(AttributeOption, { attribute: def, key: `o${String(i + 1).padStart(2, '0')}`, label, position: i + 1 })),
    );
    if (a.kind === AREA) {
      const byKey = new Map<string, AttributeOption>();
      demoAreas().forEach((area, i) => {
        const option = em.create(AttributeOption, {
          attribute: def,
          key: area.key,
          label: area.label,
          parent: area.parentKey ? byKey.get(area.parentKey)! : null,
          position: i + 1,
        });
        byKey.set(area.key, option);
        em.persist(option);
      });
    }
    created.push(a.key);
  }
  await em.flush();
  return created;
}
