// Where a V8 heap snapshot's memory is: self sizes summed by node type and constructor name,
// the largest first (what bench/import.mjs --snapshot wrote at the end of an import).
//
//   node bench/heap-summary.mjs FILE.heapsnapshot [--top 25]
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

const { values, positionals } = parseArgs({ options: { top: { type: "string", default: "25" } }, allowPositionals: true });
const snap = JSON.parse(readFileSync(positionals[0], "utf8"));
const meta = snap.snapshot.meta;
const fields = meta.node_fields;
const width = fields.length;
const [typeAt, nameAt, sizeAt] = ["type", "name", "self_size"].map((f) => fields.indexOf(f));
const types = meta.node_types[typeAt];
const groups = new Map();
let total = 0;
for (let i = 0; i < snap.nodes.length; i += width) {
  const type = types[snap.nodes[i + typeAt]];
  const size = snap.nodes[i + sizeAt];
  // Objects by constructor; strings, arrays, code … by type (their names are contents).
  const key = type === "object" || type === "closure" ? `${type} ${snap.strings[snap.nodes[i + nameAt]]}` : type;
  const g = groups.get(key) ?? { count: 0, bytes: 0 };
  g.count += 1;
  g.bytes += size;
  groups.set(key, g);
  total += size;
}
console.log(`total self size ${(total / 1024 / 1024).toFixed(1)} MiB in ${(snap.nodes.length / width).toLocaleString("en-US")} nodes`);
for (const [key, g] of [...groups].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, Number(values.top))) {
  console.log(`${(g.bytes / 1024 / 1024).toFixed(1).padStart(8)} MiB ${String(g.count).padStart(10)}  ${key}`);
}
