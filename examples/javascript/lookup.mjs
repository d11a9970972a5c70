// Loads the knowledge base exported by `finesse-errors export --format json` and answers two
// questions a Finesse gadget meets: a CTI symbol from ErrorMessage, and a REST error by HTTP
// status and ErrorType. Plain Node.js (18+), no packages.
//
//   finesse-errors export --format json > kb.json && node examples/javascript/lookup.mjs kb.json

import { readFileSync } from "node:fs";

const path = process.argv[2];
if (!path) {
  console.error("usage: node lookup.mjs <knowledge-base.json>");
  process.exit(2);
}
const kb = JSON.parse(readFileSync(path, "utf8"));
// 3 only added fields (`dialer`, `dialer_sip_map`) to what this script reads from 2.
if (kb.schema_version !== 2 && kb.schema_version !== 3) {
  console.error(`unsupported schema_version ${kb.schema_version}`);
  process.exit(2);
}

// Names are matched as the Rust crate matches them: ASCII case ignored, spaces folded.
const normalize = (name) => name.trim().split(/\s+/).join(" ").toUpperCase();
const bySymbol = new Map();
for (const family of kb.families) {
  for (const entry of family.entries) {
    for (const name of [entry.symbol, ...entry.aliases].filter(Boolean)) {
      const key = normalize(name);
      if (!bySymbol.has(key)) bySymbol.set(key, []);
      bySymbol.get(key).push(entry);
    }
  }
}

const lookupSymbol = (name) => bySymbol.get(normalize(name)) ?? [];
const finesseError = (status, errorType) =>
  lookupSymbol(errorType).find((e) => e.family === "finesse_api" && e.http_status === status);

const show = (what, entry) => {
  if (!entry) {
    console.error(`${what}: nothing known`);
    process.exitCode = 1;
    return;
  }
  console.log(`${what}: ${entry.family} ${entry.code_text ?? entry.http_status} ${entry.symbol}`);
  console.log(`  retry ${entry.retry}, then ${entry.recovery.action} (${entry.evidence}): ${entry.remediation}`);
};

show("CF_INVALID_AGENT_WORKMODE", lookupSymbol("CF_INVALID_AGENT_WORKMODE")[0]);
show("400 Invalid State", finesseError(400, "Invalid State"));

// A reporting question, from schema_version 3: what the Outbound dialer makes of SIP 486 with
// Q.850 cause 17, and what it does next.
if (kb.dialer_sip_map) {
  const results = kb.families.find((f) => f.name === "dialer_call_result").entries;
  for (const row of kb.dialer_sip_map.filter((m) => m.sip_status === 486 && m.q850_cause === 17)) {
    const entry = results.find((e) => e.code === row.call_result);
    console.log(`SIP 486/17: CallResult ${row.call_result} ${entry.symbol}, next: ${entry.dialer.action}`);
  }
}
