// Strings of the knowledge base's background embedding indicator and of search-hit relevance, both
// languages in one place.
import type { Strings } from './types';

export const kbIndexZh = {
  switch: '正在为新模型 {{model}} 重新生成向量：{{done}}/{{total}}',
  new: '正在为知识库生成向量（{{model}}）：{{done}}/{{total}}',
  etaMinutes: '约 {{count}} 分钟',
  etaSeconds: '约 {{count}} 秒',
  etaUnknown: '正在估算剩余时间',
  keywordMeanwhile: '完成前检索使用关键词，结果照常可用',
  relevance: '解答可能性 {{pct}}%',
  relevanceHelp: '按标注问题校准：标 70% 的结果约七成确实解答了问题',
};

export const kbIndexEn: Strings<typeof kbIndexZh> = {
  switch: 'Re-embedding for the new model {{model}}: {{done}}/{{total}}',
  new: 'Embedding the knowledge base ({{model}}): {{done}}/{{total}}',
  etaMinutes: 'about {{count}} min left',
  etaSeconds: 'about {{count}} s left',
  etaUnknown: 'estimating time left',
  keywordMeanwhile: 'Search uses keywords until it finishes; results stay available',
  relevance: 'Answers it: {{pct}}%',
  relevanceHelp: 'Calibrated on labelled questions: about 7 in 10 results marked 70% do answer the question',
};
