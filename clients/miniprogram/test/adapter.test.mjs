// The mini-program client at run time, without a mini-program: src/wx-fetch.ts and src/client.ts (transpiled to
// CommonJS as they are) with openapi-fetch, in a node without fetch, Request, Response, Headers or FormData, over a
// fake wx.request made of node's http that behaves as WeChat's does (only its eight methods, JSON.parse unless
// dataType says otherwise, text or ArrayBuffer bodies, response header names as sent), against a local server.
// Run by scripts/client.sh: node --test clients/miniprogram/test/adapter.test.mjs
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../../..");
// Under the repository's node_modules, so the transpiled client finds openapi-fetch as a mini-program build would.
const out = path.join(root, "node_modules/.cache/parkfinder-miniprogram-test");

const csv = "\uFEFF提交时间,园区,姓名,电话\r\n2026-05-01 10:00,苏州纳米城,王先生,'=13800138000\r\n";
const problem = (status, code, detail) => ({ type: `https://httpstatuses.io/${status}`, title: "Problem", status, detail, code });

let server;
let base;
let client; // the transpiled src/client.ts
const seen = []; // what the server received: { method, url, headers, body }
const wxCalls = []; // the options wx.request was called with
const storage = new Map();

// The API's side of the calls below, as the functions answer them.
function answer(req, body, res) {
  const url = new URL(req.url, "http://x");
  const send = (status, value, headers = {}) => {
    const text = value === undefined ? undefined : JSON.stringify(value);
    const type = status >= 400 ? "application/problem+json" : "application/json; charset=utf-8";
    res.writeHead(status, { ...(text === undefined ? {} : { "Content-Type": type }), ...headers });
    res.end(text);
  };
  const route = `${req.method} ${url.pathname}`;
  if (url.pathname.startsWith("/slow/")) return setTimeout(() => res.destroyed || send(200, { status: "ok", storage: "ok" }), 1000);
  switch (route) {
    case "GET /api/parks":
      return send(200, { items: [{ id: "p-1", name: "苏州纳米城" }], nextCursor: null, total: 1 });
    case "GET /api/parks/p-404":
      return send(404, problem(404, "park_not_found", "没有这个园区"));
    case "POST /api/parks/p-1/leads":
      return send(201, { id: "l-1", parkId: "p-1", ...JSON.parse(body.toString("utf8")), status: "new" }, { ETag: '"l1"' });
    case "GET /api/parks/p-1/leads/export":
      res.writeHead(200, { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": "attachment; filename=leads.csv" });
      return res.end(Buffer.from(csv, "utf8"));
    case "GET /api/parks/p-2/leads/export":
      return send(403, problem(403, "forbidden", "不是这个园区的房东"));
    case "POST /api/parks/p-1/leases":
      return send(202, { uploadId: "up-1", status: "received" });
    case "POST /api/parks/p-1/units/u-1": // PATCH, as wx.request must send it
      if (req.headers["x-http-method-override"] !== "PATCH") return send(405, problem(405, "method_not_allowed", "POST"));
      if (req.headers["if-match"] !== '"e1"') return send(412, problem(412, "etag_mismatch", "changed meanwhile"));
      return send(200, { id: "u-1", ...JSON.parse(body.toString("utf8")), etag: '"e2"' }, { ETag: '"e2"' });
    case "DELETE /api/me/favorites/p-1":
      return send(204);
    case "POST /api/auth/wechat": {
      const { code } = JSON.parse(body.toString("utf8"));
      return send(200, { token: `t-${code}`, expiresAt: "2026-12-31T00:00:00Z", user: { id: "u-9", roles: ["investor"], parkIds: [] } });
    }
    case "GET /api/me/leads":
      if (req.headers.authorization !== "Bearer t-c1") return send(401, problem(401, "invalid_token", "sign in"));
      return send(200, { items: [], nextCursor: null });
    default:
      return send(404, problem(404, "not_found", route));
  }
}

// wx.request as WeChat documents it, over node's http.
function wxRequest(opts) {
  wxCalls.push(opts);
  let done = false;
  const fail = (errMsg) => done || ((done = true), opts.fail?.({ errMsg }));
  const method = opts.method ?? "GET";
  if (!["OPTIONS", "GET", "HEAD", "POST", "PUT", "DELETE", "TRACE", "CONNECT"].includes(method)) return fail("request:fail invalid method");
  if (opts.data !== undefined && typeof opts.data !== "string" && !(opts.data instanceof ArrayBuffer)) return fail("test: wx.request would re-encode this body");
  const req = http.request(opts.url, { method, headers: opts.header ?? {} }, (res) => {
    const chunks = [];
    res.on("data", (c) => chunks.push(c));
    res.on("end", () => {
      if (done) return;
      done = true;
      const bytes = Buffer.concat(chunks);
      let data = opts.responseType === "arraybuffer" ? bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) : bytes.toString("utf8");
      if ((opts.dataType ?? "json") === "json" && typeof data === "string") try { data = JSON.parse(data); } catch { /* stays text */ }
      const header = {};
      for (let i = 0; i < res.rawHeaders.length; i += 2) header[res.rawHeaders[i]] = res.rawHeaders[i + 1];
      opts.success?.({ statusCode: res.statusCode, header, data, cookies: [], errMsg: "request:ok" });
    });
  });
  if (opts.timeout) req.setTimeout(opts.timeout, () => { fail("request:fail timeout"); req.destroy(); });
  req.on("error", (e) => fail(`request:fail ${e.message}`));
  if (opts.data !== undefined) req.write(typeof opts.data === "string" ? opts.data : Buffer.from(opts.data));
  req.end();
}

before(async () => {
  for (const name of ["fetch", "Request", "Response", "Headers", "FormData"]) delete globalThis[name];
  globalThis.wx = {
    request: wxRequest,
    login: ({ success }) => success({ code: "c1", errMsg: "login:ok" }),
    getStorageSync: (key) => storage.get(key) ?? "",
    setStorageSync: (key, value) => storage.set(key, value),
  };
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  for (const name of ["wx-fetch", "client"]) {
    const source = fs.readFileSync(path.join(root, "clients/miniprogram/src", `${name}.ts`), "utf8");
    const { outputText } = ts.transpileModule(source, {
      fileName: `${name}.ts`,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2017, esModuleInterop: true },
    });
    fs.writeFileSync(path.join(out, `${name}.js`), outputText);
  }
  client = createRequire(path.join(out, "client.js"))("./client.js");

  server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      seen.push({ method: req.method, url: new URL(req.url, "http://x"), headers: req.headers, body });
      answer(req, body, res);
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});

