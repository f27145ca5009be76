/**
 * Writing a 変更連携協約書 in 改め文 style from operations: 題名, 前文 (「…に締結した…連携協約の
 * 一部を次のとおり変更する。」), one sentence per provision changed in the order the operations
 * apply (「第5条中「A」を「B」に改め、「C」を削る。」「第6条を第7条とし、第5条の次に次の1条を
 * 加える。」「別表II中「X」の項を削る。」 …) with the new text after the sentences that add or
 * rewrite provisions, the 附則 (適用日, ただし書), the 後文 and the 署名欄.
 *
 * Every draft is read back with @kyoyaku/text's reader and applied to the text in force: a
 * draft that would import as anything other than its operations is refused, never returned.
 *
 * @module
 */
import {
  addressLabel, applyOperation, articleLabel, canonicalJson, diffDocuments, fail, issue, normalizeText, ok, parseAddress, resolveAddress, toWareki, addDays,
  type AgreementDocument, type Appendix, type AppendixItem, type Article, type Issue, type Item, type Operation, type Paragraph, type Result, type Section,
} from "@kyoyaku/core";
import { renderProvision, parseAmendment } from "@kyoyaku/text";
import { renderComparisonTable } from "@kyoyaku/report";
import type { Draft, DraftBase, DraftOptions } from "./types.js";

/** A provision the 改め文 cannot name or an operation it cannot say (a 号 below a 号, a new 区分). */
class Unwritable extends Error {
  constructor(message: string, readonly address?: string) { super(message); }
}

/** The 1-based position of a 号 among its 項's 号, by label. */
function itemIndex(p: Paragraph | undefined, label: string): number {
  const i = p?.items.findIndex((it) => normalizeText(it.label) === normalizeText(label)) ?? -1;
  return i + 1;
}

/** The name of the 別表 at `n` as the 改め文 says it: 別表 when it is the only one. */
const appendixName = (doc: AgreementDocument, n: string): string => (doc.appendices.length <= 1 && n === "1" ? "別表" : `別表第${n}`);

/**
 * The provision at an address, as a 改め文 names it in `doc` (the text the sentence applies to).
 *
 * @example
 * provisionName(doc, "article:3/paragraph:2"); // "第3条第2項"
 * provisionName(doc, "appendix:1/section:II/item:高度な中心拠点の強化"); // "別表II中「高度な中心拠点の強化」の項"
 */
export function provisionName(doc: AgreementDocument, address: string): string {
  const segs = parseAddress(address);
  if (!segs || segs.length === 0) throw new Unwritable(`アドレス「${address}」を読めない`, address);
  const [head, ...rest] = segs;
  switch (head!.kind) {
    case "title": return "題名";
    case "preamble": return "前文";
    case "name": return "名称";
    case "article": {
      const art = articleLabel(head!.value!);
      if (rest.length === 0) return art;
      if (rest[0]!.kind === "caption") return `${art}の見出し`;
      if (rest[0]!.kind !== "paragraph") break;
      const para = `${art}第${rest[0]!.value}項`;
      if (rest.length === 1) return para;
      if (rest.length === 2 && rest[1]!.kind === "item") {
        const p = resolveAddress(doc, `article:${head!.value}/paragraph:${rest[0]!.value}`) as Paragraph | undefined;
        const k = itemIndex(p, rest[1]!.value!);
        if (k > 0) return `${para}第${k}号`;
      }
      break;
    }
    case "appendix": {
      const appendix = appendixName(doc, head!.value!);
      if (rest.length === 0) return appendix;
      const section = rest[0]!.value!;
      const sectionName = section.startsWith("#") ? "" : section;
      if (rest.length === 1 && sectionName !== "") return `${appendix}${sectionName}`;
      if (rest.length === 2 && rest[1]!.kind === "item") {
        const it = resolveAddress(doc, address) as AppendixItem | undefined;
        return `${appendix}${sectionName}中「${it?.name ?? rest[1]!.value}」の項`;
      }
      break;
    }
    case "supplementary":
      if (rest.length === 1 && rest[0]!.kind === "paragraph") return `附則第${rest[0]!.value}項`;
      break;
    default: break;
  }
  throw new Unwritable(`改め文で名指せない規定（${address}）`, address);
}

