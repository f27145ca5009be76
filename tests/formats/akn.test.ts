// Akoma Ntoso 3.0 export of a whole history: well-formed (checked by fast-xml-parser, not the
// writer), in the AKN namespace, with the FRBR identification, lifecycle, temporalData and
// passive modifications the AKN vocabulary documents, and every reference resolving.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { openKyoyaku, type Kyoyaku, type LegalEventInput } from "@kyoyaku/core";
import { AKN_NS, writeAkn } from "@kyoyaku/formats";
import { parseText } from "@kyoyaku/text";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";

const dir = fileURLToPath(new URL("../fixtures/", import.meta.url));

function event(f: string): LegalEventInput {
  const r = parseText(readFileSync(`${dir}${f}`, "utf8"), { file: f });
  if (!r.ok) throw new Error(`${f}: ${r.issues.map((i) => i.message).join("\n")}`);
  return r.value.event;
}

function tick(): () => string {
  let t = Date.parse("2026-01-01T00:00:00.000Z");
  return () => new Date((t += 60_000)).toISOString();
}

const ID = "okayama-wake";

/** 締結 (H28-10-11), 第3条 replaced (R7-04-01), 第5条 text changed partly from R7-10-01, and a ratified 廃止 from R8-04-01. */
function history(): Kyoyaku {
  const k = openKyoyaku({ clock: tick() });
  const rec = (e: LegalEventInput): void => void k.record({ agreementId: ID, event: e, recordedBy: "法規担当" });
  rec(event("seeds/000_0d517b853e764d1a.txt"));
  rec(event("amendments/01_replace_article.txt"));
  rec(event("amendments/13_proviso.txt"));
  rec(event("amendments/10_insert_appendix_items.txt"));
  rec(event("amendments/05_delete_text.txt"));
  const abolish = event("amendments/16_abolish.txt");
  rec({ ...abolish, draft: false, dates: { ...abolish.dates, concludedOn: "2026-03-20", resolutions: { 岡山市: "2026-03-10", 和気町: "2026-03-12" } } });
  return k;
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (_n: string, _p: unknown, _l: boolean, attr: boolean) => !attr, alwaysCreateTextNode: true, trimValues: true, parseTagValue: false });
type Node = Record<string, unknown>;
const kids = (n: unknown, name: string): Node[] => ((n as Record<string, unknown[]>)[name] ?? []) as Node[];
/** Every element (depth first) with its name. */
function walk(n: unknown, name = "", out: [string, Node][] = []): [string, Node][] {
  if (typeof n !== "object" || n === null) return out;
  if (name !== "") out.push([name, n as Node]);
  for (const [k, v] of Object.entries(n)) if (!k.startsWith("@") && k !== "#text" && Array.isArray(v)) for (const c of v) walk(c, k, out);
  return out;
}

function exported(on?: string): { xml: string; act: Node; k: Kyoyaku } {
  const k = history();
  const xml = writeAkn({ agreementId: ID, events: k.events(ID), entries: k.history(ID), timeline: k.timeline(ID), ...(on !== undefined && { on }), generatedOn: "2026-12-03" });
  const root = kids(parser.parse(xml), "akomaNtoso")[0]!;
  return { xml, act: kids(root, "act")[0]!, k };
}

