// The decision sets of a preview as text: DMN files and decision ids. A parsed DecisionModel holds compiled FEEL
// (class instances, caches) that cannot be posted to a worker thread; its file's text can, and each worker reads
// it into models and caches of its own (preview-worker.ts).
import { readDecisionModel, readDeployedDecisionModel, type DecisionModel } from '../dmn-evaluator/decision-model.ts';
import type { ReviewDecisions } from '../review/judge-filing.ts';
import { withCandidates, type DecisionSets } from './impact-preview.ts';

export interface DecisionSource {
  /** The DMN file holding the decision (the whole file: the decision's DRG is in it). */
  xml: string;
  decisionId: string;
}

export interface DecisionSources {
  /** The deployed decisions a review calls. */
  deployed: Record<keyof ReviewDecisions, DecisionSource>;
  /** The candidate files, in the order given (withCandidates lets a later file's decision win). */
  candidates: string[];
}

/** The same decision sets as the main thread's: deployed models, then withCandidates over the candidate files. */
export async function decisionSetsOf(sources: DecisionSources): Promise<DecisionSets> {
  // One model per distinct text: counting and weight usually share a file, and then its caches too.
  const models = new Map<string, Promise<DecisionModel>>();
  const modelOf = (xml: string) => {
    let model = models.get(xml);
    // Read as the worker reads the deployed file (dmn-evaluator/deployed-decisions.ts).
    if (!model) models.set(xml, (model = readDeployedDecisionModel(xml)));
    return model;
  };
  const loaded = async ({ xml, decisionId }: DecisionSource) => ({ model: await modelOf(xml), decisionId });
  const { counting, weight, levy } = sources.deployed;
  const before: ReviewDecisions = { counting: await loaded(counting), weight: await loaded(weight), levy: await loaded(levy) };
  const candidates = await Promise.all(sources.candidates.map((xml) => readDecisionModel(xml)));
  return { before, after: withCandidates(before, candidates) };
}
