// ParkFinder's API for the mini-program: typed from the OpenAPI document (src/generated/api.ts,
// made by scripts/client.sh), called with wx.request. Sign-in is wx.login -> our token, kept in
// storage and renewed once when the API answers 401.
import type { components, paths } from "./generated/api";

type Schemas = components["schemas"];
export type Problem = Schemas["Problem"];
export type SearchQuery = NonNullable<paths["/api/parks"]["get"]["parameters"]["query"]>;
export type SearchPage = Schemas["SearchPage"];
export type SearchFilters = Schemas["SearchFilters"];
export type SuggestionList = Schemas["SuggestionList"];
export type MapQuery = NonNullable<paths["/api/parks/map"]["get"]["parameters"]["query"]>;
export type MapResponse = Schemas["MapResponse"];
export type ParkSummary = Schemas["ParkSummary"];
export type ParkDetail = Schemas["ParkDetail"];
export type LeadRequest = Schemas["LeadRequest"];
export type Lead = Schemas["Lead"];
export type ParkComparison = Schemas["ParkComparison"];
export type ParkTracks = Schemas["ParkTracks"];
export type ParkChains = Schemas["ParkChains"];
export type ChainPanorama = Schemas["ChainPanorama"];
export type Scorecard = Schemas["Scorecard"];
export type LeaseUpload = Schemas["LeaseUpload"];
export type UnitHistoryPage = Schemas["UnitHistoryPage"];
type LoginResponse = Schemas["LoginResponse"];

// An answer other than 2xx: the RFC 9457 problem with its stable code (docs/API.md).
export class ApiError extends Error {
  constructor(readonly status: number, readonly problem: Problem) {
    super(`${status} ${problem.code}: ${problem.detail ?? problem.title}`);
  }
}

type Query = Record<string, string | number | boolean | ReadonlyArray<string | number> | null | undefined>;

interface Call {
  query?: Query;
  body?: WechatMiniprogram.IAnyObject;
  signedIn?: boolean; // needs our token: signs in first, and once more on 401
}

const TokenKey = "parkfinder.token";

export class ParkFinderClient {
  private token: string | null;

  // baseUrl: the function app, e.g. https://parkfinder.azurewebsites.net (a request domain in the WeChat console).
  constructor(private readonly baseUrl: string) {
    this.token = (wx.getStorageSync(TokenKey) as string) || null;
  }

  // wx.login's one-time code for our token; session_key never leaves the server.
  async signIn(): Promise<LoginResponse> {
    const code = await new Promise<string>((resolve, reject) =>
      wx.login({ success: (r) => resolve(r.code), fail: (e) => reject(new Error(e.errMsg)) }));
    const login = await this.send<LoginResponse>("POST", "/api/auth/wechat", { body: { code } });
    this.token = login.token;
    wx.setStorageSync(TokenKey, login.token);
    return login;
  }

  searchParks(query: SearchQuery): Promise<SearchPage> {
    return this.send<SearchPage>("GET", "/api/parks", { query });
  }

  // Parks near where the user stands: wx.getLocation gives GCJ-02, as the API expects.
  async searchNearMe(query: Omit<SearchQuery, "lat" | "lng" | "radiusKm">, radiusKm = 30): Promise<SearchPage> {
    const here = await new Promise<WechatMiniprogram.GetLocationSuccessCallbackResult>((resolve, reject) =>
      wx.getLocation({ type: "gcj02", success: resolve, fail: (e) => reject(new Error(e.errMsg)) }));
    return this.searchParks({ ...query, lat: here.latitude, lng: here.longitude, radiusKm, sort: query.sort ?? "distance" });
  }

  // As the user types in the search box: places, parks, industries, space types, chains and tracks,
  // each with the search parameters it stands for (`filter`) and how many parks they find.
  suggest(q: string, limit = 8): Promise<SuggestionList> {
    return this.send<SuggestionList>("GET", "/api/suggest", { query: { q, limit } });
  }

  // The map: the visible region from <map>'s getRegion (GCJ-02) and its scale as zoom; clusters or parks.
  mapParks(query: MapQuery): Promise<MapResponse> {
    return this.send<MapResponse>("GET", "/api/parks/map", { query });
  }

