export default 'esm default';
export const answer = 42;
