/**
 * Content analysis: the public surface of `src/content`. Other stages and drivers import only
 * from here. Everything is pure except `model-store` (reads the shipped model once, for drivers).
 */
export { TTP_IDS, TTPS, TACTICS, isTtpId, isTactic, type TtpId, type Tactic, type TtpInfo } from './taxonomy.js';
export { createClassifier, scoreText, type Classification, type ClassifyOptions, type TextClassifier, type ExplanationItem } from './classifier.js';
export { decodeModel, encodeModel } from './model-file.js';
export { createFeatureSet, extractFeatures, DEFAULT_MAX_CHARS, type FeatureSet } from './features.js';
export type { ClassifierModel } from './model.js';
export { loadClassifierModel, contentDataPath, SHIPPED_MODEL_PATH, SHIPPED_CORPUS_PATH, SHIPPED_POLICY_PATH } from './model-store.js';
export { classifyLine, parsePromptLine, withReview, toClassifyRecord, type ClassifyRecord, type ClassifyErrorRecord } from './batch-record.js';
export { detectLanguage } from './language.js';
export { trainClassifierFile, trainLinearModel, DEFAULT_TRAIN_OPTIONS, type TrainOptions, type TrainingExample } from './train.js';
export { generateCorpus, ALL_FAMILIES, DEFAULT_GENERATE_OPTIONS } from './corpus/generate.js';
export { parseCorpus, serialiseCorpus } from './corpus/corpus-file.js';
export type { CorpusExample, Family, ExampleKind } from './corpus/family.js';
export { evaluateClassifier, formatReport, DECISION_THRESHOLD, type EvaluationReport, type DetectionFigures } from './eval/report.js';
export { auroc, tprAtFpr, perClassPrecisionRecall, confusionMatrix } from './eval/metrics.js';
export { keywordScore } from './eval/keyword-baseline.js';
export { xstestSafe, jailbreakBenchBenign, harmBenchCyber, jailbreakBenchMalware, humanEval, type ExternalSet } from './eval/external.js';
export { parseCsv } from './eval/csv.js';
export { extractIndicators, type TextIndicator, type IndicatorKind } from './extract/indicators.js';
export { extractTopics, extractTopicMentions, type TopicMention, type TopicKind } from './extract/topics.js';
export { emptyProfile, addToProfile, mergeProfiles, buildProfile, distribution, PROFILE_FLAG_THRESHOLD, type ContentProfile, type ProfiledRequest, type DayCounts } from './profile.js';
export { createSecondStage, parseVerdict, DEFAULT_SECOND_STAGE, type SecondStage, type SecondStageConfig, type SecondStageDeps, type Review, type PostJson } from './second-stage/reviewer.js';
export { looksLikePromptInjection } from './second-stage/injection.js';
export { createCircuitBreaker, type CircuitBreaker } from './second-stage/breaker.js';
