import { defineMessages } from '../i18n.js';

// The shared form behaviour's words (lib/form-feedback.tsx): the first problem's message, the required and
// optional marks, the leave-without-saving question. Chinese first; English key for key.
const zh_CN = {
  'form.firstError': '请修改「{field}」：{error}',
  'form.firstErrorMore': '请修改「{field}」：{error}（共 {n} 处需要修改）',
  'form.firstErrorBare': '请修改：{error}',
  'form.firstErrorBareMore': '请修改：{error}（共 {n} 处需要修改）',
  'form.optional': '（可选）',
  'form.required': '必填',
  'form.leaveTitle': '离开此页？',
  'form.leaveContent': '填写的内容尚未保存，离开后将丢失。',
  'form.leaveOk': '离开，不保存',
  'form.leaveStay': '留在此页',
  'form.autosaved': '已自动保存 {time}',
  'form.autosaving': '正在自动保存…',
};

const en_US: typeof zh_CN = {
  'form.firstError': 'Correct “{field}”: {error}',
  'form.firstErrorMore': 'Correct “{field}”: {error} ({n} fields to correct)',
  'form.firstErrorBare': 'Correct this: {error}',
  'form.firstErrorBareMore': 'Correct this: {error} ({n} fields to correct)',
  'form.optional': ' (optional)',
  'form.required': 'required',
  'form.leaveTitle': 'Leave this page?',
  'form.leaveContent': 'What you entered is not saved and will be lost.',
  'form.leaveOk': 'Leave without saving',
  'form.leaveStay': 'Stay on this page',
  'form.autosaved': 'Saved automatically at {time}',
  'form.autosaving': 'Saving automatically…',
};

export const formsMessages = defineMessages({ zh_CN, en_US });