after(() => {
  server?.closeAllConnections();
  server?.close();
  fs.rmSync(out, { recursive: true, force: true });
});

const last = () => seen[seen.length - 1];
const lastWx = () => wxCalls[wxCalls.length - 1];

test("runs without the Fetch API: the adapter installs only what openapi-fetch names", () => {
  assert.equal(globalThis.fetch, undefined);
  assert.equal(globalThis.Request, undefined);
  assert.equal(globalThis.Headers?.name, "WxHeaders");
  assert.equal(globalThis.Response?.name, "WxResponse");
  assert.equal(typeof globalThis.FormData, "function");
});

test("a JSON GET: query with repeated parameters, the stored token, text from wx.request parsed by openapi-fetch", async () => {
  storage.set("parkfinder.token", "t-0");
  const api = client.createParkFinderClient({ baseUrl: base });
  const { data, error, response } = await api.GET("/api/parks", { params: { query: { q: "苏州 厂房 2000平以上", spaceType: ["factory", "warehouse"], limit: 2 } } });
  assert.equal(error, undefined);
  assert.equal(response.status, 200);
  assert.deepEqual(data, { items: [{ id: "p-1", name: "苏州纳米城" }], nextCursor: null, total: 1 });
  const got = last();
  assert.equal(got.method, "GET");
  assert.equal(got.url.searchParams.get("q"), "苏州 厂房 2000平以上");
  assert.deepEqual(got.url.searchParams.getAll("spaceType"), ["factory", "warehouse"]);
  assert.equal(got.url.searchParams.get("limit"), "2");
  assert.equal(got.headers.authorization, "Bearer t-0");
  assert.equal(got.body.length, 0);
  assert.notEqual(lastWx().dataType ?? "json", "json");
  assert.equal(lastWx().responseType, "text");
});

test("a POST with a JSON body: sent once encoded, with its content type; 201 and the ETag header read", async () => {
  const api = client.createParkFinderClient({ baseUrl: base, getToken: () => "t-0" });
  const body = { category: "factory-warehouse", name: "王先生", phone: "13800138000", message: "想了解厂房", spaceType: "factory", area: 2000, consent: true };
  const { data, response } = await api.POST("/api/parks/{parkId}/leads", { params: { path: { parkId: "p-1" } }, body });
  assert.equal(last().headers["content-type"], "application/json");
  assert.deepEqual(JSON.parse(last().body.toString("utf8")), body);
  assert.equal(response.status, 201);
  assert.equal(response.headers.get("etag"), '"l1"');
  assert.equal(data.id, "l-1");
  assert.equal(data.name, "王先生");
});

test("a problem: error is the parsed application/problem+json; toProblem and ok() give its code", async () => {
  const api = client.createParkFinderClient({ baseUrl: base, getToken: () => null });
  const { data, error, response } = await api.GET("/api/parks/{parkId}", { params: { path: { parkId: "p-404" } } });
  assert.equal(data, undefined);
  assert.equal(response.status, 404);
  assert.equal(response.ok, false);
  assert.equal(error.code, "park_not_found");
  assert.equal(client.toProblem(error, response).detail, "没有这个园区");
  assert.equal(last().headers.authorization, undefined);
  await assert.rejects(client.ok(api.GET("/api/parks/{parkId}", { params: { path: { parkId: "p-404" } } })),
    (e) => e instanceof client.ApiError && e.problem.code === "park_not_found" && e.message === "404 park_not_found: 没有这个园区");
});