/** A renumbered provision's new name: 「同条第4項」 when it stays in the same 条. */
function renumberedName(doc: AgreementDocument, from: string, to: string): string {
  const f = parseAddress(from)!;
  const t = parseAddress(to)!;
  const last = t[t.length - 1]!;
  if (last.kind === "article") return articleLabel(last.value!);
  if (last.kind === "paragraph" && t[0]!.kind === "article") return `同条第${last.value}項`;
  if (last.kind === "item" && f[0]!.kind === "article") {
    const m = /^[(（]?([0-9０-９]+)[)）]?$/u.exec(last.value!.normalize("NFKC"));
    if (m) return `同項第${m[1]}号`;
  }
  throw new Unwritable(`${provisionName(doc, from)}の番号の変更（${to}）は改め文で書けない`, from);
}

/** The verb endings: mid-sentence (連用形 + 、) and at its end. */
const VERBS = {
  改め: ["改め、", "改める。"], 削: ["削り、", "削る。"], 加え: ["加え、", "加える。"], とし: ["し、", "する。"], 付: ["付し、", "付する。"],
} as const;
type Verb = keyof typeof VERBS;

interface Clause { readonly stem: string; readonly verb: Verb }

/** One sentence of the 本則 and the new text that follows it. */
interface Sentence { readonly clauses: Clause[]; content?: string }

const sentenceText = (s: Sentence): string =>
  s.clauses.map((c, i) => `${c.stem}${VERBS[c.verb][i === s.clauses.length - 1 ? 1 : 0]}`).join("");

/** The unit a count of new provisions is given in (「次の1条」), or undefined for 「次のように」. */
function unitOf(parent: string): string | undefined {
  const segs = parseAddress(parent) ?? [];
  const last = segs[segs.length - 1];
  if (parent === "articles") return "条";
  if (last?.kind === "article") return "項";
  if (last?.kind === "paragraph" || last?.kind === "item") return "号";
  return undefined;
}

/** The new text of inserted or rewritten provisions, laid out as the reader reads it. */
function contentOf(node: unknown, address: string): string {
  if (typeof node === "string") return node;
  const segs = parseAddress(address) ?? [];
  const last = segs[segs.length - 1]!;
  if (last.kind === "paragraph") {
    const p = node as Paragraph;
    return [`${p.number} ${p.text}`, ...itemLines(p.items)].join("\n");
  }
  if (last.kind === "item" && segs[segs.length - 2]?.kind !== "section") return itemLines([node as Item]).join("\n");
  return renderProvision(node as Article | Appendix | Section | AppendixItem, address);
}

function itemLines(items: readonly Item[]): string[] {
  return items.flatMap((it) => [`${it.label} ${it.text}`, ...itemLines(it.items)]);
}

/** The address of the node an insert adds (for the next insert that follows it). */
function insertedAddress(parent: string, node: unknown): string | undefined {
  if (typeof node !== "object" || node === null) return undefined;
  const n = node as Record<string, unknown>;
  if (parent === "articles") return `article:${String(n.number)}`;
  if (parent === "appendices") return `appendix:${String(n.number)}`;
  if ("fields" in n) return `${parent}/item:${normalizeText(String(n.name))}`;
  if ("paragraphs" in n) return undefined;
  if ("label" in n && "text" in n) return `${parent}/item:${normalizeText(String(n.label))}`;
  if ("number" in n) return `${parent}/paragraph:${String(n.number)}`;
  return undefined;
}

