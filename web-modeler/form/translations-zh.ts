// Simplified Chinese for form-js-editor 1.8's own words. That version has no translate service (its texts are
// literals in the palette and properties panel), so the words are swapped in the rendered DOM instead: exact matches
// only, on text and on title/placeholder attributes, never inside the form fields the user designs.

export const FORM_EDITOR_ZH: Record<string, string> = {
  // Palette: header, search, groups, field types (also the type shown in the properties panel's header)
  Components: '组件',
  'Search components': '搜索组件',
  'Clear content': '清除',
  'No components found.': '没有找到组件。',
  Input: '输入',
  Selection: '选择',
  Presentation: '展示',
  Containers: '容器',
  Action: '操作',
  Form: '表单',
  Button: '按钮',
  Checkbox: '复选框',
  'Checkbox group': '多选组',
  'Date time': '日期时间',
  'Dynamic list': '动态列表',
  Expression: '表达式',
  Group: '分组',
  'HTML view': 'HTML 视图',
  'Image view': '图片',
  Number: '数字',
  'Radio group': '单选组',
  Select: '下拉选择',
  Separator: '分隔线',
  Spacer: '空白',
  Table: '表格',
  'Tag list': '标签列表',
  'Text area': '多行文本',
  'Text field': '单行文本',
  'Text view': '文字说明',
  iFrame: '内嵌网页',

  // Canvas placeholders
  'Build your form': '开始设计表单',
  'Drag and drop components here to start designing.': '把左侧组件拖到这里开始设计。',
  'Drag and drop components here.': '把组件拖到这里。',
  'Use the preview window to test your form.': '可用预览检查表单效果。',
  'Remove form field': '删除字段',
  'Text view is templated': '文字说明含模板变量，运行时填入',

  // Properties panel: groups
  General: '常规',
  Condition: '显示条件',
  Layout: '布局',
  Appearance: '外观',
  Validation: '校验',
  Serialization: '序列化',
  Constraints: '约束',
  'Options source': '选项来源',
  'Static options': '固定选项',
  'Dynamic options': '动态选项',
  'Options expression': '选项表达式',
  'Custom properties': '自定义属性',
  'Security attributes': '安全属性',
  Pagination: '分页',
  'Header items': '表头',
  'Headers source': '表头来源',
  'Data source': '数据来源',
  'Select a form field to edit its properties.': '选择一个字段以编辑其属性。',

  // Properties panel: entries
  'Hide if': '隐藏条件',
  'Condition under which the field is hidden': '满足此条件时隐藏该字段',
  ID: '标识',
  Key: '变量名（key）',
  Path: '路径',
  Label: '标签',
  'Field label': '字段标签',
  'Group label': '分组标题',
  'Table label': '表格标题',
  Title: '标题',
  'Field description': '字段说明',
  Description: '说明',
  'Default value': '默认值',
  Disabled: '禁用',
  'Read only': '只读',
  Required: '必填',
  'Minimum length': '最短长度',
  'Maximum length': '最长长度',
  Minimum: '最小值',
  Maximum: '最大值',
  'Validation pattern': '校验格式',
  'Custom regular expression': '自定义正则表达式',
  Email: '电子邮箱',
  Phone: '电话',
  Custom: '自定义',
  Text: '文字',
  Content: '内容',
  Value: '值',
  Type: '类型',
  Subtype: '子类型',
  Columns: '列宽',
  Column: '列',
  Auto: '自动',
  Prefix: '前缀',
  Suffix: '后缀',
  Height: '高度',
  'Height of the container in pixels.': '容器高度（像素）。',
  URL: '网址',
  'Image source': '图片来源',
  'Alternative text': '替代文字',
  'Descriptive text for screen reader accessibility.': '供读屏软件朗读的说明文字。',
  'Decimal digits': '小数位数',
  Increment: '步长',
  'Output as string': '输出为字符串',
  'Allows arbitrary precision values': '允许任意精度的数值',
  Searchable: '可搜索',
  'Date label': '日期标签',
  'Time label': '时间标签',
  'Time format': '时间格式',
  'Time interval': '时间间隔',
  'Use 24h': '使用 24 小时制',
  'Disallow past dates': '不允许选择过去的日期',
  'Vertical alignment': '垂直对齐',
  Top: '顶部',
  Center: '居中',
  Bottom: '底部',
  'Show outline': '显示边框',
  Repeatable: '可重复',
  'Allow add/delete items': '允许增删条目',
  'Default number of items': '默认条目数',
  'Disable collapse': '不折叠',
  'Number of non-collapsing items': '不折叠的条目数',
  'Number of rows per page': '每页行数',
  'Input values key': '输入值变量名',
  'Target value': '目标值',
  'Compute on': '计算时机',
  'Value changes': '值变化时',
  'Form submission': '提交表单时',
  Checked: '选中',
  'Not checked': '未选中',
  'List of items': '条目列表',
  'Create new list item': '新增条目',
  'Delete item': '删除条目',
  'Toggle list item': '展开/收起条目',
  'Toggle section': '展开/收起',
  'Section contains data': '此部分已填写',
  'Section contains an error': '此部分有错误',
  'Open pop-up editor': '在弹出窗口中编辑',
  'Close pop-up editor': '关闭弹出窗口',
  'Opened in editor': '已在编辑器中打开',
  'Open documentation': '打开文档',
  'Learn more': '了解更多',
  Close: '关闭',
  Create: '新建',
  Submit: '提交',
  Reset: '重置',
  'Binds to a form variable': '绑定到表单变量',
  'Where the child variables of this component are pathed to.': '此组件下各变量存放的路径。',
  'Field cannot be edited by the end-user, but the data will still be submitted.': '用户不能修改此字段，但其值仍会提交。',
  'Define an expression to calculate the value of this field': '用表达式计算此字段的值',
  'Define an expression to populate the options from.': '用表达式生成选项。',
  'Define which input property to populate the values from': '指定从哪个输入变量取选项',
  'Specify an expression to populate column items': '用表达式生成列',
  'Specify the source from which to populate the table': '指定表格数据的来源',
  'Please make sure that the URL is safe as it might impose security risks.': '请确认该网址安全可信。',
  'Expression or static value (link/data URI)': '表达式或固定值（链接或 data URI）',
  'FEEL expression is mandatory': '必须填写 FEEL 表达式',
  'Click to set a dynamic value with FEEL expression': '点击改为 FEEL 表达式（动态值）',
  'Click to remove dynamic value with FEEL expression': '点击取消 FEEL 表达式（动态值）',

  // Validation messages of the properties panel
  'Must not be empty.': '不能为空。',
  'Must not be empty': '不能为空',
  'Must be unique.': '不能重复。',
  'Must not contain spaces.': '不能包含空格。',
  'Must not contain prefix.': '不能包含前缀。',
  'Must be a valid QName.': '必须是合法的 QName。',
  'Must be a variable or a dot separated path.': '必须是变量名或以点分隔的路径。',
  'Must not contain numerical path segments.': '路径中不能有纯数字段。',
  'Must not cause two binding paths to collide': '不能与其他字段的绑定路径冲突',
  'Must not be a prohibited path.': '不能使用该路径。',
  'Should be a valid number.': '应为有效数字。',
  'Should be a valid number': '应为有效数字',
  'Should be an integer.': '应为整数。',
  'Should be greater than zero.': '应大于零。',
  'Should be greater than or equal to zero.': '应大于或等于零。',
  'A number is required.': '请填写数字。',
  'For security reasons the URL must start with "https".': '出于安全考虑，网址必须以 https 开头。',
};

