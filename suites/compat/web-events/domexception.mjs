/*---
description: DOMException names and their legacy codes (WebIDL)
area: web-events
subjects: [DOMException]
---*/
import { test, equal, ok } from "../_harness/prelude.mjs";

const codes = {
  IndexSizeError: 1,
  HierarchyRequestError: 3,
  WrongDocumentError: 4,
  InvalidCharacterError: 5,
  NoModificationAllowedError: 7,
  NotFoundError: 8,
  NotSupportedError: 9,
  InvalidStateError: 11,
  SyntaxError: 12,
  InvalidModificationError: 13,
  NamespaceError: 14,
  InvalidAccessError: 15,
  TypeMismatchError: 17,
  SecurityError: 18,
  NetworkError: 19,
  AbortError: 20,
  URLMismatchError: 21,
  QuotaExceededError: 22,
  TimeoutError: 23,
  InvalidNodeTypeError: 24,
  DataCloneError: 25,
  EncodingError: 0,
  NotReadableError: 0,
  OperationError: 0,
};
for (const [name, code] of Object.entries(codes)) {
  test(`${name} has code ${code}`, () => equal(new DOMException("m", name).code, code));
}
test("the code constants are on the constructor", () => {
  equal(DOMException.ABORT_ERR, 20);
  equal(DOMException.DATA_CLONE_ERR, 25);
});
test("defaults: empty message, name Error, code 0", () => {
  const e = new DOMException();
  equal(e.message, "");
  equal(e.name, "Error");
  equal(e.code, 0);
});
test("a DOMException is an Error", () => {
  const e = new DOMException("x", "AbortError");
  ok(e instanceof Error);
  equal(Object.prototype.toString.call(e), "[object DOMException]");
  equal(Object.getPrototypeOf(DOMException.prototype), Error.prototype);
});
