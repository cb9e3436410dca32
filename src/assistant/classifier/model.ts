import { SafetyClassifier, type SafetyModel } from './classifier';
import model from './model.json' with { type: 'json' };

/** The trained model (scripts/train-assistant-classifier.ts), loaded once per process, on first use. */
let ours: SafetyClassifier | undefined;

export function safetyClassifier(): SafetyClassifier {
  ours ??= new SafetyClassifier(model as SafetyModel);
  return ours;
}
