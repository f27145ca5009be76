import fc from "fast-check";
import type { AgreementDocument } from "./document.js";

/** Short strings, empty and odd ones included. */
export const text = fc.string({ maxLength: 12 });
const paragraph = fc.record({ number: fc.nat(9), text, items: fc.array(fc.record({ label: text, text, items: fc.constant([]) }), { maxLength: 2 }) });

/**
 * Random documents of the model's shape (small, unfrozen), for property tests of hashing
 * and the node store.
 *
 * @example
 * fc.assert(fc.property(documents, (d) => contentHash(d) === contentHash(structuredClone(d))));
 */
export const documents: fc.Arbitrary<AgreementDocument> = fc.record({
  title: text,
  parties: fc.array(fc.record({ role: text, name: text, office: fc.option(text, { nil: undefined }) }), { maxLength: 3 }),
  preamble: text,
  articles: fc.array(fc.record({ number: text, caption: fc.option(text, { nil: undefined }), paragraphs: fc.array(paragraph, { maxLength: 3 }) }), { maxLength: 4 }),
  closing: fc.option(text, { nil: undefined }),
  appendices: fc.array(
    fc.record({
      number: fc.nat(3),
      heading: text,
      sections: fc.array(fc.record({ label: text, title: text, items: fc.array(fc.record({ name: text, fields: fc.array(fc.record({ name: text, text }), { maxLength: 3 }) }), { maxLength: 3 }) }), { maxLength: 3 }),
    }),
    { maxLength: 2 },
  ),
  unknown: fc.array(text, { maxLength: 2 }),
});
