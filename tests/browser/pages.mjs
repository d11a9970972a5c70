// Drives the two HTML pages in headless Chromium (Debian's, through playwright-core):
//   node tests/browser/pages.mjs <finesse-errors binary> <out dir> [<docs dir>]
// The knowledge-base page must give, for every query here, exactly the entries (and order and
// match form) that `finesse-errors lookup --format json` gives; `#q=` must work; the report of
// the incident fixture must show its codes, a non-empty timeline, and no markup from the log.
// Screenshots go to <out dir>/screenshots; with <docs dir>, small copies for the README too.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync, readFileSync, copyFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [bin, outDir, docsDir] = process.argv.slice(2);
if (!bin || !outDir) {
  console.error("usage: pages.mjs <finesse-errors> <out dir> [<docs dir>]");
  process.exit(2);
}
const require = createRequire(path.resolve(outDir, "browser") + "/");
const { chromium } = require("playwright-core");
const shots = path.join(outDir, "screenshots");
mkdirSync(shots, { recursive: true });
const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");

let failures = 0;
function check(ok, what) {
  if (!ok) {
    failures++;
    console.error("FAIL: " + what);
  }
}

// The CLI's answer for a query, as the page reports it.
function cli(query) {
  let out;
  try {
    out = execFileSync(bin, ["lookup", "--format", "json", query], { encoding: "utf8", maxBuffer: 64 << 20 });
  } catch (e) {
    if (e.status === 1) return [];
    throw e;
  }
  const parsed = JSON.parse(out);
  return (Array.isArray(parsed) ? parsed : [parsed]).map((e) => ({
    family: e.family, symbol: e.symbol, code: e.code, http_status: e.http_status,
    platform: e.platform, matched_by: e.matched_by,
  }));
}