describe("Akoma Ntoso export of a whole history", () => {
  const { xml, act, k } = exported();
  const meta = kids(act, "meta")[0]!;
  const versions = k.timeline(ID).versions;

  it("is well-formed XML in the AKN 3.0 namespace, an act with several versions", () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(kids(parser.parse(xml), "akomaNtoso")[0]!["@xmlns"]).toBe(AKN_NS);
    expect(AKN_NS).toBe("http://docs.oasis-open.org/legaldocml/ns/akn/3.0");
    expect(act["@contains"]).toBe("multipleVersions");
    expect(versions.length).toBeGreaterThanOrEqual(3);
  });

  it("identifies Work, Expression and Manifestation with /akn/jp/act/… names and dates", () => {
    const id = kids(meta, "identification")[0]!;
    const [w, e, m] = ["FRBRWork", "FRBRExpression", "FRBRManifestation"].map((n) => kids(id, n)[0]!);
    const v = (n: Node, f: string): unknown => kids(n, f)[0]?.["@value"];
    expect(v(w!, "FRBRuri")).toBe("/akn/jp/act/renkei-kyoyaku/2016-10-11/okayama-wake");
    expect(v(w!, "FRBRthis")).toBe("/akn/jp/act/renkei-kyoyaku/2016-10-11/okayama-wake/!main");
    expect(v(w!, "FRBRcountry")).toBe("jp");
    const last = versions.at(-1)!.interval.from;
    expect(v(e!, "FRBRuri")).toBe(`/akn/jp/act/renkei-kyoyaku/2016-10-11/okayama-wake/jpn@${last}`);
    expect(kids(e!, "FRBRlanguage")[0]!["@language"]).toBe("jpn");
    expect(v(m!, "FRBRthis")).toBe(`/akn/jp/act/renkei-kyoyaku/2016-10-11/okayama-wake/jpn@${last}/!main.xml`);
    expect(kids(m!, "FRBRdate")[0]!["@date"]).toBe("2026-12-03");
  });

  it("has a lifecycle eventRef for the 締結, each 変更 and the 廃止, with dates and sources", () => {
    const refs = kids(kids(meta, "lifecycle")[0], "eventRef");
    const byType = (t: string): string[] => refs.filter((r) => r["@type"] === t).map((r) => `${String(r["@date"])} ${String(r["@source"])}`);
    expect(byType("generation")).toContain("2016-10-11 #src_1");
    expect(byType("amendment")).toEqual(expect.arrayContaining(["2025-04-01 #src_2", "2025-04-01 #src_3"]));
    expect(byType("repeal")).toContain("2026-04-01 #src_6");
    const dates = refs.map((r) => String(r["@date"]));
    expect(dates).toEqual([...dates].sort());
  });

  it("gives each version a temporalGroup whose interval starts and ends at eventRefs of its dates", () => {
    const refs = new Map(kids(kids(meta, "lifecycle")[0], "eventRef").map((r) => [`#${String(r["@eId"])}`, String(r["@date"])]));
    const groups = kids(kids(meta, "temporalData")[0], "temporalGroup");
    versions.forEach((v, i) => {
      const ti = kids(groups.find((g) => g["@eId"] === `tp_v${i + 1}`), "timeInterval")[0]!;
      expect(refs.get(String(ti["@start"]))).toBe(v.interval.from);
      expect(ti["@end"] === undefined ? null : refs.get(String(ti["@end"]))).toBe(v.interval.to);
    });
    // 施行 (effective) of the 廃止 and 適用 of the 変更 are periods too.
    expect(groups.flatMap((g) => kids(g, "timeInterval")).map((t) => t["@refersTo"])).toEqual(expect.arrayContaining(["#applies", "#effective"]));
  });

  it("names what each 変更 changed as textualMod with source and a destination that exists in the body", () => {
    const mods = kids(kids(kids(meta, "analysis")[0], "passiveModifications")[0], "textualMod");
    expect(mods.length).toBeGreaterThanOrEqual(2);
    const eIds = new Set(walk(act).map(([, n]) => n["@eId"]).filter((x) => x !== undefined));
    const sources = new Set(kids(kids(meta, "references")[0], "passiveRef").map((r) => `#${String(r["@eId"])}`));
    for (const m of mods) {
      expect(sources.has(String(kids(m, "source")[0]!["@href"]))).toBe(true);
      expect(eIds.has(String(kids(m, "destination")[0]!["@href"]).slice(1))).toBe(true);
    }
    // An inserted 取組 points into its 別表 section; a deleted text into its provision.
    expect(mods.some((m) => m["@type"] === "insertion" && /__app_1__sec_/u.test(String(kids(m, "destination")[0]!["@href"])))).toBe(true);
    expect(mods.some((m) => m["@type"] === "repeal" && kids(m, "old").length === 1)).toBe(true);
    const art3 = mods.find((m) => String(kids(m, "destination")[0]!["@href"]).endsWith("__art_3"))!;
    expect(art3["@type"]).toBe("substitution");
    expect(kids(art3, "source")[0]!["@href"]).toBe("#src_2");
  });

  it("holds every version's consolidated text in an hcontainer with its period; eIds are unique; every #ref resolves", () => {
    const body = kids(act, "body")[0]!;
    const hs = kids(body, "hcontainer");
    expect(hs.map((h) => h["@period"])).toEqual(versions.map((_, i) => `#tp_v${i + 1}`));
    hs.forEach((h, i) => expect(kids(h, "article").map((a) => kids(a, "num")[0]!["#text"])).toEqual(versions[i]!.document.articles.map((a) => `第${a.number}条`)));
    const ids = walk(act).map(([, n]) => n["@eId"]).filter((x) => x !== undefined);
    expect(new Set(ids).size).toBe(ids.length);
    const idSet = new Set(ids);
    for (const [, n] of walk(act)) for (const a of ["@refersTo", "@source", "@start", "@end", "@period", "@as", "@href"]) {
      const v = n[a];
      if (typeof v === "string" && v.startsWith("#")) for (const r of v.split(" ")) expect(idSet.has(r.slice(1)), `${a}=${v}`).toBe(true);
    }
  });
});

