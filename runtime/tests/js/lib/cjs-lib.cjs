exports.named = 'named export';
exports.fn = function fn() {};
