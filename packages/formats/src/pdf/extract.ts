/**
 * The one place that talks to PDF.js (pdfjs-dist, legacy build: it runs in Node without a
 * DOM). It turns a PDF's bytes into plain page data — text runs with positions, the ruling
 * lines of tables, whether a page paints images — or says why it cannot: encrypted, damaged,
 * or written in a direction this reader does not read. Everything after this is pure layout.
 *
 * @module
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { PageContent, Rule, Run } from "./layout.js";

/** Why the bytes could not be opened as a PDF. */
export type ExtractFailure =
  | { readonly kind: "encrypted" }
  | { readonly kind: "corrupt"; readonly detail: string }
  | { readonly kind: "rotated"; readonly page: number };

export type Extracted = { readonly ok: true; readonly pages: readonly PageContent[]; readonly producer?: string } | ({ readonly ok: false } & ExtractFailure);

// PDF.js finds its CMaps (for fonts that rely on predefined Japanese encodings such as
// UniJIS-UCS2-H) and standard fonts by path in Node.
const pdfjsRoot = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));

type Ops = Readonly<Record<string, number>>;
const IMAGE_OPS = ["paintImageXObject", "paintInlineImageXObject", "paintImageMaskXObject", "paintImageXObjectRepeat", "paintImageMaskXObjectGroup", "paintInlineImageXObjectGroup", "paintImageMaskXObjectRepeat"];
// Path painting ops; endPath only clips and draws nothing.
const PAINT_OPS = ["stroke", "closeStroke", "fill", "eoFill", "fillStroke", "eoFillStroke", "closeFillStroke", "closeEOFillStroke"];
// DrawOPS of a constructPath's path data.
const DRAW = { moveTo: 0, lineTo: 1, curveTo: 2, quadraticCurveTo: 3, closePath: 4 } as const;

type Matrix = readonly [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/** The bounding box of each subpath of a PDF.js path, in the path's own space. */
function subpathBoxes(data: ArrayLike<number>): [number, number, number, number][] {
  const boxes: [number, number, number, number][] = [];
  let box: [number, number, number, number] | undefined;
  const add = (x: number, y: number): void => {
    if (box === undefined) box = [x, y, x, y];
    else box = [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)];
  };
  for (let i = 0; i < data.length; ) {
    const op = data[i++];
    if (op === DRAW.moveTo) {
      if (box) boxes.push(box);
      box = undefined;
      add(data[i]!, data[i + 1]!);
      i += 2;
    } else if (op === DRAW.lineTo) {
      add(data[i]!, data[i + 1]!);
      i += 2;
    } else if (op === DRAW.curveTo) {
      for (let k = 0; k < 6; k += 2) add(data[i + k]!, data[i + k + 1]!);
      i += 6;
    } else if (op === DRAW.quadraticCurveTo) {
      for (let k = 0; k < 4; k += 2) add(data[i + k]!, data[i + k + 1]!);
      i += 4;
    } else if (op !== DRAW.closePath) break; // an op this reader does not know: stop, keep what was read
  }
  if (box) boxes.push(box);
  return boxes;
}

/** Thin painted boxes (table borders, drawn filled or stroked) and whether images are painted. */
function graphics(OPS: Ops, fnArray: readonly number[], argsArray: readonly unknown[]): { rules: Rule[]; images: number } {
  const imageOps = new Set(IMAGE_OPS.map((k) => OPS[k]));
  const paints = new Set(PAINT_OPS.map((k) => OPS[k]));
  const rules: Rule[] = [];
  let images = 0;
  let ctm: Matrix = IDENTITY;
  const stack: Matrix[] = [];
  fnArray.forEach((fn, i) => {
    const args = argsArray[i] as unknown[] | null;
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? IDENTITY;
    else if (fn === OPS.transform && args) ctm = multiply(ctm, args as unknown as Matrix);
    else if (imageOps.has(fn)) images++;
    else if (fn === OPS.constructPath && args && paints.has(args[0] as number)) {
      const paths = (args[1] as ArrayLike<number>[] | null) ?? [];
      for (const path of paths) {
        for (const [x0, y0, x1, y1] of subpathBoxes(path)) {
          const [ax, ay] = apply(ctm, x0, y0);
          const [bx, by] = apply(ctm, x1, y1);
          const rule = { x0: Math.min(ax, bx), y0: Math.min(ay, by), x1: Math.max(ax, bx), y1: Math.max(ay, by) };
          // a border is thin across and long along; filled areas and glyph-like shapes are not rules
          const w = rule.x1 - rule.x0;
          const h = rule.y1 - rule.y0;
          if ((w <= 2.5 && h >= 6) || (h <= 2.5 && w >= 6)) rules.push(rule);
        }
      }
    }
  });
  return { rules, images };
}

interface PdfjsError {
  readonly name?: string;
  readonly message?: string;
}

/**
 * Open a PDF and read every page's text runs (in PDF user space: y grows upwards), its
 * ruling lines and its image count.
 *
 * @example
 * const got = await extractPages(bytes);
 * if (got.ok) got.pages[0]!.runs[0]!.text; // "連携中枢都市圏形成に係る連携協約書"
 */
export async function extractPages(bytes: Uint8Array): Promise<Extracted> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  // PDF.js takes ownership of (and detaches) the buffer it is given: hand it a copy.
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    cMapUrl: join(pdfjsRoot, "cmaps") + "/",
    cMapPacked: true,
    standardFontDataUrl: join(pdfjsRoot, "standard_fonts") + "/",
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
  });
  try {
    const doc = await task.promise;
    const meta = await doc.getMetadata().catch(() => undefined);
    const producer = (meta?.info as { Producer?: unknown } | undefined)?.Producer;
    const pages: PageContent[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [vx0, vy0, vx1, vy1] = page.view as [number, number, number, number];
      const content = await page.getTextContent();
      const runs: Run[] = [];
      for (const item of content.items) {
        if (!("str" in item) || item.str.trim() === "") continue;
        const [a, b, c, d, e, f] = item.transform as [number, number, number, number, number, number];
        if (Math.abs(b) > 1e-3 || Math.abs(c) > 1e-3 || a <= 0 || d <= 0) return { ok: false, kind: "rotated", page: n };
        runs.push({ text: item.str, x: e - vx0, y: f - vy0, width: item.width, size: Math.abs(d) });
      }
      const ops = await page.getOperatorList();
      const { rules, images } = graphics(pdfjs.OPS as Ops, ops.fnArray, ops.argsArray);
      pages.push({
        width: vx1 - vx0,
        height: vy1 - vy0,
        runs,
        rules: rules.map((r) => ({ x0: r.x0 - vx0, y0: r.y0 - vy0, x1: r.x1 - vx0, y1: r.y1 - vy0 })),
        images,
      });
      page.cleanup();
    }
    return { ok: true, pages, ...(typeof producer === "string" ? { producer } : {}) };
  } catch (e) {
    const err = e as PdfjsError;
    if (err.name === "PasswordException") return { ok: false, kind: "encrypted" };
    return { ok: false, kind: "corrupt", detail: err.message ?? String(e) };
  } finally {
    await task.destroy();
  }
}

