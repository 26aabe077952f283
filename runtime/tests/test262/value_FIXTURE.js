export var v = 1;
export default 'fixture default';
