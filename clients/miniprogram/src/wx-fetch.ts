// Just enough of the Fetch API for openapi-fetch 0.17.0, over wx.request. The mini-program runtime has no
// fetch, Request, Response, Headers or FormData; openapi-fetch builds a Request (with the class it is given),
// hands it to the fetch it is given, and reads the Response. Only what it touches is here: a request's url,
// method, headers and body; a response's status, ok, headers, text(), json() and arrayBuffer().
//
// Use: createClient({ baseUrl, fetch: wxFetch, Request: WxRequest }) and client.use(wxResponseType).
import type { Middleware } from "openapi-fetch";

// A header list with case-insensitive names. openapi-fetch merges headers with `new Headers()`, reads
// entries(), and calls get/set/delete/append; middlewares use has/set.
export class WxHeaders {
  private readonly values: { [lowerCaseName: string]: string } = {};

  constructor(init?: HeadersInit | WechatMiniprogram.IAnyObject) {
    if (!init) return;
    if (Array.isArray(init)) for (const [name, value] of init) this.append(name, value);
    else if (typeof init.forEach === "function") (init as WxHeaders).forEach((value, name) => this.append(name, value));
    else for (const name of Object.keys(init)) this.append(name, String((init as WechatMiniprogram.IAnyObject)[name]));
  }
  get(name: string): string | null {
    const value = this.values[name.toLowerCase()];
    return value === undefined ? null : value;
  }
  has(name: string): boolean {
    return this.values[name.toLowerCase()] !== undefined;
  }
  set(name: string, value: string): void {
    this.values[name.toLowerCase()] = String(value);
  }
  append(name: string, value: string): void {
    const before = this.get(name);
    this.set(name, before === null ? value : `${before}, ${value}`);
  }
  delete(name: string): void {
    delete this.values[name.toLowerCase()];
  }
  forEach(callback: (value: string, name: string) => void): void {
    for (const name of Object.keys(this.values)) callback(this.values[name], name);
  }
  entries(): IterableIterator<[string, string]> {
    return Object.keys(this.values).map((name): [string, string] => [name, this.values[name]])[Symbol.iterator]();
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}

export type WxResponseType = "text" | "arraybuffer";

// What openapi-fetch builds with `new Request(url, init)`: it copies the client's and the call's options
// into init, so `timeout` (ms; given to createClient or to one call) arrives here too.
export class WxRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: WxHeaders;
  readonly body: string | ArrayBuffer | undefined;
  timeout: number | undefined;
  // How wx.request should hand over the body: set from the call's parseAs by wxResponseType.
  responseType: WxResponseType;

  constructor(url: string, init: RequestInit & { responseType?: WxResponseType } = {}) {
    this.url = url;
    this.method = (init.method ?? "GET").toUpperCase();
    this.headers = new WxHeaders(init.headers);
    this.body = init.body ?? undefined;
    this.timeout = init.timeout;
    this.responseType = init.responseType ?? "text";
  }
}

// What wxFetch resolves with, and what a middleware may build with `new Response(body, { status, headers })`.
// The body is kept as wx.request gave it (a string, or an ArrayBuffer when asked for one) and converted on read.
export class WxResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly statusText = "";
  readonly headers: WxHeaders;
  // No streams in the mini-program: parseAs "stream" gets null.
  readonly body: null = null;
  private readonly data: string | ArrayBuffer;

  constructor(data?: string | ArrayBuffer | null, init: { status?: number; headers?: HeadersInit | WechatMiniprogram.IAnyObject } = {}) {
    this.data = data ?? "";
    this.status = init.status ?? 200;
    this.ok = this.status >= 200 && this.status < 300;
    this.headers = new WxHeaders(init.headers);
  }
  // openapi-fetch reads every error body with text() (a problem+json is parsed from it), also when the call
  // asked for an ArrayBuffer, so both forms convert.
  text(): Promise<string> {
    return Promise.resolve(typeof this.data === "string" ? this.data : utf8Decode(this.data));
  }
  json(): Promise<any> {
    return this.text().then((text) => JSON.parse(text));
  }
  arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(typeof this.data === "string" ? utf8Encode(this.data) : this.data);
  }
  blob(): Promise<never> {
    return Promise.reject(new TypeError("no Blob in the mini-program: use parseAs \"arrayBuffer\""));
  }
}

