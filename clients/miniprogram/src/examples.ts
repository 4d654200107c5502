// The README's examples, type-checked with the client (scripts/client.sh): a search, a park page,
// a consult request. In a mini-program these run in a page's handlers.
import { ApiError, ParkFinderClient, type ParkDetail, type ParkSummary } from "./client";

const api = new ParkFinderClient("https://parkfinder.azurewebsites.net");

// Search: factories in Chengdu under 50 CNY/m2/month, cheapest first.
export async function cheapFactories(): Promise<ParkSummary[]> {
  const page = await api.searchParks({ city: "510100", spaceType: ["factory"], maxRent: 50, sort: "rent", limit: 20 });
  return page.items.map((p) => ({ ...p, name: `${p.name} · ${p.availableArea} m²` }));
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