describe("Akoma Ntoso export of one date", () => {
  it("holds only the version in force that day, its articles directly in the body", () => {
    const { xml, act, k } = exported("2025-06-01");
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(act["@contains"]).toBe("singleVersion");
    const doc = k.asOf(ID, "2025-06-01").document!;
    const body = kids(act, "body")[0]!;
    expect(kids(body, "hcontainer").filter((h) => h["@name"] === "version")).toEqual([]);
    expect(kids(body, "article").map((a) => a["@eId"])).toEqual(doc.articles.map((a) => `art_${a.number}`));
    const id = kids(kids(act, "meta")[0], "identification")[0]!;
    expect(kids(kids(id, "FRBRExpression")[0], "FRBRuri")[0]!["@value"]).toBe(`/akn/jp/act/renkei-kyoyaku/2016-10-11/okayama-wake/jpn@${k.asOf(ID, "2025-06-01").interval!.from}`);
  });
});

/** Every `#ref` in the act names an element of it, and eIds are unique. */
function expectRefsResolve(act: Node): void {
  const ids = walk(act).map(([, n]) => n["@eId"]).filter((x) => x !== undefined);
  expect(new Set(ids).size).toBe(ids.length);
  const idSet = new Set(ids);
  for (const [, n] of walk(act)) for (const a of ["@refersTo", "@source", "@start", "@end", "@period", "@as", "@href", "@by", "@outcome"]) {
    const v = n[a];
    if (typeof v === "string" && v.startsWith("#")) for (const r of v.split(" ")) expect(idSet.has(r.slice(1)), `${a}=${v}`).toBe(true);
  }
}

function write(k: Kyoyaku, id: string, withDrafts = false): { xml: string; act: Node; meta: Node } {
  const xml = writeAkn({ agreementId: id, events: k.events(id), entries: k.history(id), timeline: k.timeline(id, withDrafts ? { withDrafts } : {}), generatedOn: "2026-12-03" });
  expect(XMLValidator.validate(xml)).toBe(true);
  const act = kids(kids(parser.parse(xml), "akomaNtoso")[0], "act")[0]!;
  return { xml, act, meta: kids(act, "meta")[0]! };
}
const lifecycleOf = (meta: Node): string[] =>
  kids(kids(meta, "lifecycle")[0], "eventRef").map((r) => [r["@eId"], r["@date"], r["@type"] ?? "-", r["@refersTo"], r["@source"]].join(" "));
