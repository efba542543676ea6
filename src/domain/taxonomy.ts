/** Sectors and interests, with stable slug ids and labels in both languages of the programme. */
export interface Term {
  id: string;
  label: { en: string; zh: string };
}

export const SECTORS: readonly Term[] = [
  { id: 'biotechnology', label: { en: 'Biotechnology', zh: '生物技术' } },
  { id: 'biomedicine', label: { en: 'Biomedicine', zh: '生物医药' } },
  { id: 'health-technology', label: { en: 'Health technology', zh: '健康科技' } },
  { id: 'digital-health', label: { en: 'Digital health', zh: '数字健康' } },
  { id: 'medical-devices', label: { en: 'Medical devices', zh: '医疗器械' } },
  { id: 'healthy-city', label: { en: 'Healthy city and public health', zh: '健康城市与公共卫生' } },
  { id: 'elderly-care', label: { en: 'Elderly care and wellness', zh: '养老与康养' } },
  { id: 'precision-agriculture', label: { en: 'Precision agriculture', zh: '精准农业' } },
  { id: 'wine-viticulture', label: { en: 'Wine and viticulture', zh: '葡萄酒与葡萄种植' } },
  { id: 'food-nutrition', label: { en: 'Food and nutrition', zh: '食品与营养' } },
  { id: 'smart-city', label: { en: 'Smart city', zh: '智慧城市' } },
  { id: 'tourism', label: { en: 'Tourism', zh: '旅游' } },
  { id: 'higher-education', label: { en: 'Higher education and research', zh: '高等教育与科研' } },
];

export const INTERESTS: readonly Term[] = [
  { id: 'research-partnership', label: { en: 'Research partnership', zh: '科研合作' } },
  { id: 'technology-transfer', label: { en: 'Technology transfer', zh: '技术转移' } },
  { id: 'investment', label: { en: 'Investment', zh: '投资' } },
  { id: 'market-entry', label: { en: 'Market entry and soft landing', zh: '市场进入与软着陆' } },
  { id: 'pilot-project', label: { en: 'Pilot project', zh: '试点项目' } },
  { id: 'staff-exchange', label: { en: 'Student and staff exchange', zh: '学生与教职人员交流' } },
  { id: 'joint-event', label: { en: 'Joint forum or event', zh: '联合论坛或活动' } },
  { id: 'capacity-building', label: { en: 'Capacity building', zh: '能力建设' } },
];

const sectorIds = new Set(SECTORS.map((s) => s.id));
const interestIds = new Set(INTERESTS.map((i) => i.id));

export const isSector = (id: string): boolean => sectorIds.has(id);
export const isInterest = (id: string): boolean => interestIds.has(id);

export function termLabel(terms: readonly Term[], id: string, locale: 'en' | 'zh'): string {
  return terms.find((t) => t.id === id)?.label[locale] ?? id;
}
