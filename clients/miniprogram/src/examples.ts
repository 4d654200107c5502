// The README's examples, type-checked with the client (scripts/client.sh): a search, a park page,
// a consult request. In a mini-program these run in a page's handlers.
import { ApiError, ParkFinderClient, type ParkDetail, type ParkSummary, type SearchFilters, type SearchQuery } from "./client";

const api = new ParkFinderClient("https://parkfinder.azurewebsites.net");

// Search: factories in Chengdu under 50 CNY/m2/month, cheapest first.
export async function cheapFactories(): Promise<ParkSummary[]> {
  const page = await api.searchParks({ city: "510100", spaceType: ["factory"], maxRent: 50, sort: "rent", limit: 20 });
  return page.items.map((p) => ({ ...p, name: `${p.name} · ${p.availableArea} m²` }));
}

// The search box: the line is read as filters, shown as chips; "no results" comes with what would find some.
export async function searchBox(line: string): Promise<{ chips: string[]; text: string; names: string[]; tryInstead: string[] }> {
  const page = await api.searchParks({ q: line }); // e.g. "苏州 厂房 2000平以上"
  const chips = Object.entries(page.interpreted ?? {}).map(([name, value]) => `${name}: ${Array.isArray(value) ? value.join("/") : value}`);
  const tryInstead = (page.relaxations ?? []).map((r) => (r.drop ? `不限 ${r.drop}` : `放宽到 ${JSON.stringify(r.set)}`) + ` (${r.total})`);
  return { chips, text: page.text ?? "", names: page.items.map((p) => p.name), tryInstead };
}

// Removing a chip: the remaining filters go explicitly, the leftover text as text only.
export async function withoutChip(line: string, chip: keyof SearchFilters): Promise<ParkSummary[]> {
  const first = await api.searchParks({ q: line });
  const kept: SearchQuery = { ...(first.interpreted ?? {}) } as SearchQuery;
  delete (kept as Record<string, unknown>)[chip];
  const again = await api.searchParks({ ...kept, ...(first.text ? { q: first.text, interpret: false } : {}) });
  return again.items;
}

// Suggestions as the user types "sz": 深圳市, 苏州市, then parks; tapping one runs its filter.
export async function suggestions(typed: string): Promise<string[]> {
  const { items } = await api.suggest(typed);
  return items.map((s) => `${s.label} (${s.parks})`);
}

// The map as the user moves it: markers for the clusters (or the parks) of the visible region, with the same filters.
export async function mapMarkers(region: { southwest: { latitude: number; longitude: number }; northeast: { latitude: number; longitude: number } }, scale: number): Promise<string[]> {
  const bbox = [region.southwest.latitude, region.southwest.longitude, region.northeast.latitude, region.northeast.longitude].join(",");
  const map = await api.mapParks({ bbox, zoom: Math.round(scale), spaceType: ["factory"], minArea: 2000 });
  return map.parks.length > 0
    ? map.parks.map((p) => `${p.name} ${p.availableArea} m²`)
    : map.clusters.map((c) => `${c.name ?? "·"} ${c.parks} 个园区`);
}

// The filter sheet: a count beside every choice ("厂房 (123)"), each counted as if that choice were picked.
export async function filterSheet(): Promise<string[]> {
  const page = await api.searchParks({ city: "440300", facets: ["spaceType", "district", "industry"], limit: 20 });
  const lines: string[] = [];
  for (const values of Object.values(page.facets ?? {})) for (const v of values) lines.push(`${v.label} (${v.parks})`);
  return lines;
}

// A park page: the park and its rents per space type.
export async function parkPage(parkId: string): Promise<{ park: ParkDetail; rents: string[] }> {
  const park = await api.getPark(parkId);
  const rents = (park.unitsSummary ?? []).map((s) => `${s.spaceType}: ${s.askingRent.median?.monthlyPerM2 ?? "-"} 元/m²/月`);
  return { park, rents };
}

// 立即咨询: sign-in happens on the way when needed.
export async function consult(parkId: string): Promise<string> {
  try {
    const lead = await api.sendConsultRequest(parkId, { category: "factory-warehouse", name: "王先生", phone: "13800138000", message: "想了解厂房", spaceType: "factory", area: 2000, consent: true });
    return `sent ${lead.id}`;
  } catch (e) {
    if (e instanceof ApiError && e.problem.code === "rate_limited") return "too many requests, try later";
    throw e;
  }
}

// "Which parks in 成都 already have a 新能源汽车 anchor and a battery-pack supplier?", strongest in 未来能源 first.
export async function evAnchorsInChengdu(): Promise<string[]> {
  const page = await api.searchParks({ city: "510100", chain: "新能源汽车", anchor: true, segment: ["电池包"], track: "未来能源", sort: "track" });
  return page.items.map((p) => `${p.name}: 未来能源 ${p.tracks["future-energy"] ?? 0}`);
}

// A landlord's question: which segments of my chains are missing (the 招商 targets)?
export async function chainGaps(parkId: string): Promise<string[]> {
  const { chains } = await api.getParkChains(parkId);
  const gaps: string[] = [];
  for (const c of chains) for (const s of c.segmentList) if (s.gap) gaps.push(`${c.name} / ${s.stage} / ${s.name}`);
  return gaps;
}

// Two parks side by side, with the score behind each park's stars.
export async function compareTwo(a: string, b: string): Promise<string[]> {
  const [{ parks }, card] = await Promise.all([api.compareParks([a, b]), api.getScorecard(a)]);
  const hexagons = parks.map((p) => `${p.name}: ${p.tracks.map((t) => `${t.name} ${t.score}`).join(" / ")}`);
  return [...hexagons, `${a}: ${card.stars ?? "-"} 星 (${card.assessed?.source ?? "未评估"})`];
}

// A landlord after uploading the rent roll: which units it marked leased, and the latest change to the first of them.
export async function afterUpload(parkId: string, uploadId: string): Promise<string[]> {
  const upload = await api.getLeaseUpload(parkId, uploadId);
  const marked = upload.reconciliation?.markedLeased ?? [];
  const lines = [`${upload.status}: ${upload.rowsAccepted ?? 0} rows accepted, ${upload.rowsRejected ?? 0} rejected`,
    ...marked.map((u) => `${u.unitId} 已出租 until ${u.availableFrom}`)];
  if (marked.length > 0) {
    const { items } = await api.getUnitHistory(parkId, marked[0].unitId, { limit: 1 });
    lines.push(...items.map((c) => `${c.at} ${c.by}: ${c.changes.map((f) => `${f.field} ${JSON.stringify(f.before)} -> ${JSON.stringify(f.after)}`).join(", ")}`));
  }
  return lines;
}
