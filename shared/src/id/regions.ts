/**
 * Region codes in resident ID numbers (GB/T 2260). The code is where the number was
 * issued, not where the person lives now, and it never changes when regions are renamed.
 */

/** Province-level codes (first two digits) and their names. */
export const PROVINCES: Readonly<Record<string, string>> = Object.freeze({
  '11': '北京市', '12': '天津市', '13': '河北省', '14': '山西省', '15': '内蒙古自治区',
  '21': '辽宁省', '22': '吉林省', '23': '黑龙江省',
  '31': '上海市', '32': '江苏省', '33': '浙江省', '34': '安徽省', '35': '福建省', '36': '江西省', '37': '山东省',
  '41': '河南省', '42': '湖北省', '43': '湖南省', '44': '广东省', '45': '广西壮族自治区', '46': '海南省',
  '50': '重庆市', '51': '四川省', '52': '贵州省', '53': '云南省', '54': '西藏自治区',
  '61': '陕西省', '62': '甘肃省', '63': '青海省', '64': '宁夏回族自治区', '65': '新疆维吾尔自治区',
  '71': '台湾省', '81': '香港特别行政区', '82': '澳门特别行政区',
});

/**
 * Prefixes (4 digits = prefecture, 6 digits = county) of the areas our schemes cover,
 * with full names. Deliberately small: anything else is named by its province.
 */
export const KNOWN_REGIONS: Readonly<Record<string, string>> = Object.freeze({
  // 重庆市: 5001 districts, 5002 counties (each district/county falls back to these)
  '5001': '重庆市',
  '5002': '重庆市',
  // 河南省驻马店市
  '4117': '河南省驻马店市',
  '411702': '河南省驻马店市驿城区',
  '411721': '河南省驻马店市西平县',
  '411722': '河南省驻马店市上蔡县',
  '411723': '河南省驻马店市平舆县',
  '411724': '河南省驻马店市正阳县',
  '411725': '河南省驻马店市确山县',
  '411726': '河南省驻马店市泌阳县',
  '411727': '河南省驻马店市汝南县',
  '411728': '河南省驻马店市遂平县',
  '411729': '河南省驻马店市新蔡县',
  // 山东省聊城市
  '3715': '山东省聊城市',
  // 山西省晋城市
  '1405': '山西省晋城市',
  '140502': '山西省晋城市城区',
  '140521': '山西省晋城市沁水县',
  '140522': '山西省晋城市阳城县',
  '140524': '山西省晋城市陵川县',
  '140525': '山西省晋城市泽州县',
  '140581': '山西省晋城市高平市',
  // 上海市
  '310112': '上海市闵行区',
});

/**
 * The most specific name known for a region code (2, 4 or 6 digits, or a whole ID number):
 * county, then prefecture, then province. `undefined` when even the province is unknown.
 */
export function regionName(code: string): string | undefined {
  if (typeof code !== 'string') return undefined;
  const c = code.trim();
  if (!/^\d{2}/.test(c)) return undefined;
  return KNOWN_REGIONS[c.slice(0, 6)] ?? KNOWN_REGIONS[c.slice(0, 4)] ?? PROVINCES[c.slice(0, 2)];
}
