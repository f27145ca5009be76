import { Buffer } from "node:buffer";
import fc from "fast-check";
import { produce } from "immer";
import { describe, expect, it } from "vitest";
import { canonicalJson, contentEncoding, contentHash, deepFreeze, sha256 } from "../model/canonical.js";
import { documents } from "../model/documents.testkit.js";
import { checkNodes, decodeDocument, encodeDocument, NodeError, rowHash, type EncodedNode, type NodeCache } from "./nodes.js";
import { makeDocument } from "./store.testkit.js";

const table = (nodes: readonly EncodedNode[]): Map<string, EncodedNode> => new Map(nodes.map((n) => [n.hash, n]));
const mapCache = (): NodeCache & { size: () => number } => {
  const m = new Map<string, unknown>();
  return { get: (h) => m.get(h), set: (h, v) => void m.set(h, v), size: () => m.size };
};

/** A hash as a row refers to it (schema 8: base64url), and back. */
const b64 = (hex: string): string => Buffer.from(hex, "hex").toString("base64url");
const hexOf = (ref: string): string => (ref.length === 43 ? Buffer.from(ref, "base64url").toString("hex") : ref);

/** The references a row holds (its inline values included), as hex hashes. */
function refs(json: string): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (v === null || typeof v !== "object") return;
    const h = (v as { "#"?: unknown })["#"];
    if (!Array.isArray(v) && typeof h === "string" && Object.keys(v).length === 1) out.push(hexOf(h));
    else for (const c of Object.values(v)) walk(c);
  };
  for (const c of Object.values(JSON.parse(json) as object)) walk(c);
  return out;
}

