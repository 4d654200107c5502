// ParkFinder's API for the mini-program. Every operation of the OpenAPI document is a call of openapi-fetch,
// typed by src/generated/api.ts (made from the document by scripts/client.sh), sent with wx.request through
// ./wx-fetch: api.GET("/api/parks", { params: { query: { q: "苏州 厂房 2000平以上" } } }). A new route needs
// no code here, only the regenerated types.
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { components, paths } from "./generated/api";
import { WxRequest, wxFetch, wxResponseType } from "./wx-fetch";

export type { paths };
export type Schemas = components["schemas"];
// Every error answer of the API: RFC 9457 with a stable `code` (docs/API.md); `errors` per parameter or field.
export type Problem = Schemas["Problem"];
export type ParkFinderClient = Client<paths>;

type Token = string | null | undefined;

export interface ParkFinderOptions {
  // The function app, e.g. https://parkfinder.azurewebsites.net (a request domain in the WeChat console).
  baseUrl: string;
  // The token to send, if any; by default the one signIn stored.
  getToken?: () => Token | Promise<Token>;
  // A new token after a 401 (the token expired, or the call needs one and there was none); the call is then
  // sent once more with it. By default signIn (wx.login, silent). Return nothing to keep the 401.
  renewToken?: () => Promise<Token>;
  // Headers for every call, e.g. an operator's { "x-functions-key": key } for the admin routes in Azure.
  headers?: Record<string, string>;
  // wx.request's timeout in ms (60000 by default); a call may pass its own `timeout`.
  timeout?: number;
}

const SignInPath = "/api/auth/wechat";
const TokenKey = "parkfinder.token";

export function createParkFinderClient(options: ParkFinderOptions): ParkFinderClient {
  const { baseUrl, getToken = storedToken, headers, timeout } = options;
  const api = createClient<paths>({ baseUrl, fetch: wxFetch, Request: WxRequest, headers, timeout });
  const renewToken = options.renewToken ?? (async () => (await signIn(api)).token);
  api.use(wxResponseType, bearer(getToken, renewToken));
  return api;
}

// Authorization: Bearer <token> on every call that has one, and one renewal on 401. Sign-in itself is sent
// without a token and never renewed (it is what makes the token).
function bearer(getToken: () => Token | Promise<Token>, renewToken: () => Promise<Token>): Middleware {
  let renewing: Promise<Token> | null = null; // calls answered 401 together share one sign-in
  return {
    async onRequest({ request, schemaPath }) {
      if (schemaPath === SignInPath) return;
      const token = await getToken();
      if (token) request.headers.set("Authorization", `Bearer ${token}`);
    },
    async onResponse({ request, response, schemaPath }) {
      if (response.status !== 401 || schemaPath === SignInPath) return;
      renewing = renewing ?? renewToken().catch((): Token => null).then((t) => ((renewing = null), t));
      const token = await renewing;
      if (!token) return; // the 401 stands
      const again = new WxRequest(request.url, request);
      again.headers.set("Authorization", `Bearer ${token}`);
      return wxFetch(again);
    },
  };
}

export function storedToken(): string | null {
  return (wx.getStorageSync(TokenKey) as string) || null;
}

// Keeps a token from the API for later calls (signIn's, or the landlord-role one POST /api/landlord/bind answers).
export function storeToken(token: string): void {
  wx.setStorageSync(TokenKey, token);
}

// wx.login's one-time code for our token (kept in storage); session_key never leaves the server.
export async function signIn(api: ParkFinderClient): Promise<Schemas["LoginResponse"]> {
  const code = await new Promise<string>((resolve, reject) =>
    wx.login({ success: (r) => resolve(r.code), fail: (e) => reject(new Error(e.errMsg)) }));
  const login = await ok(api.POST("/api/auth/wechat", { body: { code } }));
  storeToken(login.token);
  return login;
}

// An error answer as a Problem. openapi-fetch gives the problem+json body parsed as `error`; a body that is
// not one (a gateway's HTML page, an empty 502) becomes a problem with code "http_<status>", so a page
// switches on `code` alone.
export function toProblem(error: unknown, response: Response): Problem {
  if (error !== null && typeof error === "object" && typeof (error as Problem).code === "string") return error as Problem;
  return { status: response.status, title: `HTTP ${response.status}`, code: `http_${response.status}`, detail: typeof error === "string" ? error.slice(0, 200) : undefined };
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(`${problem.status} ${problem.code}: ${problem.detail ?? problem.title}`);
  }
}

// A call's data, or ApiError with its problem: for a page that shows every problem the same way.
//   const park = await ok(api.GET("/api/parks/{parkId}", { params: { path: { parkId } } }));
export async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(toProblem(error, response));
  return data as T;
}

// The options that send a file as the body (a lease file, an enterprise or park CSV) as it is, with its
// content type; openapi-fetch would otherwise send it JSON-encoded.
//   api.POST("/api/parks/{parkId}/leases", { params: { path: { parkId } }, body: csv, ...asFile("text/csv") })
export function asFile(contentType: string): { bodySerializer: (body: unknown) => unknown; headers: { "Content-Type": string } } {
  return { bodySerializer: (body) => body, headers: { "Content-Type": contentType } };
}