// The methods wx.request knows. It has no PATCH: such a call goes as POST with X-HTTP-Method-Override naming
// the method, which the API must honour for its PATCH routes.
const WxMethods = ["OPTIONS", "GET", "HEAD", "POST", "PUT", "DELETE", "TRACE", "CONNECT"] as const;
type WxMethod = (typeof WxMethods)[number];

// fetch over wx.request. Like fetch, any HTTP status resolves; only a failed exchange (no network, a domain
// not in the console's list, the timeout) rejects.
export function wxFetch(request: WxRequest): Promise<WxResponse> {
  const header: { [name: string]: string } = {};
  request.headers.forEach((value, name) => (header[name] = value));
  let method = request.method as WxMethod;
  if (!(WxMethods as ReadonlyArray<string>).includes(method)) {
    header["x-http-method-override"] = request.method;
    method = "POST";
  }
  return new Promise((resolve, reject) => {
    wx.request({
      url: request.url,
      method,
      header,
      // Already serialized by openapi-fetch (JSON text) or the caller (a file's text or bytes): sent as is.
      data: request.body,
      // Anything but "json": wx.request would JSON.parse the body itself; openapi-fetch parses it (or not, for CSV).
      dataType: "text",
      responseType: request.responseType,
      timeout: request.timeout,
      success: (res) => resolve(new WxResponse(res.data as string | ArrayBuffer, { status: res.statusCode, headers: res.header })),
      fail: (err) => reject(new TypeError(`wx.request ${request.method} ${request.url}: ${err.errMsg}`)),
    });
  });
}

// A middleware that asks wx.request for an ArrayBuffer when the call says parseAs "arrayBuffer" (a CSV to save
// as a file), else for text. fetch cannot see parseAs; a middleware can, before the request is sent.
export const wxResponseType: Middleware = {
  onRequest({ request, options }) {
    request.responseType = options.parseAs === "arrayBuffer" ? "arraybuffer" : "text";
  },
};

// The mini-program's engine has no TextDecoder/TextEncoder; escape/unescape with the URI functions convert
// between UTF-8 bytes and strings (chunked, so a large file does not overflow the argument list).
function utf8Decode(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode.apply(null, Array.from(bytes.subarray(i, i + 0x8000)));
  try {
    return decodeURIComponent(escape(binary));
  } catch {
    return binary; // not UTF-8: a byte a character rather than nothing
  }
}

function utf8Encode(text: string): ArrayBuffer {
  const binary = unescape(encodeURIComponent(text));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

// openapi-fetch names three globals directly, whatever Request and fetch it is given: `new Headers()` to merge
// headers, `instanceof FormData` on every body, `instanceof Response` on what a middleware returns. Installed
// only where the runtime lacks them (the mini-program); FormData as an empty class, as nothing is ever one.
const root = globalThis as unknown as { Headers?: unknown; Response?: unknown; FormData?: unknown };
if (typeof root.Headers === "undefined") root.Headers = WxHeaders;
if (typeof root.Response === "undefined") root.Response = WxResponse;
if (typeof root.FormData === "undefined") root.FormData = class FormData {};

// openapi-fetch's types name the Fetch API (RequestInit, Request, Response, Headers, fetch). The mini-program
// compiles without the DOM lib, so here they are this adapter's classes; Request and fetch are declared
// possibly undefined, as the runtime has none (the client passes WxRequest and wxFetch).
declare global {
  type HeadersInit = WxHeaders | [string, string][] | { [name: string]: string };
  interface RequestInit {
    method?: string;
    headers?: HeadersInit;
    body?: string | ArrayBuffer | null;
    // wx.request's timeout in ms (its default is 60000).
    timeout?: number;
    redirect?: string;
  }
  interface Headers extends WxHeaders {}
  interface Request extends WxRequest {}
  interface Response extends WxResponse {}
  var Headers: typeof WxHeaders;
  var Response: typeof WxResponse;
  var Request: typeof WxRequest | undefined;
  var fetch: ((request: Request) => Promise<Response>) | undefined;
}
