// Worker of fuzz.test.ts: runs one fuzz case at a time with the BUILT parsers and readers, so
// the test's thread can end a case that never returns (a loop without progress) or that runs
// out of memory, and name its input, instead of hanging or dying with it.
// workerData: { base } (the seed's document, for the amendment readers).
// A request: { id, op: "parse", text } or { id, op: "read", bytes, name } (or a probe: "spin", "grow").
// An answer: { id, outcomes: [{ call, ok, issues }], text? } or { id, threw: "stack" }; { ready: true } once loaded.
import { parentPort, workerData } from "node:worker_threads";
import { readDocument } from "@kyoyaku/formats";
import { parseAgreement, parseAmendment, parseText } from "@kyoyaku/text";

const FILE = "fuzz.txt";
const { base } = workerData;
const outcome = (call, r) => ({ call, ok: r.ok, issues: r.issues });

/** The five parser calls of a text. */
function parseAll(text) {
  return [
    outcome("parseText", parseText(text, { file: FILE })),
    outcome("parseAgreement", parseAgreement(text, { file: FILE })),
    outcome("parseAmendment", parseAmendment(text, { file: FILE })),
    outcome("parseAmendment+base", parseAmendment(text, { file: FILE, base })),
    outcome("parseText+draft+base", parseText(text, { file: FILE, allowDraft: true, base })),
  ];
}

/** A file through readDocument; a text it reads then through parseText. */
async function read(bytes, name) {
  const r = await readDocument(bytes, name);
  // A file read keeps its warnings as notes.
  const outcomes = [{ call: "readDocument", ok: r.ok, issues: r.ok ? r.notes : r.issues }];
  if (r.ok) outcomes.push(outcome("parseText", parseText(r.text, { file: name })));
  return { outcomes, ...(r.ok && { text: r.text }) };
}

parentPort.on("message", async (m) => {
  try {
    if (m.op === "parse") parentPort.postMessage({ id: m.id, outcomes: parseAll(m.text) });
    // The test's probes of its own bound: a loop that never returns, and memory that grows for ever.
    else if (m.op === "spin") for (;;);
    else if (m.op === "grow") for (const kept = []; ; ) kept.push(new Array(1e5).fill(m.text));
    else parentPort.postMessage({ id: m.id, ...(await read(m.bytes, m.name)) });
  } catch (e) {
    parentPort.postMessage({ id: m.id, threw: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
// Loaded: the test starts timing cases only now (loading the packages is no case).
parentPort.postMessage({ ready: true });
