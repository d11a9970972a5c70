// The knowledge-base page: lookup and search over the embedded data. What a name stands for
// comes from the index the CLI computed with the crate's resolver (data.names, data.camel,
// data.status); this script only normalises the query as the crate does, reads numbers as
// parse_code does, and splits a qualifier. Everything is rendered with textContent.
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("kb").textContent);
  const entries = data.entries;
  // Recovery plans are shared by many entries: the page carries each once, by index.
  for (const e of entries) {
    if (typeof e.recovery === "number") e.recovery = data.plans[e.recovery];
  }
  const families = data.families;
  const familyIndex = new Map(families.map((f, i) => [f.name, i]));

  // Per family: code -> entry indices, in table order.
  const codes = families.map(() => new Map());
  entries.forEach((e, i) => {
    if (e.code === null) return;
    const byCode = codes[familyIndex.get(e.family)];
    if (!byCode.has(e.code)) byCode.set(e.code, []);
    byCode.get(e.code).push(i);
  });

  // Unicode White_Space, the set the crate trims and folds (not JavaScript's \s).
  const WS = "\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  const trimRe = new RegExp("^[" + WS + "]+|[" + WS + "]+$", "g");
  const runRe = new RegExp("[" + WS + "]+", "g");
  const firstWsRe = new RegExp("[" + WS + "]");
  const trim = (s) => s.replace(trimRe, "");
  const asciiUpper = (s) => s.replace(/[a-z]+/g, (m) => m.toUpperCase());
  const asciiLower = (s) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
  const normalize = (s) => asciiUpper(trim(s).replace(runRe, " "));

  const I32_MIN = -(2n ** 31n), I32_MAX = 2n ** 31n - 1n;
  function parseHex(digits) {
    if (!/^[0-9A-Fa-f]{1,8}$/.test(digits)) return null;
    return parseInt(digits, 16) | 0;
  }
  // finesse_errors::parse_code, per KeyKind: decimal i32 everywhere; a 16-bit field also
  // in its signed form (-1 is 65535) and 0x-hex of up to 4 digits; 32-bit words (hex32,
  // flags, composite) also 0x-hex and unsigned decimal, and hex32 bare hex (1 to 8 digits).
  function parseCode(family, text) {
    const key = families[family].key;
    if (/^[+-]?[0-9]+$/.test(text)) {
      const v = BigInt(text);
      if (v >= I32_MIN && v <= I32_MAX) {
        const n = Number(v);
        if (key !== "word16") return n;
        if (n >= 0 && n <= 0xffff) return n;
        if (n >= -0x8000 && n < 0) return n + 0x10000;
        return null;
      }
    }
    const hex = text.startsWith("0x") || text.startsWith("0X") ? text.slice(2) : null;
    if (key === "word16") return hex !== null && hex.length <= 4 ? parseHex(hex) : null;
    if (key !== "hex32" && key !== "flags" && key !== "composite") return null;
    if (hex !== null) return parseHex(hex);
    if (/^[0-9]+$/.test(text)) {
      const v = BigInt(text);
      return v <= 0xffffffffn ? Number(BigInt.asIntN(32, v)) : null;
    }
    return key === "hex32" ? parseHex(text) : null;
  }

  // A name broken after an underscore ("E_CTI_INVALID_ VERSION") is read joined.
  const joinBroken = (name) => name.replace(/_ +/g, "_");

  function identifier(s, extra) {
    if (s === "") return false;
    for (const ch of s) {
      if (!/[A-Za-z0-9_]/.test(ch) && !extra.includes(ch)) return false;
    }
    return true;
  }
  function splitQualifier(text) {
    let q, n;
    const at = text.lastIndexOf("::");
    if (at >= 0) { q = text.slice(0, at); n = text.slice(at + 2); }
    else {
      const dot = text.lastIndexOf(".");
      if (dot < 0) return null;
      q = text.slice(0, dot); n = text.slice(dot + 1);
    }
    return identifier(q, ".$:") && identifier(n, "-") ? [q, n] : null;
  }
  function familyOfQualifier(cls) {
    const c = asciiLower(cls);
    const i = families.findIndex((f) => f.qualifiers.some((q) => asciiLower(q) === c));
    return i < 0 ? null : i;
  }

  // finesse_errors::resolve, reading the precomputed index.
  function resolve(query) {
    const text = trim(query);
    const numeric = /^[0-9A-Fa-f+-]/.test(text);
    const out = [];
    let only = null;
    const inFamily = (i) => only === null || familyIndex.get(entries[i].family) === only;
    const givenAsCode = (i) => numeric && entries[i].code !== null &&
      parseCode(familyIndex.get(entries[i].family), text) === entries[i].code;
    if (numeric) {
      families.forEach((_, f) => {
        const code = parseCode(f, text);
        if (code !== null && codes[f].has(code)) {
          for (const i of codes[f].get(code)) out.push([i, 0]);
        }
      });
    }
    const readName = (name) => {
      for (const [i, form] of data.names[normalize(joinBroken(name))] || []) {
        if (!givenAsCode(i) && inFamily(i)) out.push([i, form]);
      }
    };
    const camel = (name) => {
      if (!/^[A-Za-z0-9]+$/.test(name) || !/[a-z]/.test(name) || !/[A-Z]/.test(name)) return;
      for (const i of data.camel[asciiUpper(name)] || []) {
        if (!givenAsCode(i) && inFamily(i)) out.push([i, 3]);
      }
    };
    readName(text);
    if (out.length) return out;
    const split = splitQualifier(text);
    if (split) {
      const cls = split[0].split(/[.$:]/).pop();
      only = familyOfQualifier(cls);
      readName(split[1]);
      if (out.length) return out;
      camel(split[1]);
      return out;
    }
    camel(text);
    return out;
  }

  // The CLI's lookup: "<status> <type>" is a Finesse error, anything else is resolved.
  function lookup(query, family) {
    const text = trim(query);
    const keep = (i) => family === "" || entries[i].family === family;
    const ws = text.search(firstWsRe);
    if (ws > 0) {
      const status = text.slice(0, ws);
      if (/^\+?[0-9]+$/.test(status) && Number(status) <= 65535) {
        const key = Number(status) + " " + normalize(text.slice(ws));
        return (data.status[key] || []).filter(keep).map((i) => [i, 1]);
      }
    }
    return resolve(text).filter(([i]) => keep(i));
  }

  // finesse_errors::search: every word in the symbol, aliases, message, remediation or note.
  function search(query, family) {
    const words = trim(query).split(runRe).filter((w) => w !== "").map(asciiLower);
    if (!words.length) return [];
    const found = [];
    entries.forEach((e, i) => {
      if (family !== "" && e.family !== family) return;
      const texts = [e.symbol, ...e.aliases, e.message, e.remediation, e.note || ""].map(asciiLower);
      if (words.every((w) => texts.some((t) => t.includes(w)))) found.push(i);
    });
    return found;
  }

  // Rendering: elements and text nodes only.
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    for (const c of children) {
      if (c === null || c === undefined) continue;
      node.append(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return node;
  }
  const vocab = (kind, name) => {
    const v = (data.vocabularies[kind] || []).find((x) => x.name === name);
    return v ? v.description : "";
  };
  const ms = (n) => (n === null ? "never" : n >= 1000 ? n / 1000 + " s" : n + " ms");
  function keyOf(e) {
    return [e.family, e.http_status, e.platform, e.code_text].filter((x) => x !== null).join(" ");
  }
  function qLink(label, query, family) {
    let hash = "#q=" + encodeURIComponent(query);
    if (family) hash += "&family=" + encodeURIComponent(family);
    return el("a", { href: hash }, label);
  }
  function row(dl, term, ...value) {
    dl.append(el("dt", {}, term), el("dd", {}, ...value));
  }
  function card(i, form) {
    const e = entries[i];
    const title = e.symbol || "(no published name)";
    const art = el("article", { class: "entry", "data-family": e.family, "data-symbol": e.symbol,
      "data-code": e.code_text === null ? "" : e.code_text, "aria-label": e.family + " " + title });
    art.append(el("h2", {}, el("span", { class: "fam" }, e.family), " ",
      e.code_text === null && e.http_status === null ? "" : el("span", { class: "code" }, keyOf(e).slice(e.family.length + 1)),
      " ", el("span", { class: "sym" }, title)));
    art.append(el("p", { class: "msg" }, e.message));
    const dl = el("dl", {});
    if (form !== null) row(dl, "Matched by", data.forms[form]);
    if (e.aliases.length) row(dl, "Also written", e.aliases.join(", "));
    row(dl, "Retry", el("strong", { class: "retry retry-" + e.retry }, e.retry), " — " + vocab("retry", e.retry));
    row(dl, "Layer", e.layer + " — " + vocab("layer", e.layer));
    row(dl, "Category", e.category + " — " + vocab("category", e.category));
    row(dl, "Evidence", e.evidence + " — " + vocab("evidence", e.evidence));
    if (e.platform !== null) row(dl, "Platform", e.platform);
    row(dl, "Remediation", e.remediation);
    const r = e.recovery;
    const plan = [r.action + " — " + vocab("action", r.action)];
    if (r.refresh) plan.push("refresh: " + r.refresh);
    if (r.first_delay_ms || r.max_delay_ms) {
      plan.push("first wait " + ms(r.first_delay_ms) + ", ×" + r.factor + ", at most " +
        ms(r.max_delay_ms) + ", give up after " + ms(r.give_up_after_ms));
    }
    if (r.failover) plan.push("fail over to the other side");
    if (r.harmful_to_retry) plan.push("retrying the same request does harm");
    if (r.source) plan.push("source: " + r.source);
    row(dl, "Recovery plan", el("ul", {}, ...plan.map((p) => el("li", {}, p))));
    row(dl, "Sources", e.source);
    if (e.note) row(dl, "Note", e.note);
    if (e.dialer) {
      const d = e.dialer;
      const yn = (v) => (v === null ? "not given" : v ? "yes" : "no");
      row(dl, "Dialer", "counted as an attempt: " + yn(d.counted_attempt) + "; live voice: " +
        yn(d.live_voice) + "; next step: " +
        (d.action === null ? "not given" : d.action + " — " + vocab("dialer_action", d.action)));
      const pairs = [...new Set(data.sip.filter((m) => m.call_result === e.code)
        .map((m) => m.sip_status + "/" + m.q850_cause))];
      if (pairs.length) row(dl, "From SIP", pairs.join(", "));
    }
    if (e.twin) {
      const t = e.twin;
      const q = t.code_text !== null ? t.code_text : t.symbol;
      row(dl, "Twin", qLink(t.family + " " + (t.code_text || "") + " " + t.symbol, q, t.family));
    }
    art.append(dl);
    return art;
  }

  const form = document.getElementById("lookup");
  const input = document.getElementById("q");
  const familySelect = document.getElementById("family");
  const status = document.getElementById("status");
  const results = document.getElementById("results");
  const SEARCH_LIMIT = 100;

  function show(query, family) {
    results.replaceChildren();
    if (trim(query) === "") {
      status.textContent = entries.length + " entries. Type a code, a name or words.";
      return;
    }
    const found = lookup(query, family);
    if (found.length) {
      status.textContent = found.length === 1 ? "1 entry." :
        found.length + " candidates: the query fits several entries, every one is shown.";
      results.setAttribute("data-kind", "lookup");
      for (const [i, f] of found) results.append(card(i, f));
      return;
    }
    if (decode(trim(query), family)) return;
    const words = search(query, family);
    results.setAttribute("data-kind", "search");
    if (!words.length) {
      status.textContent = "Nothing known matches.";
      return;
    }
    status.textContent = "No code or name matched; " + words.length +
      (words.length === 1 ? " entry mentions" : " entries mention") + " every word" +
      (words.length > SEARCH_LIMIT ? " (the first " + SEARCH_LIMIT + " shown)." : ".");
    for (const i of words.slice(0, SEARCH_LIMIT)) results.append(card(i, null));
  }

  // A value no entry holds, asked in a family whose values are more than one code, is
  // decoded as `finesse-errors decode` does (the bits and SIP statuses come from the crate,
  // data.decoders); without a family a composite-shaped number gets a hint.
  const hex8 = (v) => "0x" + (v >>> 0).toString(16).toUpperCase().padStart(8, "0");
  function decode(text, family) {
    const cdr = familyIndex.get("cucm_cdr_cause");
    if (family === "cti_pg_status") {
      const v = parseCode(familyIndex.get(family), text);
      if (v === null) return false;
      const flags = data.decoders.pg_flags.filter(([bit]) => (v & bit) >>> 0 !== 0);
      const known = flags.reduce((m, [bit]) => (m | bit) >>> 0, 0);
      const unknown = ((v >>> 0) & ~known) >>> 0;
      results.setAttribute("data-kind", "decode");
      status.textContent = "PGStatus " + hex8(v) + ": " + flags.length + " known flag(s)" +
        (unknown ? "; unknown bits " + hex8(unknown) + ": no published flag." : ".");
      for (const [, i] of flags) results.append(card(i, null));
      return true;
    }
    const v = parseCode(cdr, text);
    if (v === null) return false;
    const u = v >>> 0;
    const composite = (u >>> 24) !== 0 && (u & 0x00ffff00) === 0;
    if (!composite || (family !== "" && family !== "cucm_cdr_cause")) return false;
    const sip = data.decoders.sip_index[String(u >>> 24)];
    const q850 = codes[cdr].get(u & 0xff) || [];
    if (!sip && !q850.length) return false;
    if (family === "") {
      results.setAttribute("data-kind", "hint");
      status.textContent = "Nothing known matches. If it is a Unified CM CDR cause, it is a " +
        "composite no table lists: choose the family cucm_cdr_cause to decode it.";
      return true;
    }
    results.setAttribute("data-kind", "decode");
    status.textContent = "CDR cause " + u + " (" + hex8(u) + "): " +
      (sip ? "SIP status " + sip[0] + (sip[1] === "listed" ? " (as published values carry it)" :
        " (by the numbering the published values follow)") : "SIP status unknown") +
      ", Q.850 cause " + (u & 0xff) + (q850.length ? "." : " (not listed).");
    for (const i of q850) results.append(card(i, null));
    return true;
  }

  function fromHash() {
    const params = new URLSearchParams(location.hash.replace(/^#/, ""));
    const q = params.get("q") || "";
    const f = params.get("family") || "";
    input.value = q;
    familySelect.value = familyIndex.has(f) ? f : "";
    show(q, familySelect.value);
  }
  function submit(ev) {
    if (ev) ev.preventDefault();
    let hash = "q=" + encodeURIComponent(input.value);
    if (familySelect.value) hash += "&family=" + encodeURIComponent(familySelect.value);
    if (location.hash !== "#" + hash) history.replaceState(null, "", "#" + hash);
    show(input.value, familySelect.value);
  }
  form.addEventListener("submit", submit);
  input.addEventListener("input", () => submit());
  familySelect.addEventListener("change", () => submit());
  window.addEventListener("hashchange", fromHash);
  // For tests and for other pages' scripts: the same answers as `finesse-errors lookup`.
  window.finesseErrors = { lookup: (q, f) => lookup(q, f || "").map(([i, form]) => ({
    family: entries[i].family, symbol: entries[i].symbol, code: entries[i].code,
    http_status: entries[i].http_status, platform: entries[i].platform, matched_by: data.forms[form] })),
    search: (q) => search(q, "").map((i) => ({ family: entries[i].family, symbol: entries[i].symbol,
      code: entries[i].code, http_status: entries[i].http_status, platform: entries[i].platform })) };
  fromHash();
})();
