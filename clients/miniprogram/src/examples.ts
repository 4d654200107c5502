// The README's examples, type-checked with the client by scripts/client.sh (not run): calls of every tag of the
// OpenAPI document (Parks, Units, Rents, Trends, Scorecard, Ecosystem, Auth, Favorites, Alerts, Leads,
// Landlords, Leases, Admin, Health) as an investor's, a landlord's and an operator's pages would make them.
// Each call is api.GET/POST/PUT/PATCH/DELETE with the document's path; `ok(...)` gives the data or throws
// ApiError with the problem, `{ data, error, response }` lets a page handle a problem itself.
import { ApiError, asFile, createParkFinderClient, ok, signIn, storeToken, toProblem, type paths, type Schemas } from "./client";

type ParkSummary = Schemas["ParkSummary"];
type SearchFilters = Schemas["SearchFilters"];
type SearchQuery = NonNullable<paths["/api/parks"]["get"]["parameters"]["query"]>;

const baseUrl = "https://parkfinder.azurewebsites.net";
// Sends the stored token, and signs in (wx.login, silent) when a call is answered 401.
const api = createParkFinderClient({ baseUrl });

// ---- Investors ---------------------------------------------------------------------------------------------

// Auth: sign in when the mini-program starts (app.ts onLaunch): signIn sends wx.login's code to
// POST /api/auth/wechat and stores the token for later calls.
export async function onLaunch(): Promise<string[]> {
  const login = await signIn(api);
  return login.user.roles;
}

// Health: a status page's check before it blames the network.
export async function apiIsUp(): Promise<boolean> {
  const { data } = await api.GET("/api/health");
  return data?.status === "ok";
}

// Parks: factories in Chengdu under 50 CNY/m2/month, cheapest first.
export async function cheapFactories(): Promise<ParkSummary[]> {
  const page = await ok(api.GET("/api/parks", { params: { query: { city: "510100", spaceType: ["factory"], maxRent: 50, sort: "rent", limit: 20 } } }));
  return page.items.map((p) => ({ ...p, name: `${p.name} · ${p.availableArea} m²` }));
}

// The search box: the line is read as filters, shown as chips; "no results" comes with what would find some.
export async function searchBox(line = "苏州 厂房 2000平以上"): Promise<{ chips: string[]; text: string; names: string[]; tryInstead: string[] }> {
  const page = await ok(api.GET("/api/parks", { params: { query: { q: line } } }));
  const chips = Object.entries(page.interpreted ?? {}).map(([name, value]) => `${name}: ${Array.isArray(value) ? value.join("/") : value}`);
  const tryInstead = (page.relaxations ?? []).map((r) => (r.drop ? `不限 ${r.drop}` : `放宽到 ${JSON.stringify(r.set)}`) + ` (${r.total})`);
  return { chips, text: page.text ?? "", names: page.items.map((p) => p.name), tryInstead };
}

// Removing a chip: the remaining filters go explicitly, the leftover text as text only.
export async function withoutChip(line: string, chip: keyof SearchFilters): Promise<ParkSummary[]> {
  const first = await ok(api.GET("/api/parks", { params: { query: { q: line } } }));
  const kept = { ...(first.interpreted ?? {}) } as SearchQuery; // interpreted: the same names and types, nulls for none
  delete kept[chip as keyof SearchQuery];
  if (first.text) Object.assign(kept, { q: first.text, interpret: false });
  const again = await ok(api.GET("/api/parks", { params: { query: kept } }));
  return again.items;
}

// Parks near where the user stands: wx.getLocation gives GCJ-02, as the API expects.
export async function nearMe(): Promise<string[]> {
  const here = await wx.getLocation({ type: "gcj02" });
  const page = await ok(api.GET("/api/parks", { params: { query: { lat: here.latitude, lng: here.longitude, radiusKm: 30, sort: "distance" } } }));
  return page.items.map((p) => `${p.name} ${p.distanceKm ?? "-"} km`);
}

// Suggestions as the user types "sz": 深圳市, 苏州市, then parks; tapping one runs its filter.
export async function suggestions(typed: string): Promise<string[]> {
  const { items } = await ok(api.GET("/api/suggest", { params: { query: { q: typed, limit: 8 } } }));
  return items.map((s) => `${s.label} (${s.parks})`);
}

