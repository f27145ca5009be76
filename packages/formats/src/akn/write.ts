/**
 * {@link writeAkn}: an agreement's history as Akoma Ntoso 3.0 — FRBR identification, the
 * lifecycle (one eventRef per 締結/変更/廃止 date), temporalData (the periods of each version
 * and of each event's 施行 and 適用), passive modifications (what each 変更 changed, by its
 * operations), and the consolidated text of each version or of one date. See docs/formats.md.
 *
 * @module
 */
import {
  EVENT_KIND_LABEL, appendixItemAddress, effectiveEvents, articleAddress, normalizeText, paragraphAddress, parseAddress, sectionAddress, sectionKey, todayInJapan,
  type AgreementDocument, type Appendix, type Article, type HistoryEntry, type IsoDate, type Item, type Operation, type Paragraph, type StoredEvent, type Timeline,
} from "@kyoyaku/core";
import { el, xmlDocument, type XmlElement } from "../xml/write.js";

/** The Akoma Ntoso 3.0 namespace. */
export const AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";

/** What {@link writeAkn} writes from: the stored events, the history entries (dates as corrected) and the timeline. */
export interface AknInput {
  readonly agreementId: string;
  /** The stored events known at the time exported (all, or those recorded by `--known-at`). */
  readonly events: readonly StoredEvent[];
  readonly entries: readonly HistoryEntry[];
  readonly timeline: Timeline;
  /** Only the version in force on this date; default: every version. */
  readonly on?: IsoDate;
  /** The manifestation's date (the day of the export). */
  readonly generatedOn: IsoDate;
}

const SEGMENT_ABBR: Readonly<Record<string, string>> = {
  article: "art", paragraph: "para", item: "item", appendix: "app", section: "sec", field: "fld", caption: "heading",
  supplementary: "suppl", preamble: "preamble", title: "longTitle", name: "name", date: "date", closing: "closing", signedOn: "signedOn",
  parties: "parties", party: "party", articles: "body", appendices: "apps",
};

