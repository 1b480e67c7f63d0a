// Slack's Block Kit limits (https://api.slack.com/reference/block-kit): every view and message
// the bot sends in a test passes through `blockKitProblems`, so a payload Slack would reject
// fails the test that produced it.

type Json = Record<string, unknown>;

const textOf = (value: unknown): string => (typeof value === 'object' && value !== null ? String((value as Json).text ?? '') : '');

/** Option groups (static and multi-static selects): at most 100, labels of 75, options of 100 each. */
function checkGroups(groups: Json[], where: string, problems: string[]): Json[] {
  if (groups.length > 100) problems.push(`${where}: ${groups.length} option groups (max 100)`);
  return groups.flatMap((group) => {
    const options = (group.options as Json[] | undefined) ?? [];
    if (textOf(group.label).length > 75) problems.push(`${where}: option group label over 75 characters`);
    if (options.length > 100) problems.push(`${where}: option group with ${options.length} options (max 100)`);
    return options;
  });
}

function checkElement(element: Json, where: string, problems: string[]): void {
  const options = (element.options as Json[] | undefined) ?? [];
  const groups = element.option_groups as Json[] | undefined;
  if (String(element.type).endsWith('static_select')) {
    if (options.length > 100) problems.push(`${where}: ${String(element.type)} with ${options.length} options (max 100)`);
    if (element.options && groups) problems.push(`${where}: both options and option_groups`);
    if (!element.options && !groups) problems.push(`${where}: ${String(element.type)} without options or option_groups`);
  }
  if (element.placeholder !== undefined && textOf(element.placeholder).length > 150) problems.push(`${where}: placeholder over 150 characters`);
  const initial = [...(element.initial_option ? [element.initial_option as Json] : []), ...((element.initial_options as Json[] | undefined) ?? [])];
  for (const option of [...options, ...checkGroups(groups ?? [], where, problems), ...initial]) {
    if (textOf(option.text).length > 75) problems.push(`${where}: option text over 75 characters`);
    if (String(option.value ?? '').length > 75) problems.push(`${where}: option value over 75 characters`);
  }
  if (typeof element.action_id === 'string' && element.action_id.length > 255) problems.push(`${where}: action_id over 255`);
  if (element.type === 'button') {
    if (textOf(element.text).length > 75) problems.push(`${where}: button text over 75 characters`);
    if (String(element.value ?? '').length > 2000) problems.push(`${where}: button value over 2000 characters`);
  }
  if (element.type === 'plain_text_input' && typeof element.max_length === 'number' && element.max_length > 3000) {
    problems.push(`${where}: plain_text_input max_length over 3000`);
  }
}

function checkBlocks(blocks: Json[], where: string, problems: string[]): void {
  const blockIds = new Set<string>();
  blocks.forEach((block, i) => {
    const at = `${where} block ${i} (${String(block.type)})`;
    if (typeof block.block_id === 'string') {
      if (blockIds.has(block.block_id)) problems.push(`${at}: duplicate block_id ${block.block_id}`);
      blockIds.add(block.block_id);
      if (block.block_id.length > 255) problems.push(`${at}: block_id over 255`);
    }
    if (block.type === 'section') {
      if (textOf(block.text).length > 3000) problems.push(`${at}: section text over 3000 characters`);
      const fields = (block.fields as Json[] | undefined) ?? [];
      if (fields.length > 10) problems.push(`${at}: more than 10 fields`);
      for (const field of fields) if (textOf(field).length > 2000) problems.push(`${at}: field over 2000 characters`);
      if (block.accessory) checkElement(block.accessory as Json, at, problems);
    }
    if (block.type === 'header' && textOf(block.text).length > 150) problems.push(`${at}: header over 150 characters`);
    if (block.type === 'context' && ((block.elements as unknown[]) ?? []).length > 10) problems.push(`${at}: context with more than 10 elements`);
    if (block.type === 'actions') {
      const elements = (block.elements as Json[]) ?? [];
      if (elements.length > 25) problems.push(`${at}: actions with more than 25 elements`);
      for (const element of elements) checkElement(element, at, problems);
    }
    if (block.type === 'input') {
      if (textOf(block.label).length > 2000) problems.push(`${at}: label over 2000 characters`);
      if (textOf(block.hint).length > 2000) problems.push(`${at}: hint over 2000 characters`);
      checkElement(block.element as Json, at, problems);
      // Our own convention: an input's action_id is its block_id (integrations rely on it).
      if ((block.element as Json).action_id !== block.block_id) problems.push(`${at}: action_id differs from block_id`);
    }
  });
}

/** Problems with a view (modal or App Home) against Slack's limits. */
export function viewProblems(view: Json, where = 'view'): string[] {
  const problems: string[] = [];
  const blocks = (view.blocks as Json[]) ?? [];
  const max = view.type === 'home' ? 100 : 100;
  if (blocks.length > max) problems.push(`${where}: ${blocks.length} blocks (max ${max})`);
  for (const key of ['title', 'submit', 'close']) {
    const text = textOf(view[key]);
    if (text.length > 24) problems.push(`${where}: ${key} "${text}" over 24 characters`);
  }
  if (typeof view.private_metadata === 'string' && view.private_metadata.length > 3000) problems.push(`${where}: private_metadata over 3000`);
  if (typeof view.callback_id === 'string' && view.callback_id.length > 255) problems.push(`${where}: callback_id over 255`);
  checkBlocks(blocks, where, problems);
  return problems;
}

/** Problems with a message (chat.postMessage / postEphemeral / update, response_url). */
export function messageProblems(message: Json, where = 'message'): string[] {
  const problems: string[] = [];
  const blocks = (message.blocks as Json[] | undefined) ?? [];
  if (blocks.length > 50) problems.push(`${where}: ${blocks.length} blocks (max 50)`);
  if (typeof message.text === 'string' && message.text.length > 40_000) problems.push(`${where}: text over 40000 characters`);
  if (blocks.length > 0 && !message.text) problems.push(`${where}: blocks without a plain-text fallback`);
  checkBlocks(blocks, where, problems);
  return problems;
}

/** Problems with a block_suggestion answer. */
export function optionsProblems(answer: Json, where = 'options'): string[] {
  const problems: string[] = [];
  const options = (answer.options as Json[] | undefined) ?? [];
  if (options.length > 100) problems.push(`${where}: ${options.length} options (max 100)`);
  for (const option of [...options, ...checkGroups((answer.option_groups as Json[] | undefined) ?? [], where, problems)]) {
    if (textOf(option.text).length > 75) problems.push(`${where}: option text over 75 characters`);
    if (String(option.value ?? '').length > 75) problems.push(`${where}: option value over 75 characters`);
  }
  return problems;
}
