// node:tty — isatty and the stream classes' terminal facts.
(function (binding, internals) {
  'use strict';
  const isatty = (fd) => Number.isInteger(fd) && fd >= 0 && binding.isatty(fd);
  function ReadStream(fd) {
    this.fd = fd;
    this.isTTY = true;
    this.isRaw = false;
  }
  ReadStream.prototype.setRawMode = function (mode) {
    this.isRaw = !!mode;
    return this;
  };
  function WriteStream(fd) {
    this.fd = fd;
    this.isTTY = true;
  }
  WriteStream.prototype.getWindowSize = function () {
    return binding.windowSize(this.fd) ?? [80, 24];
  };
  Object.defineProperty(WriteStream.prototype, 'columns', { get() { return this.getWindowSize()[0]; } });
  Object.defineProperty(WriteStream.prototype, 'rows', { get() { return this.getWindowSize()[1]; } });
  WriteStream.prototype.hasColors = function (count = 16) {
    const env = internals.process.env;
    if (env.NO_COLOR !== undefined || env.TERM === 'dumb') return false;
    return count <= 256;
  };
  WriteStream.prototype.getColorDepth = function () {
    return this.hasColors(256) ? 8 : 1;
  };
  return { isatty, ReadStream, WriteStream };
})
