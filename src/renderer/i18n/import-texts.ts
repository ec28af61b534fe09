// Words of why a knowledge file, or one of its rows, could not be imported (codes from
// src/shared/core-texts.ts, worded by core-words.ts); `detail` is the parser's own text, quoted.
import type { Strings } from './types';

export const importTextsZh = {
  missing_title: '缺少标题（列名 {{columns}}）',
  missing_body: '缺少内容（列名 {{columns}}）',
  invalid_field: '字段 {{field}} 无效：{{detail}}',
  not_object: '这一行不是一条文档（应为对象）',
  invalid_json: '不是有效的 JSON：{{detail}}',
  not_a_list: '应为文档数组，或 {"docs": [...]}',
  no_heading: '没有「# 」或「## 」标题，也没有 front-matter：没有可导入的内容',
  too_many_rows: '共 {{rows}} 行，超过单个文件上限 {{max}} 行；请拆分后分别导入',
  header_missing: '表头没有{{missing}}列（现有：{{found}}）；请将列命名为 {{titles}} 和 {{bodies}}',
  column: { title: '标题', body: '内容' },
  nothing: '无',
  bad_row: '这一行无法读取：{{detail}}',
  bad_file: '文件无法读取：{{detail}}',
  id_collision: '编号与服务端下发的文档重复（{{id}}）',
};

export const importTextsEn: Strings<typeof importTextsZh> = {
  missing_title: 'missing title (column {{columns}})',
  missing_body: 'missing body (column {{columns}})',
  invalid_field: '{{field}} is not valid: {{detail}}',
  not_object: 'not a document (expected an object)',
  invalid_json: 'not valid JSON: {{detail}}',
  not_a_list: 'expected an array of documents or {"docs": [...]}',
  no_heading: 'no "# " or "## " heading and no front-matter: nothing to import',
  too_many_rows: '{{rows}} rows: more than {{max}} in one file; split it and import the parts',
  header_missing:
    'the header row has no {{missing}} column (found: {{found}}); name the columns {{titles}} and {{bodies}}',
  column: { title: 'title', body: 'body' },
  nothing: 'nothing',
  bad_row: 'this row cannot be read: {{detail}}',
  bad_file: 'the file cannot be read: {{detail}}',
  id_collision: 'the id collides with a document from the hub ({{id}})',
};