// The map as the user moves it: markers for the clusters (or the parks) of the visible region, with the same filters.
export async function mapMarkers(region: { southwest: { latitude: number; longitude: number }; northeast: { latitude: number; longitude: number } }, scale: number): Promise<string[]> {
  const bbox = [region.southwest.latitude, region.southwest.longitude, region.northeast.latitude, region.northeast.longitude].join(",");
  const map = await ok(api.GET("/api/parks/map", { params: { query: { bbox, zoom: Math.round(scale), spaceType: ["factory"], minArea: 2000 } } }));
  return map.parks.length > 0
    ? map.parks.map((p) => `${p.name} ${p.availableArea} m²`)
    : map.clusters.map((c) => `${c.name ?? "·"} ${c.parks} 个园区`);
}

// The filter sheet: a count beside every choice ("厂房 (123)"), each counted as if that choice were picked.
export async function filterSheet(): Promise<string[]> {
  const page = await ok(api.GET("/api/parks", { params: { query: { city: "440300", facets: ["spaceType", "district", "industry"], limit: 20 } } }));
  const lines: string[] = [];
  for (const values of Object.values(page.facets ?? {})) for (const v of values) lines.push(`${v.label} (${v.parks})`);
  return lines;
}

// A park page (Parks, Units): the park with its median rent per space type, its available factories, its vacancy.
// An unknown id is a problem like any other: park_not_found.
export async function parkPage(parkId: string): Promise<{ title: string; rents: string[]; units: string[]; vacancy: string } | "not found"> {
  const { data: park, error, response } = await api.GET("/api/parks/{parkId}", { params: { path: { parkId } } });
  if (error) {
    if (toProblem(error, response).code === "park_not_found") return "not found";
    throw new ApiError(toProblem(error, response));
  }
  const [units, vacancy] = await Promise.all([
    ok(api.GET("/api/parks/{parkId}/units", { params: { path: { parkId }, query: { spaceType: ["factory"], minArea: 2000 } } })),
    ok(api.GET("/api/parks/{parkId}/vacancy", { params: { path: { parkId } } })),
  ]);
  return {
    title: `${park.name} ${park.stars ?? "-"}★`,
    rents: (park.unitsSummary ?? []).map((s) => `${s.spaceType}: ${s.askingRent.median?.monthlyPerM2 ?? "-"} 元/m²/月`),
    units: units.items.map((u) => `${u.name ?? u.id} ${u.area} m² ${u.rent ? `${u.rent.amount} ${u.rent.unit}` : "面议"}`),
    vacancy: `空置率 ${vacancy.overall.vacancyRate === null ? "-" : (vacancy.overall.vacancyRate * 100).toFixed(1) + "%"} (${vacancy.asOf})`,
  };
}

// Rents and Trends: the market beside a park page: Nanshan's factory rents now, and its last 12 months.
export async function nanshanFactoryMarket(): Promise<string[]> {
  const [rents, trends] = await Promise.all([
    ok(api.GET("/api/rents", { params: { query: { district: "440305", spaceType: "factory" } } })),
    ok(api.GET("/api/trends", { params: { query: { scope: "district:440305", spaceType: "factory", from: "2025-07", to: "2026-06" } } })),
  ]);
  return [
    `挂牌中位数 ${rents.asking.median ?? "-"} 元/m²/月 (${rents.asking.count} 套)`,
    ...trends.points.map((p) => `${p.month}: 空置率 ${p.vacancyRate ?? "-"}, 净吸纳 ${p.netAbsorption ?? "-"} m²`),
  ];
}

// Scorecard and Parks: two parks side by side, with the score behind the first park's stars.
export async function compareTwo(a: string, b: string): Promise<string[]> {
  const [{ parks }, card, indicators] = await Promise.all([
    ok(api.GET("/api/parks/compare", { params: { query: { ids: [a, b].join(",") } } })),
    ok(api.GET("/api/parks/{parkId}/scorecard", { params: { path: { parkId: a } } })),
    ok(api.GET("/api/scorecard/indicators")),
  ]);
  const hexagons = parks.map((p) => `${p.name}: ${p.tracks.map((t) => `${t.name} ${t.score}`).join(" / ")}`);
  return [...hexagons, `${a}: ${card.stars ?? "-"} 星 (${card.assessed?.source ?? "未评估"}, ${(indicators.groups ?? []).length} 组指标)`];
}