test("a text/csv download: as text, as an ArrayBuffer with its exact bytes, and a problem when asked for bytes", async () => {
  const api = client.createParkFinderClient({ baseUrl: base, getToken: () => "t-0" });
  const text = await client.ok(api.GET("/api/parks/{parkId}/leads/export", { params: { path: { parkId: "p-1" } }, parseAs: "text" }));
  assert.equal(text, csv);
  assert.equal(lastWx().responseType, "text");
  const bytes = await client.ok(api.GET("/api/parks/{parkId}/leads/export", { params: { path: { parkId: "p-1" } }, parseAs: "arrayBuffer" }));
  assert.equal(lastWx().responseType, "arraybuffer");
  assert.ok(bytes instanceof ArrayBuffer);
  assert.ok(Buffer.from(bytes).equals(Buffer.from(csv, "utf8")));
  assert.deepEqual([...new Uint8Array(bytes, 0, 3)], [0xef, 0xbb, 0xbf]);
  const { error, response } = await api.GET("/api/parks/{parkId}/leads/export", { params: { path: { parkId: "p-2" } }, parseAs: "arrayBuffer" });
  assert.equal(response.status, 403);
  assert.equal(error.code, "forbidden");
  assert.equal(error.detail, "不是这个园区的房东");
});

test("a file upload: the CSV text sent as it is with asFile's content type", async () => {
  const api = client.createParkFinderClient({ baseUrl: base, getToken: () => "t-0" });
  const { data, response } = await api.POST("/api/parks/{parkId}/leases", { params: { path: { parkId: "p-1" } }, body: csv, ...client.asFile("text/csv") });
  assert.equal(response.status, 202);
  assert.equal(data.uploadId, "up-1");
  assert.equal(last().headers["content-type"], "text/csv");
  assert.ok(last().body.equals(Buffer.from(csv, "utf8")));
});

test("PATCH, which wx.request lacks: sent as POST with X-HTTP-Method-Override, If-Match from params.header", async () => {
  const api = client.createParkFinderClient({ baseUrl: base, getToken: () => "t-0" });
  const call = (etag) => api.PATCH("/api/parks/{parkId}/units/{unitId}", {
    params: { path: { parkId: "p-1", unitId: "u-1" }, header: { "If-Match": etag } },
    body: { status: "reserved" },
  });
  const { data, response } = await call('"e1"');
  assert.equal(lastWx().method, "POST");
  assert.equal(last().headers["x-http-method-override"], "PATCH");
  assert.equal(last().headers["if-match"], '"e1"');
  assert.equal(response.status, 200);
  assert.equal(data.status, "reserved");
  assert.equal(response.headers.get("ETag"), '"e2"');
  const stale = await call('"e0"');
  assert.equal(stale.response.status, 412);
  assert.equal(stale.error.code, "etag_mismatch");
});

test("204 No Content: neither data nor error", async () => {
  const api = client.createParkFinderClient({ baseUrl: base, getToken: () => "t-0" });
  const { data, error, response } = await api.DELETE("/api/me/favorites/{parkId}", { params: { path: { parkId: "p-1" } } });
  assert.equal(response.status, 204);
  assert.equal(data, undefined);
  assert.equal(error, undefined);
  assert.equal(last().method, "DELETE");
});

test("401 (an expired token): signs in (wx.login -> POST /api/auth/wechat, sent without a token), stores the new token, repeats the call once", async () => {
  storage.set("parkfinder.token", "t-expired");
  const api = client.createParkFinderClient({ baseUrl: base });
  const from = seen.length;
  const { data, error } = await api.GET("/api/me/leads", { params: { query: { limit: 20 } } });
  assert.equal(error, undefined);
  assert.deepEqual(data, { items: [], nextCursor: null });
  const calls = seen.slice(from).map((r) => `${r.method} ${r.url.pathname} ${r.headers.authorization ?? "-"}`);
  assert.deepEqual(calls, ["GET /api/me/leads Bearer t-expired", "POST /api/auth/wechat -", "GET /api/me/leads Bearer t-c1"]);
  assert.deepEqual(JSON.parse(seen[from + 1].body.toString("utf8")), { code: "c1" });
  assert.equal(seen[from + 2].url.searchParams.get("limit"), "20");
  assert.equal(storage.get("parkfinder.token"), "t-c1");
});

test("timeout: given to wx.request; a call that outlasts it rejects", async () => {
  const api = client.createParkFinderClient({ baseUrl: `${base}/slow`, getToken: () => null, timeout: 100 });
  await assert.rejects(api.GET("/api/health"), /timeout/);
  assert.equal(lastWx().timeout, 100);
});

test("a middleware's own Response passes openapi-fetch's instanceof Response check", async () => {
  const api = client.createParkFinderClient({ baseUrl: base, getToken: () => null });
  api.use({ onRequest: () => new Response(JSON.stringify({ status: "ok", storage: "cached" }), { status: 200, headers: { "Content-Type": "application/json" } }) });
  const before = wxCalls.length;
  const { data } = await api.GET("/api/health");
  assert.deepEqual(data, { status: "ok", storage: "cached" });
  assert.equal(wxCalls.length, before);
});
