// The rule file schema now lives in src/shared/conflict-rules.ts so the workstation's pre-send guard can
// use it too (the core may not import from src/hub); this re-export keeps the hub's imports working.
export {
  ConflictRuleSchema,
  ConflictRulesFileSchema,
  type ConflictRule,
  type ConflictRulesFile,
} from '../../shared/conflict-rules';