// Ecosystem: "which parks in 成都 have a 新能源汽车 anchor and a battery-pack supplier?", strongest in 未来能源 first.
export async function evAnchorsInChengdu(): Promise<string[]> {
  const page = await ok(api.GET("/api/parks", { params: { query: { city: "510100", chain: "新能源汽车", anchor: true, segment: ["电池包"], track: "未来能源", sort: "track" } } }));
  return page.items.map((p) => `${p.name}: 未来能源 ${p.tracks["future-energy"] ?? 0}`);
}

// Ecosystem: the chain and track pickers, a park's enterprises and tracks, and a chain across Chengdu's parks.
export async function ecosystem(parkId: string): Promise<string[]> {
  const [chains, tracks, enterprises, parkTracks, panorama] = await Promise.all([
    ok(api.GET("/api/chains")),
    ok(api.GET("/api/tracks")),
    ok(api.GET("/api/parks/{parkId}/enterprises", { params: { path: { parkId } } })),
    ok(api.GET("/api/parks/{parkId}/tracks", { params: { path: { parkId } } })),
    ok(api.GET("/api/chains/{chainId}/panorama", { params: { path: { chainId: "new-energy-vehicle" }, query: { city: "510100" } } })),
  ]);
  return [
    `${chains.length} 条产业链, ${tracks.length} 个未来赛道`,
    ...enterprises.items.map((e) => `${e.name} (${e.role})`),
    ...parkTracks.tracks.map((t) => `${t.name} ${t.score}`),
    ...panorama.segments.filter((s) => s.parks === 0).map((s) => `成都缺 ${s.name}`),
  ];
}

// A landlord's question too: which segments of my chains are missing (the 招商 targets)?
export async function chainGaps(parkId: string): Promise<string[]> {
  const { chains } = await ok(api.GET("/api/parks/{parkId}/chains", { params: { path: { parkId } } }));
  const gaps: string[] = [];
  for (const c of chains) for (const s of c.segmentList) if (s.gap) gaps.push(`${c.name} / ${s.stage} / ${s.name}`);
  return gaps;
}

// Favorites: is the heart on a park page filled? Not a favorite is 404 favorite_not_found.
export async function isFavorite(parkId: string): Promise<boolean> {
  const { error, response } = await api.GET("/api/me/favorites/{parkId}", { params: { path: { parkId } } });
  if (error && toProblem(error, response).code !== "favorite_not_found") throw new ApiError(toProblem(error, response));
  return !error;
}

// Favorites: the heart tapped, and the 我的收藏 list.
export async function toggleFavorite(parkId: string, on: boolean): Promise<string[]> {
  if (on) await ok(api.PUT("/api/me/favorites/{parkId}", { params: { path: { parkId } } }));
  else {
    const { error, response } = await api.DELETE("/api/me/favorites/{parkId}", { params: { path: { parkId } } });
    if (error && toProblem(error, response).code !== "favorite_not_found") throw new ApiError(toProblem(error, response));
  }
  const favorites = await ok(api.GET("/api/me/favorites", { params: { query: { limit: 50 } } }));
  return favorites.items.map((f) => f.park?.name ?? f.parkId); // favorites.nextCursor: the next page, as on every list
}

// Alerts: save the current search (its query string) to be told of new space; list and remove saved searches.
export async function saveSearch(name: string, query: string): Promise<string> {
  const { data, error, response } = await api.POST("/api/me/alerts", { body: { name, query } }); // query e.g. "city=440300&spaceType=factory&minArea=1000"
  if (error) {
    const problem = toProblem(error, response);
    if (problem.code === "alert_limit_reached") return "最多保存 20 个订阅";
    if (problem.errors) return Object.values(problem.errors).join("; "); // e.g. query.minArea
    throw new ApiError(problem);
  }
  return `${data.name ?? data.query}: 现有 ${data.matchingParks ?? 0} 个园区`;
}

export async function mySavedSearches(): Promise<string[]> {
  const alerts = (await ok(api.GET("/api/me/alerts"))).items;
  const first = alerts[0] ? await ok(api.GET("/api/me/alerts/{alertId}", { params: { path: { alertId: alerts[0].id } } })) : null;
  return alerts.map((a) => `${a.name ?? a.query} (${a.lastDelivery ?? "未通知"})`).concat(first ? [`最新: ${first.query}`] : []);
}

