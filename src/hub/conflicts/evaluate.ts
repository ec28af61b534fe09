// The pure conflict evaluator now lives in src/shared/conflict-rules.ts so the workstation's pre-send
// guard runs the very same rules (the core may not import from src/hub); this re-export keeps the hub's
// imports working.
export {
  evaluateConflicts,
  ConflictRuleSchema,
  ConflictRulesFileSchema,
  type ConflictContext,
  type ConflictMatch,
  type ConflictRule,
  type ConflictRulesFile,
  type EvaluateOptions,
} from '../../shared/conflict-rules';