describe("encodeDocument / decodeDocument (a row per provision)", () => {
  it("Given any document, Then every row hashes to its key (its references standing for their nodes), is closed, and decoding gives the document back (fast-check)", () => {
    fc.assert(
      fc.property(documents, (d) => {
        const nodes = encodeDocument(d);
        expect(nodes[0]!.hash).toBe(contentHash(d));
        expect(nodes[0]!.kind).toBe("document");
        const byHash = table(nodes);
        for (const n of nodes) {
          expect(rowHash(n.hash, JSON.parse(n.json) as object, (h) => byHash.get(h))).toBe(n.hash);
          for (const r of refs(n.json)) expect(byHash.has(r)).toBe(true); // closed: every child is stored
        }
        expect(new Set(nodes.map((n) => n.hash)).size).toBe(nodes.length); // each node once
        const back = decodeDocument(contentHash(d), (h) => byHash.get(h), true);
        expect(back).toEqual(JSON.parse(JSON.stringify(d)));
        expect(contentHash(back)).toBe(contentHash(d));
        expect(Object.isFrozen(back)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it("stores the provisions as rows, named by kind; the values between them are inline", () => {
    const d = makeDocument();
    const kinds = new Map(encodeDocument(d).map((n) => [n.hash, n.kind]));
    expect(kinds.get(contentHash(d.articles[0]!))).toBe("article");
    expect(kinds.get(contentHash(d.appendices[0]!))).toBe("appendix");
    expect(kinds.get(contentHash(d.appendices[0]!.sections[1]!))).toBe("section");
    expect(kinds.get(contentHash(d.appendices[0]!.sections[1]!.items[2]!))).toBe("appendixItem");
    expect(kinds.has(contentHash(d.articles[0]!.paragraphs[0]!))).toBe(false); // inline in its 条
    expect(kinds.has(contentHash(d.parties))).toBe(false); // inline in the document
    expect(kinds.has(contentHash(d.appendices[0]!.sections[1]!.items[2]!.fields[0]!))).toBe(false); // inline in its 取組
    expect(new Set(kinds.values())).toEqual(new Set(["document", "front", "article", "appendix", "section", "appendixItem"]));
    expect(kinds.size).toBe(2 + d.articles.length + 1 + d.appendices[0]!.sections.length + d.appendices[0]!.sections.reduce((n, s) => n + s.items.length, 0));
  });

  it("Given a version that changes one 取組, Then only its path is new: the front matter (parties, dates) and the articles are shared", () => {
    const v1 = makeDocument();
    const v2 = produce(v1, (d) => {
      d.appendices[0]!.sections[0]!.items[0]!.fields[0]!.text = "改めた取組内容。";
    });
    const stored = new Set(encodeDocument(v1).map((n) => n.hash));
    const added = encodeDocument(v2, (h) => stored.has(h));
    // The 取組 (its fields inline), its section, the 別表 and the document: four rows; the front matter row is shared.
    expect(added.map((n) => n.kind)).toEqual(["document", "appendix", "section", "appendixItem"]);
    // The document row holds its title, a reference to its front matter and one per provision: not the provisions.
    const docRow = added[0]!.json;
    expect(docRow).not.toContain("取組");
    expect(docRow).not.toContain(v1.preamble);
    expect(docRow).toContain(`"title":${JSON.stringify(v2.title)}`);
    const front = encodeDocument(v1).find((n) => n.kind === "front")!;
    expect(front.json).toContain(`"parties":${canonicalJson(v1.parties)}`);
    expect(docRow).toContain(`"#front":{"#":"${b64(front.hash)}"}`);
    expect(docRow).toContain(`"articles":[${v1.articles.map((a) => `{"#":"${b64(contentHash(a))}"}`).join(",")}]`);
    expect(added[3]!.json).toBe(canonicalJson(v2.appendices[0]!.sections[0]!.items[0])); // a 取組 holds no provision: its row is its canonical JSON
  });

  it("Given rows written before schema 8 (references in hex), Then they hash to their keys and decode the same; a reference's base64url changed in a spare bit names no node", () => {
    const d = makeDocument();
    const nodes = encodeDocument(d);
    // References are 43 base64url characters now, 64 hex digits before.
    expect(nodes[0]!.json).toMatch(/\{"#":"[A-Za-z0-9_-]{43}"\}/u);
    const hexRows = table(nodes.map((n) => ({ ...n, json: n.json.replace(/\{"#":"([A-Za-z0-9_-]{43})"\}/gu, (_, r: string) => `{"#":"${hexOf(r)}"}`) })));
    expect([...hexRows.values()][0]!.json).toContain(`{"#":"${contentHash(d.articles[0]!)}"}`);
    for (const n of hexRows.values()) expect(rowHash(n.hash, JSON.parse(n.json) as object, (h) => hexRows.get(h))).toBe(n.hash);
    expect(canonicalJson(decodeDocument(contentHash(d), (h) => hexRows.get(h), true))).toBe(canonicalJson(d));
    // Mixed: a schema 8 document row over schema 7 rows below it.
    const mixed = new Map([...hexRows, [nodes[0]!.hash, nodes[0]!]]);
    expect(canonicalJson(decodeDocument(contentHash(d), (h) => mixed.get(h), true))).toBe(canonicalJson(d));
    // The last of 43 characters carries 2 spare bits: another spelling of the same 32 bytes is not accepted as that hash.
    const article = b64(contentHash(d.articles[0]!));
    const last = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".indexOf(article[42]!);
    const other = article.slice(0, 42) + "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"[last ^ 1]!;
    expect(Buffer.from(other, "base64url").equals(Buffer.from(article, "base64url"))).toBe(true);
    const rows = table(nodes);
    const doc = nodes[0]!;
    rows.set(doc.hash, { ...doc, json: doc.json.replace(article, other) });
    expect(() => decodeDocument(doc.hash, (h) => rows.get(h), true)).toThrow(NodeError);
  });

  it("Given a cache, When versions sharing nodes are loaded, Then shared subtrees are one frozen object and only new nodes are read", () => {
    const v1 = makeDocument();
    const v2 = produce(v1, (d) => {
      d.title = "改題";
    });
    const rows = table([...encodeDocument(v1), ...encodeDocument(v2)]);
    const cache = mapCache();
    let reads = 0;
    const get = (h: string) => (reads++, rows.get(h));
    const a = decodeDocument(contentHash(v1), get, false, cache);
    const first = reads;
    const b = decodeDocument(contentHash(v2), get, false, cache);
    expect(reads - first).toBe(1); // only the new document row
    expect(b.articles[0]).toBe(a.articles[0]);
    expect(b.appendices[0]).toBe(a.appendices[0]);
    expect(a).toEqual(v1);
    expect(b).toEqual(v2);
    expect(Object.isFrozen(b.appendices[0]!.sections[0]!.items[0]!.fields[0])).toBe(true);
  });

  it("Given a missing node, Then node.missing names it", () => {
    const d = makeDocument();
    const rows = table(encodeDocument(d));
    const gone = contentHash(d.appendices[0]!.sections[2]!);
    rows.delete(gone);
    expect(() => decodeDocument(contentHash(d), (h) => rows.get(h))).toThrow(expect.objectContaining({ code: "node.missing", hash: gone }));
  });
});

describe("checkNodes (verify)", () => {
  const d = deepFreeze(makeDocument());
  const other = deepFreeze(makeDocument({ parties: ["岡山市", "備前市"] }));
  const item = d.appendices[0]!.sections[1]!.items[3]!;

  it("Given intact nodes, Then every root checks and each node is hashed once", () => {
    const rows = table([...encodeDocument(d), ...encodeDocument(other)]);
    let reads = 0;
    const checked = new Map<string, NodeError | null>();
    checkNodes(contentHash(d), (h) => (reads++, rows.get(h)), checked);
    checkNodes(contentHash(other), (h) => (reads++, rows.get(h)), checked);
    expect(reads).toBe(rows.size);
  });

  it("Given a tampered row, Then node.hash-mismatch names that node, for every root reaching it", () => {
    const rows = table([...encodeDocument(d), ...encodeDocument(other)]);
    const h = contentHash(item);
    rows.set(h, { hash: h, kind: "appendixItem", json: contentEncoding({ ...item, name: "差し替えた取組" }) });
    const checked = new Map<string, NodeError | null>();
    const get = (x: string) => rows.get(x);
    expect(() => checkNodes(contentHash(d), get, checked)).toThrow(expect.objectContaining({ code: "node.hash-mismatch", hash: h }));
    expect(() => checkNodes(contentHash(other), get, checked)).toThrow(expect.objectContaining({ code: "node.hash-mismatch", hash: h }));
    expect(() => decodeDocument(contentHash(d), get, true)).toThrow(NodeError);
  });

  it("Given the front matter row edited (the 前文), Then node.hash-mismatch names that row, and decoding with check fails", () => {
    const rows = table([...encodeDocument(d)]);
    const front = [...rows.values()].find((n) => n.kind === "front")!;
    rows.set(front.hash, { ...front, json: front.json.replace(d.preamble.slice(0, 4), "改ざん") });
    expect(rows.get(front.hash)!.json).not.toBe(front.json);
    expect(() => checkNodes(contentHash(d), (x) => rows.get(x), new Map())).toThrow(expect.objectContaining({ code: "node.hash-mismatch", hash: front.hash }));
    expect(() => decodeDocument(contentHash(d), (x) => rows.get(x), true)).toThrow(NodeError);
  });

  it("Given a row whose text hashes to its key but whose content does not (a child inline), Then node.hash-mismatch", () => {
    const bad = '{"a":{"b":1}}'; // sha256 of the text, but the Merkle hash of {a:{b:1}} is another
    const rows = new Map([[sha256(bad), { kind: "value", json: bad }]]);
    expect(() => checkNodes(sha256(bad), (h) => rows.get(h), new Map())).toThrow(expect.objectContaining({ code: "node.hash-mismatch" }));
  });

  it("Given a row written as schema 5 wrote it (its contentEncoding), Then it checks and decodes: a reference per child either way", () => {
    const rows = table([...encodeDocument(d)]);
    const h = contentHash(item);
    // The same 取組 as a schema 5 row, its field list as a reference to a row of its own.
    rows.set(h, { hash: h, kind: "appendixItem", json: contentEncoding(item) });
    rows.set(contentHash(item.fields), { hash: contentHash(item.fields), kind: "value", json: contentEncoding(item.fields) });
    for (const f of item.fields) rows.set(contentHash(f), { hash: contentHash(f), kind: "value", json: contentEncoding(f) });
    expect(() => checkNodes(contentHash(d), (x) => rows.get(x), new Map())).not.toThrow();
    expect(decodeDocument(contentHash(d), (x) => rows.get(x), true)).toEqual(JSON.parse(JSON.stringify(d)));
  });
});