export async function removeSavedSearch(alertId: string): Promise<void> {
  await ok(api.DELETE("/api/me/alerts/{alertId}", { params: { path: { alertId } } }));
}

// Leads: 立即咨询 (signs in on the way if needed). One request per park and category a day: duplicate_request.
export async function consult(parkId: string): Promise<string> {
  const { data, error, response } = await api.POST("/api/parks/{parkId}/leads", {
    params: { path: { parkId } },
    body: { category: "factory-warehouse", name: "王先生", phone: "13800138000", message: "想了解厂房", spaceType: "factory", area: 2000, consent: true },
  });
  if (!error) return `sent ${data.id}`;
  const problem = toProblem(error, response);
  if (problem.code === "duplicate_request") return "今天已经咨询过这个园区";
  if (problem.code === "rate_limited") return "too many requests, try later";
  if (problem.code === "content_rejected") return "内容未通过安全检查";
  throw new ApiError(problem);
}

// Leads: 我的咨询, newest first, a page at a time.
export async function myRequests(cursor?: string): Promise<{ lines: string[]; next: string | null }> {
  const page = await ok(api.GET("/api/me/leads", { params: { query: { limit: 20, cursor } } }));
  return { lines: page.items.map((l) => `${l.parkId} ${l.category}: ${l.status}`), next: page.nextCursor };
}

// ---- Landlords ---------------------------------------------------------------------------------------------

// Landlords: the invite code an operator gave binds the landlord to the park; the answer is a new token with the role.
export async function bindPark(inviteCode: string): Promise<string[]> {
  const login = await ok(api.POST("/api/landlord/bind", { body: { inviteCode } }));
  storeToken(login.token);
  return login.user.parkIds;
}

// Landlords: mark a unit reserved. The write names the version it read (If-Match: its ETag); if someone changed the
// unit meanwhile, 412 etag_mismatch: read again and show the unit as it is now.
export async function reserveUnit(parkId: string, unitId: string): Promise<string> {
  const { items } = await ok(api.GET("/api/parks/{parkId}/units", { params: { path: { parkId }, query: { status: "all" } } }));
  const unit = items.find((u) => u.id === unitId);
  if (!unit) return "no such unit";
  const { data, error, response } = await api.PATCH("/api/parks/{parkId}/units/{unitId}", {
    params: { path: { parkId, unitId }, header: { "If-Match": unit.etag ?? "*" } },
    body: { status: "reserved" },
  });
  if (error) {
    const problem = toProblem(error, response);
    if (problem.code === "etag_mismatch") return "已被他人修改，请刷新";
    throw new ApiError(problem);
  }
  return `${data.id}: ${data.status}, ETag ${response.headers.get("ETag")}`;
}

// Landlords: a new unit (PUT without If-Match creates it), then its rent changed with the ETag the create answered,
// then removed; its history, and "everything is still available" for the whole park.
export async function unitLifecycle(parkId: string): Promise<string[]> {
  const path = { parkId, unitId: "B2-301" };
  const unit = { spaceType: "factory", name: "B2栋301", area: 2400, rent: { amount: 32, unit: "CNY/m2/month" }, status: "available", tags: ["有产证"] };
  const created = await api.PUT("/api/parks/{parkId}/units/{unitId}", { params: { path }, body: unit });
  if (created.error) throw new ApiError(toProblem(created.error, created.response));
  const changed = await ok(api.PUT("/api/parks/{parkId}/units/{unitId}", {
    params: { path, header: { "If-Match": created.response.headers.get("ETag") ?? "*" } },
    body: { ...unit, rent: { amount: 30, unit: "CNY/m2/month" } },
  }));
  const history = await ok(api.GET("/api/parks/{parkId}/units/{unitId}/history", { params: { path, query: { limit: 10 } } }));
  await ok(api.DELETE("/api/parks/{parkId}/units/{unitId}", { params: { path, header: { "If-Match": changed.etag ?? "*" } } }));
  const confirmed = await ok(api.POST("/api/parks/{parkId}/availability/confirm", { params: { path: { parkId } } }));
  return [...history.items.map((c) => `${c.at} ${c.action} ${c.changes.map((f) => f.field).join(",")}`), `确认于 ${confirmed.lastConfirmedAt}`];
}

