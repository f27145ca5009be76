// Types of workload.mjs for the TypeScript tests.
import type { AgreementDocument, LegalEventInput } from "@kyoyaku/core";

export interface PlannedUnit {
  readonly agreementId: string;
  readonly events: readonly LegalEventInput[];
}
export function rng(seed: number): () => number;
export function amendArticle(base: AgreementDocument, n: number, tag: string, concludedOn: string, appliesFrom: string, sourceName: string): LegalEventInput;
export function crashPlan(seed: number, units: number, agreements: number, base: AgreementDocument): PlannedUnit[];
export function plannedShas(plan: readonly PlannedUnit[]): Map<string, string[]>;
export function writerAmendment(base: AgreementDocument, writer: number, i: number, random: () => number): LegalEventInput;
export function concludeFor(base: AgreementDocument, agreementId: string): LegalEventInput;