const kbPath = path.join(outDir, "kb.html");
writeFileSync(kbPath, execFileSync(bin, ["export", "--format", "html"], { maxBuffer: 64 << 20 }));
const reportPath = path.join(outDir, "report.html");
// Relative, so that the page (and its screenshot) names the fixture as the README shows it.
execFileSync(path.resolve(bin), ["scan", "--report", path.resolve(reportPath), "cli/tests/fixtures/incident.log"],
  { cwd: repo });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox"],
});
try {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  // Offline: any request that is not the file itself fails the test.
  const requests = [];
  context.on("request", (r) => { if (!r.url().startsWith("file:")) requests.push(r.url()); });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const kbUrl = pathToFileURL(kbPath).href;

  // #q= from the URL.
  await page.goto(kbUrl + "#q=22");
  await page.waitForSelector("#results article");
  check(await page.inputValue("#q") === "22", "#q=22 fills the query box");
  const shown = async () => page.$$eval("#results article", (as) =>
    as.map((a) => a.dataset.family + " " + a.dataset.symbol));
  const expect22 = cli("22").map((e) => e.family + " " + e.symbol);
  check(JSON.stringify(await shown()) === JSON.stringify(expect22),
    "#q=22 shows the CLI's candidates: " + JSON.stringify(await shown()));
  check(expect22.length > 1, "22 is a code of several families");
  await page.screenshot({ path: path.join(shots, "kb-22.png"), fullPage: false });
  await page.goto(kbUrl + "#q=265&family=cti_control_failure");
  await page.waitForSelector("#results article");
  check(await page.inputValue("#family") === "cti_control_failure", "#family= sets the family");
  check(JSON.stringify(await shown()) === JSON.stringify(["cti_control_failure CF_INVALID_AGENT_WORKMODE"]),
    "#q=265&family= shows the one entry");
  // Values no entry holds, in a decoding family, decode as `finesse-errors decode` does.
  const decodeCli = (what, v) => {
    try {
      return JSON.parse(execFileSync(bin, ["decode", what, v, "--format", "json"], { encoding: "utf8" }));
    } catch (e) {
      if (e.status === 1) return JSON.parse(e.stdout);
      throw e;
    }
  };
  for (const v of ["0x3", "0x11", "0x1F", "0x80000010", "0x80000000", "24"]) {
    await page.goto(kbUrl + "#q=" + v + "&family=cti_pg_status");
    await page.waitForFunction(() => document.getElementById("status").textContent !== "");
    const want = decodeCli("pg-status", v);
    const got = await shown();
    const wantFlags = want.flags.map((f) => "cti_pg_status " + f.symbol);
    // A value that is an entry (0x1 ...) is shown as the entry, as lookup does.
    const isEntry = cli(v).some((e) => e.family === "cti_pg_status");
    if (!isEntry) {
      check(JSON.stringify(got) === JSON.stringify(wantFlags), "PGStatus " + v + ": " + JSON.stringify(got));
      const text = await page.textContent("#status");
      check((want.unknown_bits === 0) === !text.includes("unknown bits"), "PGStatus " + v + " unknown bits: " + text);
    }
  }
  for (const v of ["1157628031", "0x4600001F", "0xA2000011", "0x7F00007F", "-1593835505"]) {
    await page.goto(kbUrl + "#q=" + encodeURIComponent(v) + "&family=cucm_cdr_cause");
    await page.waitForFunction(() => document.getElementById("status").textContent !== "");
    const want = decodeCli("cdr-cause", v);
    const text = await page.textContent("#status");
    if (want.entry === null) {
      check(want.sip === null ? text.includes("SIP status unknown") || text.includes("Nothing")
        : text.includes("SIP status " + want.sip.status), "CDR " + v + ": " + text);
      const q = want.q850 === null ? [] : ["cucm_cdr_cause " + want.q850.symbol];
      check(JSON.stringify(await shown()) === JSON.stringify(q), "CDR " + v + " Q.850: " + JSON.stringify(await shown()));
    }
  }
  await page.goto(kbUrl + "#q=1157628031");
  await page.waitForFunction(() => document.getElementById("status").textContent !== "");
  check((await page.textContent("#status")).includes("cucm_cdr_cause"), "a composite-shaped number gets the hint");
  check((await shown()).length === 0, "the hint shows no entry");

  // A dialer result shows Cisco's per-result facts and the SIP answers that map to it.
  await page.goto(kbUrl + "#q=9&family=dialer_call_result");
  await page.waitForSelector("#results article");
  const dialerCard = await page.textContent("#results article");
  check(dialerCard.includes("counted as an attempt: yes") && dialerCard.includes("busy_retry"),
    "a dialer result shows its facts");
  check(dialerCard.includes("486/17"), "a dialer result shows the SIP answers that give it");
  await page.selectOption("#family", "");

  // Typed queries: code, hex, signed and unsigned decimal, bare and qualified names, ambiguity.
  const typed = ["0x8CCC00D2", "-1932787502", "2362179794", "E_CTI_TIMEOUT", "TIMEOUT",
    "INVALID_AGENT_WORKMODE", "CiscoJtapiException.CTIERR_TIMEOUT", "CFInvalidAgentWorkMode",
    "400 Invalid State", "Invalid State", "not-authorized"];
  for (const q of typed) {
    await page.fill("#q", q);
    await page.waitForFunction(() => document.querySelector("#status").textContent !== "");
    const want = cli(q).map((e) => e.family + " " + e.symbol);
    const got = await shown();
    check(want.length > 0, q + ": the CLI knows it");
    check(JSON.stringify(got) === JSON.stringify(want),
      q + ": page " + JSON.stringify(got) + " CLI " + JSON.stringify(want));
    check(new URL(page.url()).hash === "#q=" + encodeURIComponent(q), q + ": the URL holds the query");
  }
  await page.fill("#q", "TIMEOUT");
  const families = new Set((await shown()).map((s) => s.split(" ")[0]));
  check(families.has("cti_status") && families.has("unified_cm"),
    "TIMEOUT shows every family's entry, none picked: " + [...families]);
  check((await page.textContent("#status")).includes("every one is shown"), "ambiguity is said");
  await page.screenshot({ path: path.join(shots, "kb-timeout.png") });

  // Free words fall back to search, as `finesse-errors search` does.
  await page.fill("#q", "heartbeat idle");
  const searched = await shown();
  const wantSearch = JSON.parse(execFileSync(bin, ["search", "--format", "json", "heartbeat", "idle"],
    { encoding: "utf8" })).map((e) => e.family + " " + e.symbol);
  check(JSON.stringify(searched) === JSON.stringify(wantSearch), "search: " + JSON.stringify(searched));

  // Keyboard: the query box has the focus and a label; Enter submits.
  check(await page.$eval("label[for=q]", (l) => l.textContent.length > 0), "the query box is labelled");
  await page.goto(kbUrl + "#");
  await page.reload();
  await page.keyboard.type("22");
  await page.keyboard.press("Enter");
  check((await shown()).length === cli("22").length, "typing without clicking works");

  // Parity sweep: many written forms of every entry, through the page's lookup function.
  const kb = JSON.parse(execFileSync(bin, ["export"], { encoding: "utf8", maxBuffer: 64 << 20 }));
  const queries = new Set(["", "  265  ", "+265", "0265", "-0", "0x", "8ccc00d2", "0X8ccc00d2",
    "4294967296", "ffffffff", "E_CTI_INVALID_ VERSION", "ControlFailureCode.INVALID_AGENT_WORKMODE",
    "com.cisco.jtapi.extensions.CiscoJtapiException.TIMEOUT", "StreamError.conflict",
    "ECtiTimeout", "401 invalid state", "400\u00a0Invalid\u2003State", "Unknown.Thing",
    "CiscoJtapiException.Timeout", "CiscoJtapiException.NoSuchName", "\u200bTIMEOUT", "x".repeat(200)]);
  for (const f of kb.families) {
    for (const e of f.entries) {
      if (e.symbol) {
        queries.add(e.symbol);
        queries.add(e.symbol.toLowerCase());
        queries.add(e.symbol.split("_").map((w) => w.charAt(0) + w.slice(1).toLowerCase()).join(""));
      }
      for (const a of e.aliases) queries.add(a);
      if (e.code_text !== null) queries.add(e.code_text);
      if (e.code !== null) queries.add(String(e.code));
      if (e.http_status !== null) queries.add(e.http_status + " " + e.symbol.toLowerCase());
    }
  }
  const list = [...queries];
  const pageAnswers = await page.evaluate((qs) => qs.map((q) => window.finesseErrors.lookup(q)), list);
  let mismatches = 0;
  list.forEach((q, i) => {
    const want = JSON.stringify(cli(q));
    const got = JSON.stringify(pageAnswers[i]);
    if (want !== got) {
      mismatches++;
      if (mismatches <= 10) console.error("mismatch for " + JSON.stringify(q) + ":\n  page " + got + "\n  cli  " + want);
    }
  });
  check(mismatches === 0, mismatches + " of " + list.length + " queries differ from the CLI");
  console.log("parity: " + list.length + " queries, " + mismatches + " differ");

  // Phone width and print: still one readable column.
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
  await phone.goto(kbUrl + "#q=" + encodeURIComponent("CiscoJtapiException.CTIERR_TIMEOUT"));
  await phone.waitForSelector("#results article");
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, "no sideways scrolling on a phone (" + overflow + " px)");
  await phone.screenshot({ path: path.join(shots, "kb-phone.png") });
  await phone.emulateMedia({ media: "print" });
  check(await phone.$eval("form", (f) => getComputedStyle(f).display) === "none", "print hides the form");
  await phone.close();

  // The report.
  const report = await context.newPage();
  report.on("pageerror", (e) => errors.push(String(e)));
  let dialogs = 0;
  report.on("dialog", (d) => { dialogs++; d.dismiss(); });
  await report.goto(pathToFileURL(reportPath).href);
  const title = await report.title();
  check(!title.includes("pwned"), "no script from the log ran");
  check(dialogs === 0, "no dialog opened");
  check(await report.$$eval("img", (i) => i.length) === 0, "the log's <img> is text, not an element");
  check(await report.$$eval("b", (b) => b.length) === 0, "the log's <b> is text");
  const pre = await report.$$eval("pre", (p) => p.map((x) => x.textContent).join("\n"));
  check(pre.includes("<img src=x onerror="), "the hostile line is shown as text");
  check(pre.includes("\\u{202e}") && !pre.includes("\u202e"), "bidi controls are shown escaped");
  const bars = await report.$$eval("svg.timeline rect", (r) => r.length);
  check(bars > 3, "the timeline has bars (" + bars + ")");
  const rows = await report.$$eval("#summary ~ div table tbody tr", (r) => r.map((x) => x.textContent));
  for (const code of ["CF_INVALID_AGENT_WORKMODE", "E_CTI_TIMEOUT", "CTIERR_TIMEOUT"]) {
    check(rows.some((r) => r.includes(code)), "the summary lists " + code);
  }
  const heights = await report.$$eval("svg.timeline rect", (r) => r.map((x) => +x.getAttribute("height")));
  check(Math.max(...heights) > 2 * Math.min(...heights), "the spike stands out");
  await report.setViewportSize({ width: 1000, height: 700 });
  await report.screenshot({ path: path.join(shots, "report.png") });
  await report.screenshot({ path: path.join(shots, "report-full.png"), fullPage: true });

  check(errors.length === 0, "no script errors: " + errors.join("; "));
  check(requests.length === 0, "no network requests: " + requests.join(", "));

  if (docsDir) {
    // Small copies for the README: a viewport of each page at a modest size.
    mkdirSync(docsDir, { recursive: true });
    const small = await browser.newPage({ viewport: { width: 760, height: 560 } });
    await small.goto(kbUrl + "#q=TIMEOUT");
    await small.waitForSelector("#results article");
    await small.screenshot({ path: path.join(docsDir, "knowledge-base.png") });
    await small.goto(pathToFileURL(reportPath).href);
    await small.screenshot({ path: path.join(docsDir, "report.png") });
    await small.close();
  }
} finally {
  await browser.close();
}
console.log(failures ? failures + " checks failed" : "browser checks passed (screenshots in " + shots + ")");
process.exit(failures ? 1 : 0);