/** A value as a part of an eId: no white space, no characters that break a reference. */
const safe = (v: string): string => v.replace(/の/gu, "-").replace(/[\s#/"'<>&]/gu, "_");

/** An address as an AKN eId (`article:3の2/paragraph:2` → `art_3-2__para_2`), with a version prefix when several versions share a document. */
export function eIdOf(address: string, prefix = ""): string {
  const segs = parseAddress(address) ?? [];
  const id = segs.map((s) => `${SEGMENT_ABBR[s.kind] ?? s.kind}${s.value !== undefined ? `_${safe(s.value)}` : ""}`).join("__");
  return prefix === "" ? id : `${prefix}__${id}`;
}

const p = (text: string): XmlElement => el("p", {}, text);

function itemsOf(items: readonly Item[], parent: string, prefix: string): XmlElement[] {
  return items.map((it) => {
    const id = `${parent}__item_${safe(normalizeText(it.label))}`;
    return el("point", { eId: id }, [el("num", {}, it.label), it.items.length === 0 ? el("content", {}, [p(it.text)]) : el("intro", {}, [p(it.text)]), ...itemsOf(it.items, id, prefix)]);
  });
}

function paragraphElement(para: Paragraph, eId: string, prefix: string): XmlElement {
  if (para.items.length === 0) return el("paragraph", { eId }, [el("num", {}, String(para.number)), el("content", {}, [p(para.text)])]);
  return el("paragraph", { eId }, [el("num", {}, String(para.number)), el("list", { eId: `${eId}__list_1` }, [el("intro", {}, [p(para.text)]), ...itemsOf(para.items, eId, prefix)])]);
}

function articleElement(a: Article, prefix: string): XmlElement {
  return el("article", { eId: eIdOf(articleAddress(a.number), prefix) }, [
    el("num", {}, `第${a.number}条`),
    a.caption !== undefined ? el("heading", { eId: `${eIdOf(articleAddress(a.number), prefix)}__heading` }, a.caption) : undefined,
    ...a.paragraphs.map((x) => paragraphElement(x, eIdOf(paragraphAddress(a.number, x.number), prefix), prefix)),
  ]);
}

function appendixElement(a: Appendix, prefix: string): XmlElement {
  const rows = a.sections.flatMap((s, si) => [
    el("tr", { eId: eIdOf(sectionAddress(a.number, sectionKey(s, si)), prefix) }, [el("th", { colspan: 2 }, [p(s.label === "" ? s.title : `${s.label} ${s.title}`)])]),
    ...s.items.flatMap((it) => [
      el("tr", { eId: eIdOf(appendixItemAddress(a.number, sectionKey(s, si), it.name), prefix) }, [el("th", { colspan: 2 }, [p(it.name)])]),
      ...it.fields.map((f) => el("tr", { eId: `${eIdOf(appendixItemAddress(a.number, sectionKey(s, si), it.name), prefix)}__fld_${safe(normalizeText(f.name))}` }, [el("td", {}, [p(f.name)]), el("td", {}, [p(f.text)])])),
    ]),
  ]);
  return el("hcontainer", { eId: eIdOf(`appendix:${a.number}`, prefix), name: "appendix" }, [
    el("num", {}, a.heading),
    el("content", {}, rows.length > 0 ? [el("table", { eId: `${eIdOf(`appendix:${a.number}`, prefix)}__table_1` }, rows)] : [p("")]),
  ]);
}

/** The provisions of one version: 条, 附則 and 別表 (the preface and conclusions are the act's). */
function provisions(doc: AgreementDocument, prefix: string): (XmlElement | undefined)[] {
  const s = doc.supplementary;
  return [
    ...doc.articles.map((a) => articleElement(a, prefix)),
    s !== undefined
      ? el("hcontainer", { eId: eIdOf("supplementary", prefix), name: "supplementaryProvisions" }, [el("heading", {}, s.heading), ...s.paragraphs.map((x) => paragraphElement(x, `${eIdOf("supplementary", prefix)}__para_${x.number}`, prefix))])
      : undefined,
    ...doc.appendices.map((a) => appendixElement(a, prefix)),
  ];
}

const partyId = (i: number): string => `party_${i + 1}`;

/** The events beyond 締結/施行/適用 that a lifecycle or workflow may name: eId, ontology slug, label. */
const TLC_EVENTS: readonly (readonly [string, string, string])[] = [
  ["notice", "tsukoku", "通告"], ["noticeWithdrawn", "tsukoku-tekkai", "通告の撤回"], ["lapse", "shikkou", "通告による失効"],
  ["renewal", "koushin", "更新"], ["renewalDeclined", "koushin-kyozetsu", "更新拒絶"], ["expiry", "kikan-manryou", "期間満了"],
  ["resolution", "giketsu", "議会の議決"], ["draft", "an", "案（未確定）"],
];

function preface(doc: AgreementDocument): XmlElement {
  return el("preface", {}, [
    el("longTitle", {}, [el("p", {}, [el("docTitle", {}, doc.title)])]),
    doc.date !== undefined ? el("p", {}, [doc.date.iso !== undefined ? el("docDate", { date: doc.date.iso }, doc.date.text) : el("span", {}, doc.date.text)]) : undefined,
    ...doc.parties.map((x, i) => el("p", {}, [el("party", { refersTo: `#${partyId(i)}`, as: `#role_${i + 1}` }, x.name)])),
    doc.name !== undefined ? el("p", {}, [el("shortTitle", {}, doc.name)]) : undefined,
  ]);
}

function conclusions(doc: AgreementDocument): XmlElement | undefined {
  if (doc.closing === undefined && doc.signedOn === undefined && doc.parties.length === 0) return undefined;
  return el("conclusions", {}, [
    doc.closing !== undefined ? p(doc.closing) : undefined,
    doc.signedOn !== undefined ? el("p", {}, [doc.signedOn.iso !== undefined ? el("date", { date: doc.signedOn.iso, refersTo: "#signature" }, doc.signedOn.text) : el("span", {}, doc.signedOn.text)]) : undefined,
    ...doc.parties.map((x, i) =>
      el("signature", {}, [
        el("p", {}, [el("role", { refersTo: `#role_${i + 1}` }, x.role)]),
        x.address !== undefined ? el("p", {}, [el("location", { refersTo: `#${partyId(i)}` }, x.address)]) : undefined,
        el("p", {}, [el("party", { refersTo: `#${partyId(i)}`, as: `#role_${i + 1}` }, x.name)]),
        x.office !== undefined || x.head !== undefined ? el("p", {}, [el("span", {}, [x.office, x.head].filter((t) => t !== undefined).join(" "))]) : undefined,
      ]),
    ),
  ]);
}

/** The date an event takes effect in the history: 適用日, else 効力発生日, else 締結日. */
const eventDate = (e: HistoryEntry): IsoDate | undefined => e.dates?.appliesFrom ?? e.dates?.effectiveFrom ?? e.dates?.concludedOn;

const AKN_EVENT_TYPE: Readonly<Partial<Record<string, string>>> = { conclude: "generation", baseline: "generation", amend: "amendment", abolish: "repeal" };

/**
 * The legal events that change no text but the agreement's life: an eventRef on their 締結日
 * (通告日, the day withdrawn, renewed or declined) with no AKN `type` — the schema's three
 * (generation, amendment, repeal) are about the text — and a TLCEvent saying which.
 */
const OTHER_EVENT: Readonly<Partial<Record<string, { readonly suffix: string; readonly concept: string }>>> = {
  notice: { suffix: "notified", concept: "notice" },
  withdrawNotice: { suffix: "withdrawn", concept: "noticeWithdrawn" },
  renew: { suffix: "renewed", concept: "renewal" },
  declineRenewal: { suffix: "declined", concept: "renewalDeclined" },
};

/** A legal event (ratified, or a pending draft) the export names: it has a source (a passiveRef). */
const named = (e: HistoryEntry): boolean => (AKN_EVENT_TYPE[e.kind] !== undefined || OTHER_EVENT[e.kind] !== undefined) && e.status !== "retracted";

const MOD_TYPE: Readonly<Record<Operation["op"], string>> = {
  replace: "substitution", replaceText: "substitution", deleteText: "repeal", insert: "insertion", delete: "repeal", renumber: "renumbering", restate: "substitution",
};

/** Every eId written in a tree. */
function eIdsIn(e: XmlElement | undefined, out = new Set<string>()): Set<string> {
  if (e === undefined) return out;
  const id = e.attrs?.eId;
  if (typeof id === "string") out.add(id);
  for (const c of e.children ?? []) eIdsIn(c, out);
  return out;
}

/**
 * The eId a textualMod points at: the changed provision's, else (an address the body has no
 * element for: a 号 whose label the address writes otherwise, the title, a party) its
 * nearest ancestor that has one, else the version (or the body).
 */
function destinationId(address: string | undefined, prefix: string, written: ReadonlySet<string>): string {
  const segs = address?.split("/") ?? [];
  for (let n = segs.length; n > 0; n--) {
    const id = eIdOf(segs.slice(0, n).join("/"), prefix);
    if (written.has(id)) return id;
  }
  return prefix !== "" ? prefix : "body";
}

/** The address an operation changes (an insert names where the new node goes: its parent). */
function destination(o: Operation): string | undefined {
  if (o.op === "restate") return undefined;
  return o.op === "insert" ? o.parent : o.target;
}

interface Lifecycle {
  readonly refs: XmlElement[];
  /** eventRef id by date. */
  readonly byDate: Map<IsoDate, string>;
}

/**
 * One eventRef per date of each ratified 締結/変更/廃止 (締結日, 効力発生日, 適用日); one on the
 * day of each ratified 通告, 撤回, 更新 and 更新拒絶; one for each end no 廃止 names (a 通告's
 * 失効日, 期間満了); and one for each version boundary no event date names (an operation
 * applied from its own date, or a draft applied on request).
 */
function lifecycle(entries: readonly HistoryEntry[], timeline: Timeline, originSeq: number | undefined, clauseRef: (address: string, on: IsoDate) => string): Lifecycle {
  const { versions, abolishedFrom } = timeline;
  const refs: XmlElement[] = [];
  const byDate = new Map<IsoDate, string>();
  const add = (id: string, date: IsoDate, source: string, type: string | undefined, refersTo: string): void => {
    refs.push(el("eventRef", { eId: id, date, source, type, refersTo }));
    if (!byDate.has(date)) byDate.set(date, id);
  };
  for (const e of entries) {
    if (e.status !== "ratified") continue;
    const d = e.dates;
    const other = OTHER_EVENT[e.kind];
    if (other !== undefined && d?.concludedOn !== undefined) add(`evt_${e.seq}_${other.suffix}`, d.concludedOn, `#src_${e.seq}`, undefined, `#${other.concept}`);
    const type = AKN_EVENT_TYPE[e.kind];
    if (type === undefined) continue;
    if (d?.appliesFrom !== undefined) add(`evt_${e.seq}_applies`, d.appliesFrom, `#src_${e.seq}`, type, "#applies");
    if (d?.effectiveFrom !== undefined) add(`evt_${e.seq}_effective`, d.effectiveFrom, `#src_${e.seq}`, type, "#effective");
    if (d?.concludedOn !== undefined) add(`evt_${e.seq}_concluded`, d.concludedOn, `#src_${e.seq}`, type, "#concluded");
  }
  // The ends that no 廃止 names: a 通告's 失効日, a fixed term's end (期間満了, the day after its last day).
  for (const n of timeline.notices ?? []) if (n.outcome === "ended") add(`evt_${n.seq}_lapse`, n.expiresOn, `#src_${n.seq}`, "repeal", `#lapse${clauseRef(n.clause, n.notifiedOn)}`);
  const term = timeline.term;
  if (term?.outcome === "expired" && abolishedFrom !== undefined) {
    const by = term.declinedBy ?? term.renewedBy.at(-1) ?? originSeq;
    add("evt_expiry", abolishedFrom, by !== undefined ? `#src_${by}` : "#kyoyaku", "repeal", `#expiry${clauseRef(term.clause, term.from)}`);
  }
  // A version made by a draft applied on request (--with-drafts) starts at no legal event: marked as the draft's.
  const drafts = new Set(entries.filter((e) => e.status === "draft").map((e) => e.seq));
  const boundary = (date: IsoDate, seq: number | undefined, type: string): void => {
    if (byDate.has(date)) return;
    if (seq !== undefined && drafts.has(seq)) add(`evt_${date}`, date, `#src_${seq}`, undefined, "#draft");
    else add(`evt_${date}`, date, seq !== undefined ? `#src_${seq}` : "#kyoyaku", type, "#applies");
  };
  // Starts first: a version's start names the event that made it; its end (the next start) would not.
  versions.forEach((v, i) => boundary(v.interval.from, v.changedBy[0]?.seq, i === 0 ? "generation" : "amendment"));
  for (const v of versions) if (v.interval.to !== null) boundary(v.interval.to, undefined, v.interval.to === abolishedFrom ? "repeal" : "amendment");
  refs.sort((a, b) => String(a.attrs?.date).localeCompare(String(b.attrs?.date)));
  return { refs, byDate };
}

/**
 * An agreement's history as Akoma Ntoso 3.0: `<akomaNtoso><act>` with `meta` (FRBR
 * identification under `/akn/jp/act/renkei-kyoyaku/<締結日>/<id>/…`, lifecycle (and, as workflow
 * steps, each party's 議決日 and the pending drafts), analysis with
 * passiveModifications, temporalData, references), the preface (title, date, parties), the
 * body — each version's provisions in an `hcontainer name="version"` with its period, or
 * the provisions of the version in force on `on` — and the conclusions (closing, signatures).
 *
 * @example
 * writeAkn({ agreementId: "okayama-wake", events, entries, timeline, generatedOn: "2026-12-03" })
 *   .includes('<FRBRthis value="/akn/jp/act/renkei-kyoyaku/2016-10-11/okayama-wake/!main"/>'); // true
 */
export function writeAkn(input: AknInput): string {
  const { agreementId: id, timeline, entries, on } = input;
  const all = timeline.versions;
  const chosen = on === undefined ? all : all.filter((v) => v.interval.from <= on && (v.interval.to === null || on < v.interval.to));
  if (chosen.length === 0) throw new Error(on === undefined ? `${id}: no version` : `${id}: no version in force on ${on}`);
  const latest = chosen.at(-1)!;
  // The work is dated by its 締結日 (the act's date), else by its first version.
  const origin = entries.find((e) => (e.kind === "conclude" || e.kind === "baseline") && e.status === "ratified");
  const workDate = origin?.dates?.concludedOn ?? all[0]!.interval.from;
  // AKN naming convention: /akn/{country}/{type}/{subtype}/{date}/{number}; an agreement has no
  // number (no 法令番号), so its id is the disambiguating name in the number's place.
  const work = `/akn/jp/act/renkei-kyoyaku/${workDate}/${id}`;
  const expression = `${work}/jpn@${latest.interval.from}`;

  const body =
    on === undefined
      ? all.map((v, i) =>
          // A version a draft made (only with withDrafts) is not law: AKN's status for that is `unlegislated`.
          el("hcontainer", { eId: `ver_${i + 1}`, name: "version", period: `#tp_v${i + 1}`, status: v.changedBy.some((r) => r.draft) ? "unlegislated" : undefined }, [
            el("num", {}, `[${v.interval.from}, ${v.interval.to ?? ""})`),
            el("heading", {}, v.document.title),
            ...provisions(v.document, `ver_${i + 1}`),
          ]),
        )
      : provisions(latest.document, "");

  const written = eIdsIn(el("body", {}, body));

  // The provision that fixed a 失効日 or a term's end, in the version in force on that day (when the body holds it).
  const clauseRef = (address: string, day: IsoDate): string => {
    const k = all.findIndex((v) => v.interval.from <= day && (v.interval.to === null || day < v.interval.to));
    const prefix = on === undefined ? (k >= 0 ? `ver_${k + 1}` : undefined) : all[k] === latest ? "" : undefined;
    if (prefix === undefined) return "";
    const id = destinationId(address, prefix, written);
    return id === prefix || id === "body" ? "" : ` #${id}`;
  };
  const life = lifecycle(entries, timeline, origin?.seq, clauseRef);
  const ref = (date: IsoDate): string => `#${life.byDate.get(date)!}`;

  const temporal = [
    ...all.map((v, i) =>
      el("temporalGroup", { eId: `tp_v${i + 1}` }, [el("timeInterval", { refersTo: "#applies", start: ref(v.interval.from), end: v.interval.to !== null ? ref(v.interval.to) : undefined })]),
    ),
    ...entries
      .filter((e) => AKN_EVENT_TYPE[e.kind] !== undefined && e.status === "ratified" && (e.dates?.effectiveFrom !== undefined || e.dates?.appliesFrom !== undefined))
      .map((e) =>
        el("temporalGroup", { eId: `tp_evt_${e.seq}` }, [
          e.dates?.effectiveFrom !== undefined ? el("timeInterval", { refersTo: "#effective", start: `#evt_${e.seq}_effective` }) : undefined,
          e.dates?.appliesFrom !== undefined ? el("timeInterval", { refersTo: "#applies", start: `#evt_${e.seq}_applies` }) : undefined,
        ]),
      ),
  ];

  // What each 変更 changed, pointing into the version it made.
  const versionBySeq = new Map<number, number>();
  all.forEach((v, i) => v.changedBy.forEach((r) => versionBySeq.has(r.seq) || versionBySeq.set(r.seq, i + 1)));
  const ratified = new Set(entries.filter((e) => e.status === "ratified").map((e) => e.seq));
  // The payload as the record reads it: a 訂正 that replaced a 変更's operations is what it changed.
  const mods = effectiveEvents(input.events).flatMap((ev) => {
    const payload = ev.payload;
    if (payload.kind !== "amend" || !ratified.has(ev.seq)) return [];
    const k = versionBySeq.get(ev.seq);
    const prefix = on === undefined && k !== undefined ? `ver_${k}` : "";
    return payload.operations.map((o, i) => {
      const dest = destination(o);
      return el("textualMod", { eId: `pmod_${ev.seq}_${i + 1}`, type: MOD_TYPE[o.op], period: k !== undefined ? `#tp_v${k}` : undefined }, [
        el("source", { href: `#src_${ev.seq}` }),
        el("destination", { href: `#${destinationId(dest, prefix, written)}` }),
        o.op === "replaceText" ? el("old", { href: `#src_${ev.seq}` }, o.from) : undefined,
        o.op === "replaceText" ? el("new", { href: `#src_${ev.seq}` }, o.to) : undefined,
        o.op === "deleteText" ? el("old", { href: `#src_${ev.seq}` }, o.text) : undefined,
      ]);
    });
  });

  const recordedDay = (e: HistoryEntry): IsoDate => todayInJapan(new Date(e.recordedAt));
  const sources = entries.filter(named).map((e) =>
    el("passiveRef", {
      eId: `src_${e.seq}`,
      href: `/akn/jp/doc/renkei-kyoyaku/${eventDate(e) ?? e.dates?.concludedOn ?? recordedDay(e)}/${id}-${e.seq}/!main`,
      showAs: `${EVENT_KIND_LABEL[e.kind]}${e.status === "draft" ? "（案・未確定）" : ""} #${e.seq}${e.sourceName !== undefined ? ` ${e.sourceName}` : ""}${e.sourceSha256 !== undefined ? ` sha256:${e.sourceSha256}` : ""}`,
    }),
  );

  const doc = latest.document;
  // Every municipality named: the parties of the text shown, then any other one a 議決 names.
  const orgs = new Map<string, { id: string; name: string }>(doc.parties.map((x, i) => [normalizeText(x.name), { id: partyId(i), name: x.name }]));
  const orgOf = (name: string): string => {
    const key = normalizeText(name);
    if (!orgs.has(key)) orgs.set(key, { id: partyId(orgs.size), name });
    return orgs.get(key)!.id;
  };
  // 議決日 per party, and the drafts (案) as steps still pending: procedure, not the act's life.
  const steps = entries.filter(named).flatMap((e) => [
    ...Object.entries(e.dates?.resolutions ?? {}).map(([party, date]) =>
      el("step", { eId: `wf_${e.seq}_resolution_${orgOf(party)}`, date, by: `#${orgOf(party)}`, refersTo: "#resolution", href: `#src_${e.seq}` })),
    ...(e.status === "draft" ? [el("step", { eId: `wf_${e.seq}_draft`, date: recordedDay(e), by: "#kyoyaku", refersTo: "#draft", outcome: "#pending", href: `#src_${e.seq}` })] : []),
  ]).sort((a, b) => String(a.attrs?.date).localeCompare(String(b.attrs?.date)));
  return xmlDocument(
    el("akomaNtoso", { xmlns: AKN_NS }, [
      el("act", { name: "renkei-kyoyaku", contains: on === undefined && all.length > 1 ? "multipleVersions" : "singleVersion" }, [
        el("meta", {}, [
          el("identification", { source: "#kyoyaku" }, [
            el("FRBRWork", {}, [
              el("FRBRthis", { value: `${work}/!main` }),
              el("FRBRuri", { value: work }),
              el("FRBRalias", { value: doc.title, name: "title" }),
              el("FRBRdate", { date: workDate, name: origin?.dates?.concludedOn !== undefined ? "締結" : "適用" }),
              ...doc.parties.map((_, i) => el("FRBRauthor", { href: `#${partyId(i)}`, as: `#role_${i + 1}` })),
              el("FRBRcountry", { value: "jp" }),
              el("FRBRsubtype", { value: "renkei-kyoyaku" }),
              el("FRBRnumber", { value: id }),
            ]),
            el("FRBRExpression", {}, [
              el("FRBRthis", { value: `${expression}/!main` }),
              el("FRBRuri", { value: expression }),
              el("FRBRdate", { date: latest.interval.from, name: "適用" }),
              el("FRBRauthor", { href: "#kyoyaku", as: "#editor" }),
              el("FRBRlanguage", { language: "jpn" }),
            ]),
            el("FRBRManifestation", {}, [
              el("FRBRthis", { value: `${expression}/!main.xml` }),
              el("FRBRuri", { value: `${expression}.akn` }),
              el("FRBRdate", { date: input.generatedOn, name: "generation" }),
              el("FRBRauthor", { href: "#kyoyaku", as: "#editor" }),
              el("FRBRformat", { value: "application/akn+xml" }),
            ]),
          ]),
          el("lifecycle", { source: "#kyoyaku" }, life.refs),
          steps.length > 0 ? el("workflow", { source: "#kyoyaku" }, steps) : undefined,
          mods.length > 0 ? el("analysis", { source: "#kyoyaku" }, [el("passiveModifications", {}, mods)]) : undefined,
          el("temporalData", { source: "#kyoyaku" }, temporal),
          el("references", { source: "#kyoyaku" }, [
            ...sources,
            el("TLCOrganization", { eId: "kyoyaku", href: "/akn/ontology/organizations/kyoyaku", showAs: "kyoyaku" }),
            ...[...orgs.values()].map((o) => el("TLCOrganization", { eId: o.id, href: `/akn/ontology/organizations/jp/${normalizeText(o.name)}`, showAs: o.name })),
            ...doc.parties.map((x, i) => el("TLCRole", { eId: `role_${i + 1}`, href: `/akn/ontology/roles/jp/${x.role}`, showAs: x.role })),
            el("TLCRole", { eId: "editor", href: "/akn/ontology/roles/editor", showAs: "consolidating editor" }),
            el("TLCConcept", { eId: "signature", href: "/akn/ontology/concepts/jp/kimei-ouin", showAs: "記名押印" }),
            el("TLCEvent", { eId: "concluded", href: "/akn/ontology/events/jp/teiketsu", showAs: "締結" }),
            el("TLCEvent", { eId: "effective", href: "/akn/ontology/events/jp/shikou", showAs: "施行" }),
            el("TLCEvent", { eId: "applies", href: "/akn/ontology/events/jp/tekiyou", showAs: "適用" }),
            ...TLC_EVENTS.filter(([eId]) => [...life.refs, ...steps].some((r) => String(r.attrs?.refersTo).split(" ").includes(`#${eId}`)))
              .map(([eId, slug, label]) => el("TLCEvent", { eId, href: `/akn/ontology/events/jp/${slug}`, showAs: label })),
            ...(steps.some((s) => s.attrs?.outcome === "#pending") ? [el("TLCConcept", { eId: "pending", href: "/akn/ontology/concepts/jp/mikakutei", showAs: "未確定" })] : []),
          ]),
        ]),
        preface(doc),
        doc.preamble !== "" ? el("preamble", {}, doc.preamble.split("\n").map(p)) : undefined,
        el("body", { eId: "body" }, body),
        conclusions(doc),
      ]),
    ]),
  );
}
