// Where a V8 heap snapshot's memory is: self sizes summed by node type and constructor name,
// the largest first (what bench/import.mjs --snapshot wrote at the end of an import).
//
//   node bench/heap-summary.mjs FILE.heapsnapshot [--top 25] [--retainers "concatenated string"]
//
// --retainers KEY: for the nodes of that group, what holds them (the referring node's group
// and edge name), by the bytes held directly.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

const { values, positionals } = parseArgs({ options: { top: { type: "string", default: "25" }, retainers: { type: "string" } }, allowPositionals: true });
const snap = JSON.parse(readFileSync(positionals[0], "utf8"));
const meta = snap.snapshot.meta;
const fields = meta.node_fields;
const width = fields.length;
const [typeAt, nameAt, sizeAt] = ["type", "name", "self_size"].map((f) => fields.indexOf(f));
const types = meta.node_types[typeAt];
const groups = new Map();
let total = 0;
const keyOf = (i) => {
  const type = types[snap.nodes[i + typeAt]];
  // Objects by constructor; strings, arrays, code … by type (their names are contents).
  return type === "object" || type === "closure" ? `${type} ${snap.strings[snap.nodes[i + nameAt]]}` : type;
};
for (let i = 0; i < snap.nodes.length; i += width) {
  const size = snap.nodes[i + sizeAt];
  const key = keyOf(i);
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

if (values.retainers !== undefined) {
  const ef = meta.edge_fields;
  const ew = ef.length;
  const [etypeAt, enameAt, toAt] = ["type", "name_or_index", "to_node"].map((f) => ef.indexOf(f));
  const etypes = meta.edge_types[etypeAt];
  const countAt = fields.indexOf("edge_count");
  const held = new Map();
  let e = 0;
  for (let i = 0; i < snap.nodes.length; i += width) {
    const from = keyOf(i);
    for (let n = 0; n < snap.nodes[i + countAt]; n++, e += ew) {
      const to = snap.edges[e + toAt];
      if (keyOf(to) !== values.retainers) continue;
      const et = etypes[snap.edges[e + etypeAt]];
      if (et === "weak") continue;
      const name = et === "element" || et === "hidden" ? `[${et}]` : snap.strings[snap.edges[e + enameAt]];
      const k = `${from} .${name}`;
      held.set(k, (held.get(k) ?? 0) + snap.nodes[to + sizeAt]);
    }
  }
  console.log(`\n${values.retainers}: held by`);
  for (const [k, b] of [...held].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) console.log(`${(b / 1024 / 1024).toFixed(1).padStart(8)} MiB  ${k}`);
}
