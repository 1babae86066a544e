import type { TargetStatus } from '../../../shared/schemas/stats.js';

// Okabe–Ito: told apart with the common colour-vision deficiencies; status is also always written out in words.
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'];

export const STATUS_COLOR: Record<TargetStatus, string> = {
  met: '#009E73',
  close: '#E69F00',
  behind: '#D55E00',
  'no-data': '#8c8c8c',
};

/** A mark beside the word, so status reads without colour too. */
export const STATUS_MARK: Record<TargetStatus, string> = { met: '✔', close: '◐', behind: '✖', 'no-data': '—' };

/** The status written on a white tag in a dark shade of its colour: 4.5:1 or better (issue 22 item 8). */
export const STATUS_TEXT: Record<TargetStatus, string> = {
  met: '#00664a',
  close: '#7a4f00',
  behind: '#a13b00',
  'no-data': '#595959',
};