/** The 本則's sentences, stepping the document through the operations so each names what is there when it applies. */
function sentencesOf(before: AgreementDocument, operations: readonly Operation[]): Sentence[] {
  const out: Sentence[] = [];
  let doc = before;
  let open: Sentence | undefined; // a sentence that may take more clauses (renumbering, deletion)
  let textTarget: string | undefined; // the provision the last text edit named
  const close = (): void => { if (open) out.push(open); open = undefined; textTarget = undefined; };
  const push = (c: Clause): Sentence => { open ??= { clauses: [] }; open.clauses.push(c); return open; };
  for (let i = 0; i < operations.length; i++) {
    const op = operations[i]!;
    const step = (o: Operation): void => {
      const r = applyOperation(doc, o);
      if (!r.ok) throw new Unwritable(r.issues.map((x) => x.message).join("／"), "target" in o ? o.target : undefined);
      doc = r.value;
    };
    switch (op.op) {
      case "replaceText":
      case "deleteText": {
        if (op.occurrence !== undefined && op.occurrence !== 1) throw new Unwritable(`${op.occurrence}番目の引用は改め文で書けない（「最初の」だけ）`, op.target);
        const quote = op.op === "replaceText" ? op.from : op.text;
        const first = op.occurrence === 1 ? "最初の" : "";
        const edit = op.op === "replaceText" ? { stem: `${first}「${op.from}」を「${op.to}」に`, verb: "改め" as const } : { stem: `${first}「${quote}」を`, verb: "削" as const };
        if (textTarget !== op.target) { close(); textTarget = op.target; push({ ...edit, stem: `${provisionName(doc, op.target)}中${edit.stem}` }); }
        else push(edit);
        step(op);
        continue;
      }
      case "delete": {
        if (textTarget !== undefined) close();
        const name = provisionName(doc, op.target);
        push({ stem: `${name}を`, verb: "削" });
        step(op);
        continue;
      }
      case "renumber": {
        if (textTarget !== undefined) close();
        push({ stem: `${provisionName(doc, op.target)}を${renumberedName(doc, op.target, op.to)}と`, verb: "とし" });
        step(op);
        continue;
      }
      case "replace": {
        if (textTarget !== undefined) close();
        if (op.target.endsWith("/caption")) {
          if (typeof op.node !== "string") throw new Unwritable("見出しは文字列で改める", op.target);
          push({ stem: `${provisionName(doc, op.target)}を「（${op.node}）」に`, verb: "改め" });
          step(op);
          continue;
        }
        const s = push({ stem: `${provisionName(doc, op.target)}を次のように`, verb: "改め" });
        s.content = contentOf(op.node, op.target);
        step(op);
        close();
        continue;
      }
      case "insert": {
        if (textTarget !== undefined) close();
        if (typeof op.node === "string") {
          push({ stem: `${provisionName(doc, op.parent)}に見出しとして「（${op.node}）」を`, verb: "付" });
          step(op);
          continue;
        }
        // Consecutive inserts that follow each other are one 「次のN条を加える」.
        const group: Operation[] = [op];
        let lastAddr = insertedAddress(op.parent, op.node);
        while (i + 1 < operations.length) {
          const n = operations[i + 1]!;
          if (n.op !== "insert" || n.parent !== op.parent || typeof n.node === "string") break;
          const follows = (lastAddr !== undefined && n.after === lastAddr) || (op.before !== undefined && n.before === op.before);
          if (!follows) break;
          group.push(n);
          lastAddr = insertedAddress(n.parent, n.node);
          i++;
        }
        const unit = unitOf(op.parent);
        if (unit === undefined && !/\/section:[^/]+$/u.test(op.parent)) throw new Unwritable(`${op.parent}に規定を加える改め文は書けない`, op.parent);
        // New 項 or 号 after the last ones: 「第3条に次の1項を加える。」.
        const parent = op.parent.startsWith("article:") ? resolveAddress(doc, op.parent) as Article | Paragraph | undefined : undefined;
        const children = parent === undefined ? [] : "paragraphs" in parent ? parent.paragraphs.map((p) => `${op.parent}/paragraph:${p.number}`) : parent.items.map((x) => `${op.parent}/item:${normalizeText(x.label)}`);
        const atEnd = op.after !== undefined && children.at(-1) === op.after;
        const where = atEnd ? `${provisionName(doc, op.parent)}に` : op.after !== undefined ? `${provisionName(doc, op.after)}の次に` : op.before !== undefined ? `${provisionName(doc, op.before)}の前に` : `${provisionName(doc, op.parent)}に`;
        const what = unit !== undefined ? `次の${group.length}${unit}を` : "次のように";
        const s = push({ stem: `${where}${what}`, verb: "加え" });
        s.content = group.map((g) => (g.op === "insert" ? contentOf(g.node, insertedAddress(g.parent, g.node) ?? `${g.parent}/item:x`) : "")).join("\n\n");
        for (const g of group) step(g);
        close();
        continue;
      }
      case "restate":
        throw new Unwritable("全部変更は改め文でなく新しい協約書の全文で書く");
    }
  }
  close();
  return out;
}

