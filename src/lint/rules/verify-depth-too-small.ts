import { verifyDepthNeeded } from "../../peers/profiles/nginx-mtls.js";
import { defineRule, missing } from "../types.js";

export const rule = defineRule({
  id: "verify-depth-too-small",
  title: "The chain has more intermediates than ssl_verify_depth allows",
  peers: { "nginx-mtls": "error" },
  citation: "nginx docs ssl_verify_depth (default 1); OpenSSL >= 1.1 counts intermediates only (X509_VERIFY_PARAM_set_depth, https://docs.openssl.org/3.0/man3/X509_VERIFY_PARAM_set_flags/); nginx src/http/modules/ngx_http_ssl_module.c (verify_depth merged with default 1); seed 003 (fixtures/nginx-mtls/seed-003-two-intermediates-depth-1); test/peers/nginx-lint.test.ts",
  requirement: "nginx docs ssl_verify_depth: “Sets the verification depth in the client certificates chain.” (default 1; OpenSSL 1.1+ counts intermediates)",
  symptom: { "nginx-mtls": "HTTP 400; nginx logs (20:unable to get local issuer certificate), not (22:certificate chain too long)" },
  predicts: { "nginx-mtls": { openssl: [20], http: [400], messages: ["certificate-verify-failed"] } },
  messages: {
    depthTooSmall: "the chain has {intermediates} intermediate(s) but ssl_verify_depth {depth} allows {allowed} (OpenSSL {series} counts {counted})",
    depthTooSmallIn: "the chain has {intermediates} intermediate(s) but ssl_verify_depth {depth} ({origin}) allows {allowed} (OpenSSL {series} counts {counted})",
    raiseDepth: "set ssl_verify_depth {depth}; in the server block",
  },
  // Without a trust anchor the chain's length is unknown: the root may be one more intermediate away.
  appliesTo: (ctx) => ctx.validation.anchored || (ctx.anchors.length === 0 && missing("trust-anchor")),
  check(ctx) {
    const intermediates = ctx.validation.chain.length - 2;
    const allowed = ctx.profile.maxIntermediates;
    if (intermediates <= allowed) return [];
    const origin = ctx.profile.configOrigin;
    const series = ctx.profile.nginx.opensslSeries;
    const data = { intermediates, depth: ctx.profile.nginx.verifyDepth, allowed, series, counted: series === "1.0" ? "the leaf too" : "intermediates only" };
    return [{
      certIndex: -1,
      ...(origin ? { messageId: "depthTooSmallIn", data: { ...data, origin } } as const : { messageId: "depthTooSmall", data } as const),
      fixId: "raiseDepth",
      fixData: { depth: verifyDepthNeeded(intermediates, ctx.profile.nginx.opensslSeries) },
    }];
  },
});