/** Texts built around a field type's name ("Create a Text field element", "Remove Text field"). */
const PATTERNS: [RegExp, (name: string) => string][] = [
  [/^Create an? (.+) element$/, (name) => `添加${name}`],
  [/^Remove (.+)$/, (name) => `删除${name}`],
];

export function formEditorZh(text: string): string | undefined {
  const exact = FORM_EDITOR_ZH[text];
  if (exact) return exact;
  for (const [pattern, build] of PATTERNS) {
    const name = pattern.exec(text)?.[1];
    const zhName = name && FORM_EDITOR_ZH[name];
    if (zhName) return build(zhName);
  }
  return undefined;
}

const TRANSLATED_ATTRIBUTES = ['title', 'placeholder', 'aria-label', 'data-title'];

/** Text the user designs (field labels, texts on the canvas) is theirs: never translated. */
function isUserContent(node: Node): boolean {
  const element = node instanceof Element ? node : node.parentElement;
  // The editor's own placeholders inside a field ("Text view is templated") are the editor's words.
  if (element?.closest('.fjs-form-field-placeholder')) return false;
  return !!element?.closest('.fjs-form-field');
}

function translateNode(node: Node): void {
  if (node.nodeType === Node.TEXT_NODE) {
    const text = node.nodeValue?.trim();
    const zh = text ? formEditorZh(text) : undefined;
    if (zh && !isUserContent(node)) node.nodeValue = node.nodeValue!.replace(text!, zh);
    return;
  }
  if (!(node instanceof Element)) return;
  if (!isUserContent(node)) {
    for (const name of TRANSLATED_ATTRIBUTES) {
      const value = node.getAttribute(name);
      const zh = value ? formEditorZh(value) : undefined;
      if (zh) node.setAttribute(name, zh);
    }
  }
  node.childNodes.forEach(translateNode);
}

/**
 * Translates the editor's words in `root` now and whenever it renders more (Preact rewrites a text only when its
 * own value changes, so a swapped word stays until then). Returns the function that stops watching.
 */
export function translateFormEditor(root: HTMLElement): () => void {
  translateNode(root);
  const observer = new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      if (mutation.type === 'childList') mutation.addedNodes.forEach(translateNode);
      else translateNode(mutation.target);
    }
  });
  observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: TRANSLATED_ATTRIBUTES });
  return () => observer.disconnect();
}
