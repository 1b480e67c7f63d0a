// Strings of importing a roster from Slack (src/features/imports); the report itself is import.ts.
import type { Message } from '../plural.js';

export const zh = {
  'imports.usage': '/caseload import clients|staff|communities',
  'imports.help': '从 CSV 或 XLSX 文件导入帮教对象、工作人员或社区名单（管理员；先试运行，确认后写入）',
  'imports.refused': '只有管理员可以导入名单。',
  'imports.waiting':
    '请在 {minutes} 分钟内把{kind}名单文件（CSV 或 XLSX，表头用中文或英文均可）发到与阳光驿站的私信中（应用主页 → 消息）。我会先试运行，报告每一处问题和将发生的变化；确认无误后点“应用导入”才会写入。',
  'imports.noRequest': '要导入名单，请先输入 /caseload import clients、/caseload import staff 或 /caseload import communities，再在 30 分钟内把文件发到这里。',
  'imports.file.type': '无法导入“{file}”：请发送 CSV 或 XLSX 文件。',
  'imports.file.tooLarge': '“{file}”超过 {mb} MB，无法导入。请分成几个文件，或请信息员用 npm run import 导入。',
  'imports.file.failed': '无法下载“{file}”，没有导入任何数据。请稍后重新发送。',
  'imports.report.cut': '消息里只列出了一部分，另有 {count} 行问题见随附的完整报告文件。',
  'imports.report.file': '完整的导入报告：',
  'imports.apply.button': '应用导入',
  'imports.apply.confirm.title': '确认导入',
  'imports.apply.confirm.text': '将按“{file}”新建 {created}、更新 {updated} 条记录。导入记入审计日志。',
  'imports.apply.confirm.deny': '取消',
  'imports.apply.hint': '以上是试运行，尚未写入。“应用导入”按钮 30 分钟内有效，只能使用一次；要改动文件，改好后重新发送即可。',
  'imports.apply.applied': '这个文件已经导入过了，没有再次写入。',
  'imports.apply.expired': '这次试运行已超过 {minutes} 分钟或已被更新的文件取代，没有写入任何数据。请重新输入 /caseload import 并发送文件。',
  'imports.apply.notYours': '这个导入不是你发起的，没有写入任何数据。',
} as const;

export const en: Record<keyof typeof zh, Message> = {
  'imports.usage': '/caseload import clients|staff|communities',
  'imports.help': 'Import clients, staff or communities from a CSV or XLSX file (admins; a dry run first, written once you confirm)',
  'imports.refused': 'Only admins can import a roster.',
  'imports.waiting':
    'Within {minutes} minutes, send the {kind} file (CSV or XLSX, headers in Chinese or English) to Sunshine Station in a direct message (app Home → Messages). I will do a dry run first and report every problem and every change; nothing is written until you click "Apply import".',
  'imports.noRequest': 'To import a roster, first type /caseload import clients, /caseload import staff or /caseload import communities, then send the file here within 30 minutes.',
  'imports.file.type': 'Cannot import "{file}": send a CSV or an XLSX file.',
  'imports.file.tooLarge': '"{file}" is larger than {mb} MB and cannot be imported. Split it, or ask your IT person to use npm run import.',
  'imports.file.failed': 'Could not download "{file}"; nothing was imported. Please send it again later.',
  'imports.report.cut': { one: 'The message lists only part of it: {count} more line of problems is in the full report attached.', other: 'The message lists only part of it: {count} more lines of problems are in the full report attached.' },
  'imports.report.file': 'The full import report:',
  'imports.apply.button': 'Apply import',
  'imports.apply.confirm.title': 'Confirm the import',
  'imports.apply.confirm.text': '"{file}" will create {created} and update {updated} records. The import is audited.',
  'imports.apply.confirm.deny': 'Cancel',
  'imports.apply.hint': 'This was a dry run; nothing is written yet. The "Apply import" button works for 30 minutes and once; to change the file, correct it and send it again.',
  'imports.apply.applied': 'This file has already been imported; nothing was written again.',
  'imports.apply.expired': 'This dry run is more than {minutes} minutes old or was replaced by a newer file; nothing was written. Type /caseload import again and send the file.',
  'imports.apply.notYours': 'You did not start this import; nothing was written.',
};