const stepsOf = (meta: Node): string[] =>
  kids(kids(meta, "workflow")[0], "step").map((s) => [s["@date"], s["@by"], s["@refersTo"], s["@outcome"] ?? "-", s["@href"]].join(" "));
const showAs = (meta: Node, tag: string, eId: string): unknown => kids(kids(meta, "references")[0], tag).find((r) => r["@eId"] === eId)?.["@showAs"];

describe("Akoma Ntoso export: 議決日, 通告, drafts, 更新 and 期間満了", () => {
  it("writes each party's 議決日 as a workflow step by that municipality, pointing at the event's source", () => {
    const { act } = exported();
    const meta = kids(act, "meta")[0]!;
    const steps = stepsOf(meta);
    expect(steps).toEqual(expect.arrayContaining(["2026-03-10 #party_1 #resolution - #src_6", "2026-03-12 #party_2 #resolution - #src_6"]));
    expect([showAs(meta, "TLCOrganization", "party_1"), showAs(meta, "TLCOrganization", "party_2")]).toEqual(["岡山市", "和気町"]);
    expectRefsResolve(act);
  });

  const ID2 = "okayama-wake-2020";
  function noticed(): Kyoyaku {
    const k = openKyoyaku({ clock: tick() });
    const rec = (e: LegalEventInput): void => void k.record({ agreementId: ID2, event: e, recordedBy: "法規担当" });
    rec(event("notice/kyoyaku-tsukoku.txt"));
    rec(event("notice/tsukoku-letter.txt"));
    rec({ payload: { kind: "amend", operations: [{ op: "replaceText", target: "article:4", from: "協議", to: "書面による協議" }] }, dates: { resolutions: {}, appliesFrom: "2026-04-01" }, draft: true, parties: ["岡山市", "和気町"] });
    return k;
  }

  it("gives a 通告 an eventRef on its 通告日 (no AKN type: it changes no text) and a repeal on its 失効日, which ends the last version", () => {
    const k = noticed();
    const { act, meta } = write(k, ID2);
    const life = lifecycleOf(meta);
    expect(life).toContain("evt_2_notified 2025-06-30 - #notice #src_2");
    expect(life).toContain("evt_2_lapse 2027-06-30 repeal #lapse #ver_1__art_5__para_1 #src_2");
    const last = kids(kids(meta, "temporalData")[0], "temporalGroup").find((g) => g["@eId"] === `tp_v${k.timeline(ID2).versions.length}`)!;
    expect(kids(last, "timeInterval")[0]!["@end"]).toBe("#evt_2_lapse");
    expect(stepsOf(meta)).toContain("2025-06-20 #party_1 #resolution - #src_2");
    expect(showAs(meta, "TLCEvent", "lapse")).toBe("通告による失効");
    expectRefsResolve(act);
  });

  it("marks a draft (案) as a pending workflow step with its source, never as a lifecycle event or a modification", () => {
    const k = noticed();
    const { act, meta } = write(k, ID2);
    expect(lifecycleOf(meta).filter((r) => r.endsWith("#src_3"))).toEqual([]);
    expect(stepsOf(meta)).toContain("2026-01-01 #kyoyaku #draft #pending #src_3");
    expect(showAs(meta, "passiveRef", "src_3")).toMatch(/^変更（案・未確定） #3/u);
    expect(kids(meta, "analysis")).toEqual([]);
    expectRefsResolve(act);
    // Asked to apply drafts, the version the draft makes starts at an eventRef marked as the draft's, with no AKN type.
    const withDrafts = write(k, ID2, true);
    expect(lifecycleOf(withDrafts.meta)).toContain("evt_2026-04-01 2026-04-01 - #draft #src_3");
    expect(kids(kids(withDrafts.act, "body")[0], "hcontainer").map((h) => h["@status"] ?? "-")).toEqual(["-", "unlegislated"]);
    expect(kids(kids(act, "body")[0], "hcontainer").map((h) => h["@status"] ?? "-")).toEqual(["-"]);
    expectRefsResolve(withDrafts.act);
  });

  it("writes a 通告の撤回: an eventRef on the day withdrawn, and no 失効", () => {
    const k = noticed();
    k.record({ agreementId: ID2, recordedBy: "法規担当", event: { payload: { kind: "withdrawNotice", target: 2 }, dates: { concludedOn: "2026-06-30", resolutions: { 岡山市: "2026-06-20" } }, draft: false, parties: ["岡山市"] } });
    const { act, meta } = write(k, ID2);
    const life = lifecycleOf(meta);
    expect(life).toContain("evt_4_withdrawn 2026-06-30 - #noticeWithdrawn #src_4");
    expect(life.some((r) => r.includes("#lapse"))).toBe(false);
    expect(kids(kids(meta, "references")[0], "TLCEvent").map((t) => t["@eId"])).not.toContain("lapse");
    expectRefsResolve(act);
  });

  it("writes 更新 and 更新拒絶 on their days and the 期間満了 as the repeal ending the term (the day after its last day)", () => {
    const k = openKyoyaku({ clock: tick() });
    const id = "tsuyama-kagamino";
    const rec = (e: LegalEventInput): void => void k.record({ agreementId: id, event: e, recordedBy: "法規担当" });
    rec(event("notice/teijuu-kyotei.txt"));
    rec({ payload: { kind: "renew", until: "2031-03-31", automatic: true }, dates: { concludedOn: "2025-12-31", resolutions: {} }, draft: false, parties: ["津山市", "鏡野町"] });
    rec({ payload: { kind: "declineRenewal", party: "鏡野町" }, dates: { concludedOn: "2030-12-01", resolutions: {} }, draft: false, parties: ["鏡野町"] });
    const { act, meta } = write(k, id);
    const life = lifecycleOf(meta);
    expect(life).toEqual(expect.arrayContaining([
      "evt_2_renewed 2025-12-31 - #renewal #src_2",
      "evt_3_declined 2030-12-01 - #renewalDeclined #src_3",
      "evt_expiry 2031-04-01 repeal #expiry #ver_1__art_3__para_1 #src_3",
    ]));
    const versions = k.timeline(id).versions;
    expect(versions.at(-1)!.interval.to).toBe("2031-04-01");
    const last = kids(kids(meta, "temporalData")[0], "temporalGroup").find((g) => g["@eId"] === `tp_v${versions.length}`)!;
    expect(kids(last, "timeInterval")[0]!["@end"]).toBe("#evt_expiry");
    expectRefsResolve(act);
  });
});

describe("Akoma Ntoso export after a 訂正", () => {
  it("names what a corrected 変更 changes as the record now reads it, not as first recorded", () => {
    const k = history();
    const first = k.events(ID)[4]!;
    const op = first.legal?.payload.kind === "amend" ? first.legal.payload.operations[0]! : undefined;
    expect(op?.op).toBe("deleteText");
    if (op?.op !== "deleteText") return;
    k.correct({ agreementId: ID, target: 5, reason: "削るのではなく改める変更だった", recordedBy: "法規担当", payload: { kind: "amend", operations: [{ op: "replaceText", target: op.target, from: op.text, to: "改めた文言" }] } });
    const mods = kids(kids(kids(write(k, ID).meta, "analysis")[0], "passiveModifications")[0], "textualMod").filter((m) => kids(m, "source")[0]!["@href"] === "#src_5");
    expect(mods.map((m) => [m["@type"], kids(m, "old")[0]?.["#text"], kids(m, "new")[0]?.["#text"]])).toEqual([["substitution", op.text, "改めた文言"]]);
  });
});