/** 「連携中枢都市圏形成に係る連携協約書」 → 「…に係る変更連携協約書」. */
export function changeTitle(title: string): string {
  const m = /^(.*?)((?:連携)?(?:協約|協定)書?)$/u.exec(title);
  return m ? `${m[1]}変更${m[2]}` : `${title}の変更`;
}

/** What the change agreement calls itself in its 附則 and 後文: 変更連携協約, 変更協定 or 変更協約. */
export function changeNoun(doc: AgreementDocument): string {
  const t = `${doc.title}${doc.name ?? ""}`;
  return t.includes("連携協約") ? "変更連携協約" : t.includes("協定") ? "変更協定" : "変更協約";
}

/** The name of the agreement changed, as the 前文 names it. */
export const baseName = (doc: AgreementDocument): string => doc.name ?? doc.title.replace(/書$/u, "");

/** The 附則: the 適用日, with a ただし書 for provisions that apply from another day. */
export function supplementary(options: DraftOptions, noun: string): string[] {
  const main = `この${noun}は、${toWareki(options.appliesFrom)}から適用する。`;
  const byDay = new Map<string, string[]>();
  for (const [address, day] of Object.entries(options.provisionDates ?? {})) {
    if (day === options.appliesFrom) continue;
    const names = byDay.get(day) ?? [];
    names.push(address);
    byDay.set(day, names);
  }
  const provisos = [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, names]) => `${names.join("及び")}の改正規定は、${toWareki(day)}から適用する。`);
  if (provisos.length === 0) return [main];
  return [`${main}ただし、${provisos[0]!}`, ...provisos.slice(1).map((p, i) => `${i + 2} 前項の規定にかかわらず、${p}`)].map((l, i) => (i === 0 && provisos.length > 1 ? `1 ${l}` : l));
}

export function signatureBlock(doc: AgreementDocument): string[] {
  return doc.parties.flatMap((p) => [p.address !== undefined ? `${p.role} ${p.address}` : p.role, "", p.name, "", ...(p.office !== undefined ? [p.office, ""] : []), ""]);
}

/**
 * Write the whole 変更連携協約書 for `operations` on `base.before`, and check it: the text is
 * read back (as a 案 when `signedOn` is absent) and its operations applied to the text in force
 * must give the same text as `operations` do. Errors are located issues (`draft.unwritable`
 * for a change the 改め文 cannot say, `draft.roundtrip` when the text would import as
 * something else); nothing is ever returned that would import wrongly.
 *
 * @example
 * const r = writeAmendment({ id: "okayama-wake", before, concludedOn: "2016-10-11" },
 *   [{ op: "replaceText", target: "article:5", from: "毎年度", to: "毎年度1回以上" }], { appliesFrom: "2025-04-01" });
 * if (r.ok) r.value.text; // "(案)\n\n連携中枢都市圏形成に係る変更連携協約書\n…第5条中「毎年度」を「毎年度1回以上」に改める。…"
 */
