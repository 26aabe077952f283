export const value = typeof require === 'undefined' ? 'esm (no require)' : 'cjs';