// Leads (landlord): the overdue requests, and one moved along the pipeline with the ETag it was listed with.
export async function contactFirstOverdue(parkId: string): Promise<string> {
  const { items } = await ok(api.GET("/api/parks/{parkId}/leads", { params: { path: { parkId }, query: { overdue: true, limit: 20 } } }));
  const lead = items[0];
  if (!lead) return "没有超时的咨询";
  const { data, error, response } = await api.PATCH("/api/parks/{parkId}/leads/{leadId}", {
    params: { path: { parkId, leadId: lead.id }, header: { "If-Match": lead.etag ?? "*" } },
    body: { status: "contacted", note: "已电话联系" },
  });
  if (error) {
    const problem = toProblem(error, response);
    if (problem.code === "etag_mismatch") return "这条咨询刚被同事处理过";
    if (problem.code === "invalid_transition") return `不能从 ${lead.status} 改为已联系`;
    throw new ApiError(problem);
  }
  return `${data.name}: ${data.status}`;
}

// Landlords: what operators did on the park (their writes and their reads of investors' phone numbers).
export async function operatorsOnMyPark(parkId: string): Promise<string[]> {
  const { items } = await ok(api.GET("/api/parks/{parkId}/access-log", { params: { path: { parkId }, query: { limit: 20 } } }));
  return items.map((e) => `${e.at} ${e.operatorId} ${e.method} ${e.path} (${e.reason === "write" ? "修改" : "查看个人信息"})`);
}

// Leads (landlord): the park's requests as a CSV file (UTF-8 with BOM, for Excel), saved and sent to a chat to open
// on a computer. parseAs "arrayBuffer" keeps the file's bytes as they are.
export async function exportLeads(parkId: string): Promise<void> {
  const csv = await ok(api.GET("/api/parks/{parkId}/leads/export", { params: { path: { parkId } }, parseAs: "arrayBuffer" }));
  const filePath = `${wx.env.USER_DATA_PATH}/leads-${parkId}.csv`;
  wx.getFileSystemManager().writeFileSync(filePath, csv);
  await wx.shareFileMessage({ filePath, fileName: `咨询-${parkId}.csv` });
}

// Leases: the rent roll chosen from a chat, sent as text/csv; then its outcome once processed.
export async function uploadRentRoll(parkId: string): Promise<string> {
  const { tempFiles } = await wx.chooseMessageFile({ count: 1, type: "file", extension: ["csv"] });
  const csv = wx.getFileSystemManager().readFileSync(tempFiles[0].path, "utf8") as string;
  const accepted = await ok(api.POST("/api/parks/{parkId}/leases", { params: { path: { parkId } }, body: csv, ...asFile("text/csv") }));
  return accepted.uploadId; // then afterUpload(parkId, uploadId) until its status is processed or failed
}

// Leases: which units the upload marked leased, its rejected rows, and the latest change to the first unit.
export async function afterUpload(parkId: string, uploadId: string): Promise<string[]> {
  const upload = await ok(api.GET("/api/parks/{parkId}/leases/uploads/{uploadId}", { params: { path: { parkId, uploadId } } }));
  const marked = upload.reconciliation?.markedLeased ?? [];
  const lines = [`${upload.status}: ${upload.rowsAccepted ?? 0} rows accepted, ${upload.rowsRejected ?? 0} rejected`,
    ...upload.errors.map((e) => `第 ${e.row} 行 ${e.column}: ${e.message}`),
    ...marked.map((u) => `${u.unitId} 已出租 until ${u.availableFrom}`)];
  if (marked.length > 0) {
    const { items } = await ok(api.GET("/api/parks/{parkId}/units/{unitId}/history", { params: { path: { parkId, unitId: marked[0].unitId }, query: { limit: 1 } } }));
    lines.push(...items.map((c) => `${c.at} ${c.by}: ${c.changes.map((f) => `${f.field} ${JSON.stringify(f.before)} -> ${JSON.stringify(f.after)}`).join(", ")}`));
  }
  return lines;
}