export function writeAmendment(base: DraftBase, operations: readonly Operation[], options: DraftOptions): Result<Draft> {
  const before = base.before;
  // A ただし書 must name a provision this change changes (the reader refuses one that matches nothing).
  const touched = operations.flatMap((o) => (o.op === "restate" ? [] : o.op === "insert" ? [insertedAddress(o.parent, o.node) ?? o.parent] : o.op === "renumber" ? [o.target, o.to] : [o.target]));
  const idle = Object.keys(options.provisionDates ?? {}).filter((a) => !touched.some((t) => t === a || t.startsWith(`${a}/`)));
  if (idle.length > 0) {
    return fail(idle.map((a) => issue("error", "draft.date-per-unchanged", `${addressLabel(a)}はこの変更で改めないため、その適用日（ただし書）を書けない`, { address: a })));
  }
  let body: Sentence[];
  let after: AgreementDocument;
  let provisoNames: Record<string, string>;
  try {
    body = sentencesOf(before, operations);
    let doc = before;
    for (const op of operations) {
      const r = applyOperation(doc, op);
      if (!r.ok) return fail(r.issues);
      doc = r.value;
    }
    after = doc;
    provisoNames = Object.fromEntries(Object.keys(options.provisionDates ?? {}).map((a) => [a, provisionName(resolveAddress(before, a) !== undefined ? before : after, a)]));
  } catch (e) {
    if (e instanceof Unwritable) return fail([issue("error", "draft.unwritable", `改め文に書けない変更：${e.message}`, e.address !== undefined ? { address: e.address } : {})]);
    throw e;
  }
  const date = options.signedOn !== undefined ? toWareki(options.signedOn) : DRAFT_DATE;
  const lines: string[] = [];
  const block = (...ls: string[]): void => { lines.push(...ls, ""); };
  if (options.signedOn === undefined) block("(案)");
  block(changeTitle(before.title));
  block(date);
  block(...before.parties.map((p) => p.name));
  if (before.name !== undefined) block(changeTitle(before.name));
  block(`${roles(before)}は、${toWareki(base.concludedOn)}に締結した${baseName(before)}の一部を次のとおり変更する。`);
  for (const s of body) {
    block(sentenceText(s));
    if (s.content !== undefined) block(...s.content.split("\n"));
  }
  block("附 則");
  const named = { ...options, provisionDates: Object.fromEntries(Object.entries(options.provisionDates ?? {}).map(([a, d]) => [provisoNames[a]!, d])) };
  for (const l of supplementary(named, changeNoun(before))) block(l);
  block(`この${changeNoun(before)}の締結を証するため、本書${before.parties.length}通を作成し、${roles(before)}が記名押印の上、それぞれ各1通を保有する。`);
  block(date);
  lines.push(...signatureBlock(before));
  const text = `${lines.join("\n").replace(/\n+$/u, "")}\n`;

  const check = readBack(base, text, after, options);
  if (check.length > 0) return fail(check);
  const d = diffDocuments(before, after);
  const diff = { agreementId: base.id, from: addDays(options.appliesFrom, -1), to: options.appliesFrom, patch: d.patch, changes: d.changes };
  const table = (format: "text" | "md" | "html"): string => renderComparisonTable(diff, { format, before, after });
  return ok({ text, operations, after, diff, comparison: { text: table("text"), md: table("md"), html: table("html") } });
}

/** A draft's date: the day left blank until it is signed. */
export const DRAFT_DATE = "令和○年○月○日";

/** 「甲及び乙」「甲、乙及び丙」. */
export function roles(doc: AgreementDocument): string {
  const r = doc.parties.map((p) => p.role);
  return r.length <= 1 ? (r[0] ?? "") : `${r.slice(0, -1).join("、")}及び${r[r.length - 1]}`;
}

/** Read the draft back as an amendment of `before` and check it reaches `after`. */
function readBack(base: DraftBase, text: string, after: AgreementDocument, options: DraftOptions): Issue[] {
  const parsed = parseAmendment(text, { base: base.before, file: "draft", allowDraft: true });
  if (!parsed.ok) {
    return parsed.issues.filter((x) => x.severity === "error").map((x) => ({ ...x, code: "draft.roundtrip", message: `下書きを読み返せない（kyoyaku の不具合。報告してください）：${x.message}` }));
  }
  const payload = parsed.value.event.payload;
  if (payload.kind !== "amend") return [issue("error", "draft.roundtrip", "下書きが変更連携協約として読めない（kyoyaku の不具合）")];
  let doc = base.before;
  for (const op of payload.operations) {
    const r = applyOperation(doc, op);
    if (!r.ok) return r.issues.map((x) => ({ ...x, code: "draft.roundtrip", message: `下書きを読み返して適用できない（kyoyaku の不具合）：${x.message}` }));
    doc = r.value;
  }
  if (canonicalJson(doc) !== canonicalJson(after)) return [issue("error", "draft.roundtrip", "下書きを読み返して適用した本文が、意図した本文と一致しない（kyoyaku の不具合。報告してください）")];
  const dated = Object.entries(options.provisionDates ?? {});
  const readDays = new Set(payload.operations.map((o) => o.appliesFrom).filter((x) => x !== undefined));
  for (const [, day] of dated) if (day !== options.appliesFrom && !readDays.has(day)) return [issue("error", "draft.roundtrip", `ただし書の適用日（${day}）が読み返した改正規定に付かない（kyoyaku の不具合）`)];
  return [];
}
