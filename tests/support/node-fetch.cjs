// citation-js requires node-fetch 3, an ES module; Node ≥ 20.19 loads it with require(), Jest's
// module runtime cannot. Node's own fetch is the same WHATWG API, so Jest resolves node-fetch here.
// (Sift never fetches through citation-js: it formats references from CSL-JSON it builds itself.)
module.exports = globalThis.fetch;
module.exports.default = globalThis.fetch;
module.exports.Headers = globalThis.Headers;
module.exports.Request = globalThis.Request;
module.exports.Response = globalThis.Response;