// Ecosystem (landlord): the park's enterprises: one added, renamed with the ETag it was created with, removed;
// and the whole list replaced from a CSV.
export async function enterprises(parkId: string, csv: string): Promise<string> {
  const created = await api.POST("/api/parks/{parkId}/enterprises", {
    params: { path: { parkId } },
    body: { name: "蓝鲸电池", industry: "新能源汽车", chain: "new-energy-vehicle", segment: "battery-pack", role: "supporting", since: 2021 },
  });
  if (created.error) {
    const problem = toProblem(created.error, created.response);
    if (problem.code === "enterprise_exists") return "已有同名企业";
    throw new ApiError(problem);
  }
  const path = { parkId, enterpriseId: created.data.id };
  const renamed = await ok(api.PUT("/api/parks/{parkId}/enterprises/{enterpriseId}", {
    params: { path, header: { "If-Match": created.response.headers.get("ETag") ?? "*" } },
    body: { name: "蓝鲸电池科技", industry: "新能源汽车", chain: "new-energy-vehicle", segment: "battery-pack", role: "supporting", since: 2021 },
  }));
  await ok(api.DELETE("/api/parks/{parkId}/enterprises/{enterpriseId}", { params: { path, header: { "If-Match": renamed.etag ?? "*" } } }));
  const imported = await ok(api.POST("/api/parks/{parkId}/enterprises/import", { params: { path: { parkId } }, body: csv, ...asFile("text/csv") }));
  return `${imported.enterprises} 家企业`;
}

// ---- Operators ---------------------------------------------------------------------------------------------

// Admin: an operator signed in with the admin role; in Azure the admin routes also need the function key,
// which the operator enters (it is never shipped in the package).
export function operatorClient(functionKey: string) {
  return createParkFinderClient({ baseUrl, headers: { "x-functions-key": functionKey } });
}

// Admin: an invite code for a park's landlord, and the jobs run now.
export async function inviteAndRunJobs(functionKey: string, parkId: string): Promise<string[]> {
  const ops = operatorClient(functionKey);
  const invite = await ok(ops.POST("/api/admin/invites", { body: { parkId } }));
  const trends = await ok(ops.POST("/api/admin/jobs/recalculate-trends"));
  const runs = await ok(ops.GET("/api/admin/jobs/recalculate-trends"));
  const alerts = await ok(ops.POST("/api/admin/jobs/notify-alerts"));
  const stale = await ok(ops.POST("/api/admin/jobs/remind-stale"));
  const purge = await ok(ops.POST("/api/admin/jobs/purge-leads"));
  const index = await ok(ops.POST("/api/admin/index/refresh"));
  return [
    `邀请码 ${invite.inviteCode} (至 ${invite.expiresAt})`,
    `趋势 ${trends.status}: ${trends.series} 个序列; 最近 ${runs.length} 次`,
    `订阅提醒 ${alerts.sent} 条, 过期提醒 ${stale.reminded} 个园区, 清理 ${purge.deleted} 条咨询`,
    `索引 ${index.version}: ${index.parks} 个园区`,
  ];
}

// Admin: catalog imports: parks from a CSV, a published index's scores and an assessment for a park, and the
// indicator tree and ecosystem definitions put back as they are (after an edit in a real console).
export async function catalog(functionKey: string, parksCsv: string, parkId: string): Promise<string[]> {
  const ops = operatorClient(functionKey);
  const imported = await ok(ops.POST("/api/admin/parks", { body: parksCsv, ...asFile("text/csv") }));
  const score = await ok(ops.PUT("/api/admin/parks/{parkId}/external-scores", {
    params: { path: { parkId } },
    body: { source: "2024产业园区未来力指数", date: "2024-10-01", tracks: { "future-information": 91.5 }, total: 78.2, url: null },
  }));
  const tree = await ok(ops.GET("/api/scorecard/indicators"));
  const values: Record<string, number> = {};
  for (const group of tree.groups ?? []) for (const indicator of group.indicators) values[indicator.id] = 80;
  const card = await ok(ops.PUT("/api/admin/parks/{parkId}/scorecard", {
    params: { path: { parkId } },
    body: { assessor: "第三方评估机构", date: "2026-05-01", source: "2026 园区评估", values },
  }));
  await ok(ops.PUT("/api/admin/scorecard/indicators", { body: tree }));
  const [chains, tracks] = await Promise.all([ok(ops.GET("/api/chains")), ok(ops.GET("/api/tracks"))]);
  const definitions = await ok(ops.PUT("/api/admin/ecosystem", { body: { chains, tracks } }));
  return [
    `${imported.parks} 个园区, ${imported.units} 个单元`,
    `${score.source}: ${score.total ?? "-"}`,
    `${parkId}: ${card.stars ?? "-"} 星`,
    `${definitions.chains?.length ?? 0} 条产业链`,
  ];
}
