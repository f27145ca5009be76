// The render law on every fixture: parseAgreement(renderDocument(doc)) gives doc back.
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { AgreementDocument, Appendix, AppendixItem, Article } from "@kyoyaku/core";
import { parseAgreement, parseText, renderDocument } from "@kyoyaku/text";
import { describe, expect, it } from "vitest";

const dir = fileURLToPath(new URL("../fixtures/", import.meta.url));
const read = (f: string): string => readFileSync(`${dir}${f}`, "utf8");
const base = parseAgreement(read("seeds/000_0d517b853e764d1a.txt"));
if (!base.ok) throw new Error("seed 1 does not parse");
const seed1 = base.value;

function roundTrips(doc: AgreementDocument): void {
  const back = parseAgreement(renderDocument(doc));
  expect(back.ok && back.value).toStrictEqual(doc);
}

/** Documents the fixtures give: agreements as read, and new provisions placed into seed 1. */
function documents(): [string, AgreementDocument][] {
  const out: [string, AgreementDocument][] = [["seeds/000", seed1]];
  for (const f of readdirSync(`${dir}bad`).filter((x) => x.endsWith(".txt"))) {
    const r = parseAgreement(read(`bad/${f}`));
    if (r.ok) out.push([`bad/${f}`, r.value]);
  }
  const texts = (sub: string): string[] => readdirSync(`${dir}${sub}`).filter((x) => x.endsWith(".txt")).map((x) => `${sub}/${x}`);
  for (const f of [...texts("amendments"), ...texts("amendments/provisos"), "seeds/001_6d3949d91c26715e.txt"]) {
    const r = parseText(read(f));
    if (!r.ok || r.value.event.payload.kind !== "amend") continue;
    for (const o of r.value.event.payload.operations) {
      if (o.op === "restate") out.push([`${f} (restated)`, o.document]);
      if (o.op !== "replace" && o.op !== "insert") continue;
      const n = o.node;
      if (typeof n === "object" && "sections" in n) out.push([`${f} (別表)`, { ...seed1, appendices: [n as Appendix] }]);
      else if (typeof n === "object" && "paragraphs" in n) {
        const arts = [...seed1.articles.filter((a) => a.number !== (n as Article).number), n as Article]
          .sort((a, b) => Number(a.number.replace("の", ".")) - Number(b.number.replace("の", ".")));
        out.push([`${f} (条)`, { ...seed1, articles: arts }]);
      } else if (typeof n === "object" && "fields" in n) {
        const a = seed1.appendices[0]!;
        out.push([`${f} (取組)`, { ...seed1, appendices: [{ ...a, sections: a.sections.map((s, i) => (i === 0 ? { ...s, items: [...s.items, n as AppendixItem] } : s)) }] }]);
      }
    }
  }
  return out;
}

describe("render law on every fixture", () => {
  const docs = documents();
  it("covers the seeds, the readable bad fixtures and the amendment fixtures' new provisions", () => {
    expect(docs.length).toBeGreaterThanOrEqual(10);
  });
  it.each(docs)("%s", (_name, doc) => roundTrips(doc));
});
