/**
 * Cities in the reader's script: the programme's six cities and the cities its people most often
 * come from, in English and in Chinese. A city not in the table is shown as its people typed it.
 * Pure data with no imports: the web app reads the same table.
 */
const CITIES: [en: string, zh: string][] = [
  // The programme's cities (CONTEXT.md).
  ['Rome', '罗马'],
  ['Granada', '格拉纳达'],
  ['Nice', '尼斯'],
  ['Yantai', '烟台'],
  ['Kunming', '昆明'],
  ['Liuzhou', '柳州'],
  // Places of the programme's organisations and events, and common cities on both sides.
  ['Viterbo', '维泰博'],
  ['Brussels', '布鲁塞尔'],
  ['Madrid', '马德里'],
  ['Barcelona', '巴塞罗那'],
  ['Seville', '塞维利亚'],
  ['Milan', '米兰'],
  ['Turin', '都灵'],
  ['Florence', '佛罗伦萨'],
  ['Naples', '那不勒斯'],
  ['Paris', '巴黎'],
  ['Lyon', '里昂'],
  ['Marseille', '马赛'],
  ['Berlin', '柏林'],
  ['Munich', '慕尼黑'],
  ['Hamburg', '汉堡'],
  ['Vienna', '维也纳'],
  ['Amsterdam', '阿姆斯特丹'],
  ['Lisbon', '里斯本'],
  ['Athens', '雅典'],
  ['Warsaw', '华沙'],
  ['Prague', '布拉格'],
  ['Stockholm', '斯德哥尔摩'],
  ['Copenhagen', '哥本哈根'],
  ['Dublin', '都柏林'],
  ['London', '伦敦'],
  ['Geneva', '日内瓦'],
  ['Zurich', '苏黎世'],
  ['Beijing', '北京'],
  ['Shanghai', '上海'],
  ['Guangzhou', '广州'],
  ['Shenzhen', '深圳'],
  ['Chengdu', '成都'],
  ['Chongqing', '重庆'],
  ['Wuhan', '武汉'],
  ['Hangzhou', '杭州'],
  ['Nanjing', '南京'],
  ['Tianjin', '天津'],
  ['Xi’an', '西安'],
  ['Qingdao', '青岛'],
  ['Jinan', '济南'],
  ['Nanning', '南宁'],
  ['Guilin', '桂林'],
  ['Dali', '大理'],
  ['Xiamen', '厦门'],
  ['Suzhou', '苏州'],
  ['Hong Kong', '香港'],
  ['Macao', '澳门'],
];

const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f'’\s-]/g, '')
    .toLowerCase();
const BY_NAME = new Map<string, [string, string]>();
for (const pair of CITIES) {
  BY_NAME.set(fold(pair[0]), pair);
  BY_NAME.set(pair[1], pair);
}
// Spellings people type for the same places.
for (const [alias, en] of [
  ['Roma', 'Rome'],
  ['Nizza', 'Nice'],
  ['Bruxelles', 'Brussels'],
  ['Brussel', 'Brussels'],
  ['Sevilla', 'Seville'],
  ['Milano', 'Milan'],
  ['Torino', 'Turin'],
  ['Firenze', 'Florence'],
  ['Napoli', 'Naples'],
  ['München', 'Munich'],
  ['Wien', 'Vienna'],
  ['Lisboa', 'Lisbon'],
  ['Peking', 'Beijing'],
  ['Canton', 'Guangzhou'],
  ['Xian', 'Xi’an'],
  ['Macau', 'Macao'],
] as const) {
  const pair = BY_NAME.get(fold(en));
  if (pair) BY_NAME.set(fold(alias), pair);
}

/** The city as a reader of this language writes it: "昆明" for a Chinese reader of "Kunming". */
export function cityName(city: string, locale: 'en' | 'zh'): string {
  const trimmed = city.trim();
  const pair = BY_NAME.get(trimmed) ?? BY_NAME.get(fold(trimmed));
  if (!pair) return trimmed;
  return locale === 'zh' ? pair[1] : pair[0];
}
