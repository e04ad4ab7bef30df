/**
 * Colours per link kind, chosen to stay apart for common colour-vision deficiencies, each at
 * least 4.5:1 on white (WCAG 2.1 AA), as the chips print kind names in these colours.
 */
export const kindColour: Record<string, string> = {
  device: '#b45309',
  payment: '#7c3aed',
  ip: '#0369a1',
  'ip-prefix': '#0e7490',
  email: '#a21caf',
  'email-domain': '#be185d',
  'email-pattern': '#9d174d',
  phone: '#4d7c0f',
  'user-agent': '#5b6779',
  'api-key': '#9a3412',
  org: '#0f766e',
  'end-user': '#4338ca',
  prompt: '#1e293b',
  topic: '#334155',
};