  getPark(parkId: string): Promise<ParkDetail> {
    return this.send<ParkDetail>("GET", `/api/parks/${encodeURIComponent(parkId)}`, {});
  }

  // 2 to 4 parks side by side: rents, vacancy, track hexagons, chain coverage, policies.
  compareParks(parkIds: string[]): Promise<ParkComparison> {
    return this.send<ParkComparison>("GET", "/api/parks/compare", { query: { ids: parkIds.join(",") } });
  }

  // The park's future-industry scores, each with what produced it (enterprises, leased-area share).
  getParkTracks(parkId: string): Promise<ParkTracks> {
    return this.send<ParkTracks>("GET", `/api/parks/${encodeURIComponent(parkId)}/tracks`, {});
  }

  // The park's industry chains: each segment's enterprises, anchors first, and the gaps.
  getParkChains(parkId: string): Promise<ParkChains> {
    return this.send<ParkChains>("GET", `/api/parks/${encodeURIComponent(parkId)}/chains`, {});
  }

  // A chain across a city's (or district's) parks: segments x parks.
  getChainPanorama(chainId: string, place: { city?: string; district?: string }): Promise<ChainPanorama> {
    return this.send<ChainPanorama>("GET", `/api/chains/${encodeURIComponent(chainId)}/panorama`, { query: place });
  }

  // What the park's stars rest on: assessed figures with their sources, and what we measure.
  getScorecard(parkId: string): Promise<Scorecard> {
    return this.send<Scorecard>("GET", `/api/parks/${encodeURIComponent(parkId)}/scorecard`, {});
  }

  // 立即咨询: the park's landlords read it; content passes WeChat's check first (422 content_rejected if not).
  sendConsultRequest(parkId: string, request: LeadRequest): Promise<Lead> {
    return this.send<Lead>("POST", `/api/parks/${encodeURIComponent(parkId)}/leads`, { body: request, signedIn: true });
  }

  // Landlords: an uploaded lease file's outcome, its rejected rows and what it did to the units (reconciliation).
  getLeaseUpload(parkId: string, uploadId: string): Promise<LeaseUpload> {
    return this.send<LeaseUpload>("GET", `/api/parks/${encodeURIComponent(parkId)}/leases/uploads/${encodeURIComponent(uploadId)}`, { signedIn: true });
  }

  // Landlords: who changed a unit, when, and what (newest first; pass nextCursor for the next page).
  getUnitHistory(parkId: string, unitId: string, page: { limit?: number; cursor?: string } = {}): Promise<UnitHistoryPage> {
    return this.send<UnitHistoryPage>("GET", `/api/parks/${encodeURIComponent(parkId)}/units/${encodeURIComponent(unitId)}/history`,
      { query: page, signedIn: true });
  }

  private async send<T>(method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", path: string, call: Call, retried = false): Promise<T> {
    if (call.signedIn && !this.token) await this.signIn();
    const response = await new Promise<WechatMiniprogram.RequestSuccessCallbackResult>((resolve, reject) =>
      wx.request({
        url: this.baseUrl + path + queryString(call.query),
        method: method as WechatMiniprogram.RequestOption["method"],
        data: call.body,
        header: call.signedIn && this.token ? { Authorization: `Bearer ${this.token}` } : {},
        success: resolve,
        fail: (e) => reject(new Error(e.errMsg)),
      }));
    if (response.statusCode === 401 && call.signedIn && !retried) {
      this.token = null;
      wx.removeStorageSync(TokenKey);
      return this.send<T>(method, path, call, true);
    }
    if (response.statusCode >= 400) throw new ApiError(response.statusCode, response.data as Problem);
    return response.data as T;
  }
}

// Repeated parameters (spaceType, industry, tag) are sent once per value, as the API reads them.
function queryString(query: Query | undefined): string {
  if (!query) return "";
  const parts: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    for (const v of Array.isArray(value) ? value : [value]) parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(String(v))}`);
  }
  return parts.length === 0 ? "" : "?" + parts.join("&");
}
