import fc from "fast-check";
import { produce } from "immer";
import { describe, expect, it } from "vitest";
import { contentEncoding, contentHash, contentRefs, deepFreeze, sha256 } from "../model/canonical.js";
import { documents } from "../model/documents.testkit.js";
import { checkNodes, decodeDocument, encodeDocument, NodeError, type EncodedNode, type NodeCache } from "./nodes.js";
import { makeDocument } from "./store.testkit.js";

const table = (nodes: readonly EncodedNode[]): Map<string, EncodedNode> => new Map(nodes.map((n) => [n.hash, n]));
const mapCache = (): NodeCache & { size: () => number } => {
  const m = new Map<string, unknown>();
  return { get: (h) => m.get(h), set: (h, v) => void m.set(h, v), size: () => m.size };
};

describe("encodeDocument / decodeDocument (Merkle nodes)", () => {
  it("Given any document, Then every node is its contentEncoding keyed by sha256 of that text, and decoding gives the document back (fast-check)", () => {
    fc.assert(
      fc.property(documents, (d) => {
        const nodes = encodeDocument(d);
        expect(nodes[0]!.hash).toBe(contentHash(d));
        expect(nodes[0]!.kind).toBe("document");
        const byHash = table(nodes);
        for (const n of nodes) {
          expect(sha256(n.json)).toBe(n.hash);
          for (const r of contentRefs(n.json)) expect(byHash.has(r)).toBe(true); // closed: every child is stored
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

  it("names the provision kinds by their place; everything else is a value node", () => {
    const d = makeDocument();
    const kinds = new Map(encodeDocument(d).map((n) => [n.hash, n.kind]));
    expect(kinds.get(contentHash(d.articles[0]!))).toBe("article");
    expect(kinds.get(contentHash(d.articles[0]!.paragraphs[0]!))).toBe("paragraph");
    expect(kinds.get(contentHash(d.appendices[0]!))).toBe("appendix");
    expect(kinds.get(contentHash(d.appendices[0]!.sections[1]!))).toBe("section");
    expect(kinds.get(contentHash(d.appendices[0]!.sections[1]!.items[2]!))).toBe("appendixItem");
    expect(kinds.get(contentHash(d.parties))).toBe("value");
    expect(kinds.get(contentHash(d.appendices[0]!.sections[1]!.items[2]!.fields[0]!))).toBe("value");
  });

  it("Given a version that changes one 取組, Then only its path is new: the front matter (parties, dates) and the articles are shared", () => {
    const v1 = makeDocument();
    const v2 = produce(v1, (d) => {
      d.appendices[0]!.sections[0]!.items[0]!.fields[0]!.text = "改めた取組内容。";
    });
    const stored = new Set(encodeDocument(v1).map((n) => n.hash));
    const added = encodeDocument(v2, (h) => stored.has(h));
    // field, field list, 取組, 取組 list, section, section list, 別表, 別表 list, document.
    expect(added.map((n) => n.kind)).toEqual(["document", "value", "appendix", "value", "section", "value", "appendixItem", "value", "value"]);
    // The document row holds its own strings and one reference per child: not the provisions.
    const docRow = added[0]!.json;
    expect(docRow).toBe(contentEncoding(v2));
    expect(docRow).not.toContain("取組");
    expect(docRow).toContain(`"parties":{"#":"${contentHash(v1.parties)}"}`);
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
    expect(b.articles).toBe(a.articles);
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

  it("Given a row that hashes to its key but is not an encoding, Then node.hash-mismatch", () => {
    const bad = '{"a":{"b":1}}'; // a child written inline, not as a reference
    const rows = new Map([[sha256(bad), { kind: "value", json: bad }]]);
    expect(() => checkNodes(sha256(bad), (h) => rows.get(h), new Map())).toThrow(expect.objectContaining({ code: "node.hash-mismatch" }));
  });
});
