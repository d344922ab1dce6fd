// Labs made by pkilab init and pkilab issue, served by the real nginx (Debian package) doing mTLS on
// loopback, with curl as the client: lab client and device certificates get HTTP 200, the lab's
// server leaf used as a client certificate gets 400 with OpenSSL's purpose error in nginx's log.
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { runCli, tempDir } from "../helpers/cli.js";
import { curl, startNginx, type NginxServer } from "../helpers/nginx.js";
import type { Manifest, ManifestEntry } from "../../src/pki/manifest.js";

const work = tempDir("nginx-init");
after(() => rmSync(work, { recursive: true, force: true }));

interface Scenario {
  title: string;
  initArgs: string[];
  /** ssl_verify_depth; undefined = nginx's default (1). */
  verifyDepth?: number;
}

const scenarios: Scenario[] = [
  {
    title: "RSA-4096 root, P-384 intermediates, P-256 leaves, 2 intermediates, ssl_verify_depth 2",
    initArgs: ["--root-key", "rsa4096", "--intermediate-key", "p384", "--leaf-key", "p256", "--intermediates", "2"],
    verifyDepth: 2,
  },
  // OpenSSL >= 1.1 counts intermediates only, so nginx's default depth 1 accepts one intermediate (X509_VERIFY_PARAM_set_depth(3); nginx ssl_verify_depth).
  { title: "default lab (P-384 root, one P-256 intermediate), nginx's default ssl_verify_depth", initArgs: [] },
  { title: "P-521 throughout, no intermediate", initArgs: ["--root-key", "p521", "--intermediate-key", "p521", "--leaf-key", "p521", "--intermediates", "0"] },
  { title: "RSA-2048 leaves under a P-256 CA, 1 intermediate", initArgs: ["--root-key", "p256", "--intermediate-key", "p256", "--leaf-key", "rsa2048"] },
];

for (const [index, scenario] of scenarios.entries()) {
  describe(`nginx mTLS: ${scenario.title}`, () => {
    const lab = path.join(work, `lab-${index}`);
    let manifest: Manifest;
    let nginx: NginxServer;
    const file = (e: ManifestEntry, which: "cert" | "key" | "fullchain") => path.join(lab, e.files[which]!);
    const entry = (id: string) => manifest.certificates.find((c) => c.id === id)!;

    before(async () => {
      const init = runCli(["init", lab, "--json", "--server", "localhost,127.0.0.1", "--client", "alice", "--device", "dev-1", ...scenario.initArgs]);
      assert.equal(init.code, 0, init.stderr);
      manifest = JSON.parse(init.stdout) as Manifest;
      const server = entry("servers/localhost");
      nginx = await startNginx(
        path.join(lab, "nginx"),
        `    ssl_certificate ${file(server, "fullchain")};
    ssl_certificate_key ${file(server, "key")};
    ssl_client_certificate ${path.join(lab, "ca.pem")};
    ssl_verify_client on;
${scenario.verifyDepth ? `    ssl_verify_depth ${scenario.verifyDepth};\n` : ""}    location / { return 200 "verified $ssl_client_verify $ssl_client_s_dn\\n"; }`,
      );
    });
    after(async () => nginx?.stop());

    const url = () => `https://localhost:${nginx.port}/`;
    const resolve = () => `localhost:${nginx.port}:127.0.0.1`;

    for (const id of ["clients/alice", "devices/dev-1"]) {
      it(`${id} is accepted (HTTP 200), server verified by name`, () => {
        const leaf = entry(id);
        const result = curl(url(), { ca: path.join(lab, "ca.pem"), cert: file(leaf, "fullchain"), key: file(leaf, "key"), resolve: resolve() });
        assert.equal(result.status, 200, result.stdout + result.stderr);
        assert.match(result.stdout, new RegExp(`verified SUCCESS CN=${leaf.name},O=pkilab lab`));
      });
    }

    it("the server is also verified by its IP SAN", () => {
      const leaf = entry("clients/alice");
      const result = curl(`https://127.0.0.1:${nginx.port}/`, { ca: path.join(lab, "ca.pem"), cert: file(leaf, "fullchain"), key: file(leaf, "key") });
      assert.equal(result.status, 200, result.stdout + result.stderr);
    });

    it("the server leaf used as a client certificate gets HTTP 400 and error 26 in the log", () => {
      const server = entry("servers/localhost");
      const result = curl(url(), { ca: path.join(lab, "ca.pem"), cert: file(server, "fullchain"), key: file(server, "key"), resolve: resolve() });
      assert.equal(result.status, 400, result.stdout + result.stderr);
      assert.match(result.stdout, /The SSL certificate error/);
      assert.match(nginx.errorLog(), /client SSL certificate verify error: \(26:unsuitable certificate purpose\)/);
    });

    it("no client certificate gets HTTP 400 'No required SSL certificate was sent'", () => {
      const result = curl(url(), { ca: path.join(lab, "ca.pem"), resolve: resolve() });
      assert.equal(result.status, 400);
      assert.match(result.stdout, /No required SSL certificate was sent/);
    });

    it("a client added later with pkilab issue is accepted", () => {
      const issued = runCli(["issue", "client", "bob", "--lab", lab, "--json"]);
      assert.equal(issued.code, 0, issued.stderr);
      const bob = JSON.parse(issued.stdout) as ManifestEntry;
      const result = curl(url(), { ca: path.join(lab, "ca.pem"), cert: file(bob, "fullchain"), key: file(bob, "key"), resolve: resolve() });
      assert.equal(result.status, 200, result.stdout + result.stderr);
    });
  });
}
