/*
 * pkilab mbedTLS test harness: a minimal TLS client built the way device firmware uses mbedTLS,
 * compiled against mbedTLS 2.28 or 3.6 (test/helpers/mbedtls.ts builds and runs it).
 *
 * Usage: harness key=value ...
 *   ca=FILE        trust anchors, PEM or DER; repeatable. Loaded as firmware holds a C array: a
 *                  PEM buffer ends with its NUL and len counts it (sizeof of a string literal);
 *                  a DER buffer is len bytes. Parsed with mbedtls_x509_crt_parse().
 *   ca_der=FILE    the same bytes through mbedtls_x509_crt_parse_der() instead.
 *   crl=FILE       CRLs, PEM (one or more) or DER; repeatable. Parsed with mbedtls_x509_crl_parse()
 *                  and handed over with mbedtls_ssl_conf_ca_chain(conf, ca, crl), as firmware does
 *                  (needs MBEDTLS_X509_CRL_PARSE_C; without it crl= is a usage error).
 *   pem_nul=0      pass PEM buffers without the trailing NUL (len = strlen, the classic bug).
 *   crt=FILE key=FILE   the device's own chain (leaf first) and private key (client auth).
 *   host=NAME      mbedtls_ssl_set_hostname(NAME); host=null calls it with NULL; host=none (the
 *                  default) does not call it.
 *   server=ADDR port=N  where to connect (server defaults to 127.0.0.1).
 *   curves=P-256,secp384r1,x25519,0x0100   groups offered (P-xxx aliases, mbedTLS curve names,
 *                  or a TLS group id in hex).
 *   ciphersuites=TLS-ECDHE-ECDSA-WITH-AES-128-GCM-SHA256,...   names as mbedTLS spells them.
 *   tls=1.2|1.3|any     pin the protocol version (default any = the library's range).
 *   profile=default|next|suiteb   X.509 verification profile.
 *   profile=custom profile_mds=SHA1,SHA256 profile_pks=RSA,ECKEY,ECDSA profile_curves=secp256r1
 *                  profile_rsa_min=1024   a firmware's own mbedtls_x509_crt_profile, field by field:
 *                  hash names as mbedtls_md_info_from_string() takes them, PK types RSA, ECKEY,
 *                  ECKEY_DH, ECDSA, RSASSA_PSS, curves as mbedtls_ecp_curve_info_from_name() takes
 *                  them; "any" sets every bit (0xFFFFFFF, as the library's own profiles), "none" none.
 *   auth=required|optional|none   server certificate verification (default required).
 *   mfl=512|1024|2048|4096         ask for RFC 6066 max_fragment_length.
 *   request=GET /  send "GET / HTTP/1.0" after the handshake and report the HTTP status.
 *   parse_only=1   only parse ca/crt/key and report.
 *   timeout_ms=N   read timeout (default 10000).
 *
 * Output, one fact per line ("words key=value ..."):
 *   mbedtls version=2.28.3
 *   parse ca ret=0 count=1 | parse crl ret=0 | parse crt ret=... count=N | parse key ret=... type=EC bits=256
 *   handshake ret=-0x7780 error="..."   alert=40 (fatal alert received)   alert_sent=42
 *   verify flags=0x00000004   session version=TLSv1.2 ciphersuite=...
 *   http status=200 body="first line"   request ret=-0x7780 (failed after the handshake, e.g. the
 *   TLS 1.3 server rejected our certificate: that alert arrives on the first read)
 * Exit: 0 handshake (and request) succeeded, or parse_only and every parse returned 0;
 *       1 handshake, request or parse failed; 2 bad usage or unreadable file.
 */
#define _POSIX_C_SOURCE 200809L /* strdup, strtok_r */
#include "mbedtls/version.h" /* pulls in the library configuration in both versions */
#if MBEDTLS_VERSION_NUMBER >= 0x03000000
#include "mbedtls/build_info.h"
#elif defined(MBEDTLS_CONFIG_FILE)
#include MBEDTLS_CONFIG_FILE
#else
#include "mbedtls/config.h"
#endif
#include "mbedtls/ctr_drbg.h"
#include "mbedtls/debug.h"

/* Firmware-style: the certificates and key compiled in from `pkilab export --c-array --include-key`
 * (default --name pkilab), loaded with arrays=1. Define PKILAB_HAS_CHAIN when the export has
 * pkilab_device_chain_pem. */
#ifdef PKILAB_CERTS_HEADER
#include PKILAB_CERTS_HEADER
#endif
#include "mbedtls/ecp.h"
#include "mbedtls/entropy.h"
#include "mbedtls/error.h"
#include "mbedtls/md.h"
#include "mbedtls/net_sockets.h"
#include "mbedtls/pk.h"
#include "mbedtls/ssl.h"
#include "mbedtls/x509_crt.h"
#if defined(MBEDTLS_X509_CRL_PARSE_C)
#include "mbedtls/x509_crl.h"
#endif
#if MBEDTLS_VERSION_NUMBER >= 0x03000000 && defined(MBEDTLS_PSA_CRYPTO_C)
#include "psa/crypto.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LIST 64

static mbedtls_entropy_context entropy;
static mbedtls_ctr_drbg_context drbg;
static int alert_received = -1, alert_sent = -1;

/* "-0x7780", "0" or a positive count: mbedTLS error codes are negative hex by convention. */
static const char *code(int ret)
{
    static char buf[4][24];
    static int slot;
    char *out = buf[slot++ % 4];
    if (ret < 0) snprintf(out, sizeof(buf[0]), "-0x%04X", (unsigned) -ret);
    else snprintf(out, sizeof(buf[0]), "%d", ret);
    return out;
}

static void print_error(const char *what, int ret)
{
#if defined(MBEDTLS_ERROR_C)
    char text[200];
    mbedtls_strerror(ret, text, sizeof(text));
    printf("%s ret=%s error=\"%s\"\n", what, code(ret), text);
#else
    printf("%s ret=%s\n", what, code(ret));
#endif
}

/* Reads FILE as firmware holds it: PEM keeps a trailing NUL counted in *len (unless pem_nul=0). */
static unsigned char *load(const char *path, size_t *len, int pem_nul)
{
    FILE *f = fopen(path, "rb");
    long size;
    unsigned char *buf;
    if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        fprintf(stderr, "harness: cannot read %s\n", path);
        exit(2);
    }
    buf = calloc(1, (size_t) size + 1);
    if (buf == NULL || fread(buf, 1, (size_t) size, f) != (size_t) size) {
        fprintf(stderr, "harness: cannot read %s\n", path);
        exit(2);
    }
    fclose(f);
    *len = (size_t) size;
    if (pem_nul && strstr((const char *) buf, "-----BEGIN ") != NULL) *len += 1;
    return buf;
}

static int count_certs(const mbedtls_x509_crt *c)
{
    int n = 0;
    for (; c != NULL && c->raw.len > 0; c = c->next) n++;
    return n;
}

#if defined(MBEDTLS_DEBUG_C)
/* The alert numbers are only visible in debug output (reference section 6.2). With debug_log=FILE
 * every line is also written there, as ssl_client2 prints it (level 4 has the record dumps). */
static FILE *debug_log = NULL;

static void on_debug(void *ctx, int level, const char *file, int line, const char *msg)
{
    const char *p;
    unsigned lvl, num;
    (void) ctx;
    if (debug_log != NULL) fprintf(debug_log, "%s:%04d: |%d| %s", file, line, level, msg);
    if ((p = strstr(msg, "is a fatal alert message (msg ")) != NULL) {
        if (sscanf(p, "is a fatal alert message (msg %u)", &num) == 1) alert_received = (int) num;
    } else if ((p = strstr(msg, "got an alert message, type: [")) != NULL) {
        if (sscanf(p, "got an alert message, type: [%u:%u]", &lvl, &num) == 2 && lvl == 2) alert_received = (int) num;
    } else if ((p = strstr(msg, "send alert level=")) != NULL) {
        if (sscanf(p, "send alert level=%u message=%u", &lvl, &num) == 2 && lvl == 2) alert_sent = (int) num;
    }
}
#endif

/* P-256 style aliases, mbedTLS curve names ("secp256r1", "x25519"), or a hex TLS group id. */
static const mbedtls_ecp_curve_info *curve_by_name(const char *name)
{
    static const char *alias[][2] = { { "P-192", "secp192r1" }, { "P-224", "secp224r1" }, { "P-256", "secp256r1" },
                                      { "P-384", "secp384r1" }, { "P-521", "secp521r1" } };
    size_t i;
    for (i = 0; i < sizeof(alias) / sizeof(alias[0]); i++)
        if (strcmp(name, alias[i][0]) == 0) name = alias[i][1];
    return mbedtls_ecp_curve_info_from_name(name);
}

static void usage(const char *msg, const char *arg)
{
    fprintf(stderr, "harness: %s%s\n", msg, arg);
    exit(2);
}

/* profile=custom: one name of a profile field to its MBEDTLS_*_ id, or -1. */
static int md_id(const char *name)
{
#if defined(MBEDTLS_MD_C) /* mbedtls_md_info_from_string() needs the full MD module */
    const mbedtls_md_info_t *info = mbedtls_md_info_from_string(name);
    return info != NULL ? (int) mbedtls_md_get_type(info) : -1;
#else
    (void) name;
    return -1;
#endif
}

static int pk_id(const char *name)
{
    static const struct { const char *name; mbedtls_pk_type_t type; } pks[] = {
        { "RSA", MBEDTLS_PK_RSA }, { "ECKEY", MBEDTLS_PK_ECKEY }, { "ECKEY_DH", MBEDTLS_PK_ECKEY_DH },
        { "ECDSA", MBEDTLS_PK_ECDSA }, { "RSASSA_PSS", MBEDTLS_PK_RSASSA_PSS },
    };
    size_t i;
    for (i = 0; i < sizeof(pks) / sizeof(pks[0]); i++)
        if (strcmp(name, pks[i].name) == 0) return (int) pks[i].type;
    return -1;
}

static int curve_id(const char *name)
{
    const mbedtls_ecp_curve_info *info = mbedtls_ecp_curve_info_from_name(name);
    return info != NULL ? (int) info->grp_id : -1;
}

/* "any" (every bit, as mbedtls_x509_crt_profile_default's 0xFFFFFFF), "none", or a comma list of names. */
static uint32_t id_flags(const char *field, const char *list, int (*id_of)(const char *))
{
    char *copy, *name, *save = NULL;
    uint32_t flags = 0;
    if (strcmp(list, "any") == 0) return 0xFFFFFFF;
    if (strcmp(list, "none") == 0) return 0;
    copy = strdup(list);
    for (name = strtok_r(copy, ",", &save); name != NULL; name = strtok_r(NULL, ",", &save)) {
        int id = id_of(name);
        if (id < 0) {
            fprintf(stderr, "harness: %s: unknown to (or not enabled in) this build: %s\n", field, name);
            exit(2);
        }
        flags |= MBEDTLS_X509_ID_FLAG(id);
    }
    free(copy);
    return flags;
}

int main(int argc, char **argv)
{
    const char *host = "none", *server = "127.0.0.1", *port = NULL, *request = NULL, *tls = "any";
    const char *profile = "default", *auth = "required", *curves = NULL, *suites = NULL;
    const char *crt_file = NULL, *key_file = NULL;
    const char *profile_mds = NULL, *profile_pks = NULL, *profile_curves = NULL, *profile_rsa_min = NULL;
    static mbedtls_x509_crt_profile custom_profile;
    int pem_nul = 1, parse_only = 0, mfl = 0, use_arrays = 0, ret, failed = 0, i;
    unsigned long timeout_ms = 10000;
    mbedtls_x509_crt ca, crt;
#if defined(MBEDTLS_X509_CRL_PARSE_C)
    mbedtls_x509_crl crl;
    int have_crl = 0;
#endif
    mbedtls_pk_context key;
    mbedtls_ssl_config conf;
    mbedtls_ssl_context ssl;
    mbedtls_net_context net;
#if MBEDTLS_VERSION_NUMBER >= 0x03000000
    static uint16_t groups[MAX_LIST + 1];
#else
    static mbedtls_ecp_group_id groups[MAX_LIST + 1];
#endif
    static int suite_ids[MAX_LIST + 1];

    mbedtls_x509_crt_init(&ca);
#if defined(MBEDTLS_X509_CRL_PARSE_C)
    mbedtls_x509_crl_init(&crl);
#endif
    mbedtls_x509_crt_init(&crt);
    mbedtls_pk_init(&key);
    mbedtls_ssl_config_init(&conf);
    mbedtls_ssl_init(&ssl);
    mbedtls_net_init(&net);
    mbedtls_entropy_init(&entropy);
    mbedtls_ctr_drbg_init(&drbg);
#if MBEDTLS_VERSION_NUMBER >= 0x03000000 && defined(MBEDTLS_PSA_CRYPTO_C)
    /* 3.x: TLS 1.3 and PSA-backed keys need the PSA core initialised first. */
    if (psa_crypto_init() != PSA_SUCCESS) usage("psa_crypto_init failed", "");
#endif
    if (mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy, (const unsigned char *) "pkilab", 6) != 0)
        usage("ctr_drbg_seed failed", "");
    printf("mbedtls version=%s\n", MBEDTLS_VERSION_STRING);

    /* Options are read in order; pem_nul= applies to files named after it. */
    for (i = 1; i < argc; i++) {
        char *eq = strchr(argv[i], '=');
        const char *v;
        if (eq == NULL) usage("expected key=value, got ", argv[i]);
        *eq = '\0';
        v = eq + 1;
        if (strcmp(argv[i], "ca") == 0 || strcmp(argv[i], "ca_der") == 0) {
            size_t len;
            unsigned char *buf = load(v, &len, pem_nul);
            ret = strcmp(argv[i], "ca") == 0 ? mbedtls_x509_crt_parse(&ca, buf, len)
                                              : mbedtls_x509_crt_parse_der(&ca, buf, len);
            printf("parse %s ret=%s count=%d\n", argv[i], code(ret), count_certs(&ca));
            failed |= ret != 0;
            free(buf);
        } else if (strcmp(argv[i], "crl") == 0) {
#if defined(MBEDTLS_X509_CRL_PARSE_C)
            size_t len;
            unsigned char *buf = load(v, &len, pem_nul);
            ret = mbedtls_x509_crl_parse(&crl, buf, len);
            printf("parse crl ret=%s\n", code(ret));
            failed |= ret != 0;
            have_crl = 1;
            free(buf);
#else
            usage("crl=: built without MBEDTLS_X509_CRL_PARSE_C: ", v);
#endif
        } else if (strcmp(argv[i], "crt") == 0) crt_file = v;
        else if (strcmp(argv[i], "key") == 0) key_file = v;
        else if (strcmp(argv[i], "pem_nul") == 0) pem_nul = atoi(v);
        else if (strcmp(argv[i], "host") == 0) host = v;
        else if (strcmp(argv[i], "server") == 0) server = v;
        else if (strcmp(argv[i], "port") == 0) port = v;
        else if (strcmp(argv[i], "curves") == 0) curves = v;
        else if (strcmp(argv[i], "ciphersuites") == 0) suites = v;
        else if (strcmp(argv[i], "tls") == 0) tls = v;
        else if (strcmp(argv[i], "profile") == 0) profile = v;
        else if (strcmp(argv[i], "profile_mds") == 0) profile_mds = v;
        else if (strcmp(argv[i], "profile_pks") == 0) profile_pks = v;
        else if (strcmp(argv[i], "profile_curves") == 0) profile_curves = v;
        else if (strcmp(argv[i], "profile_rsa_min") == 0) profile_rsa_min = v;
        else if (strcmp(argv[i], "auth") == 0) auth = v;
        else if (strcmp(argv[i], "mfl") == 0) mfl = atoi(v);
        else if (strcmp(argv[i], "request") == 0) request = v;
        else if (strcmp(argv[i], "parse_only") == 0) parse_only = atoi(v);
        else if (strcmp(argv[i], "timeout_ms") == 0) timeout_ms = strtoul(v, NULL, 10);
        else if (strcmp(argv[i], "arrays") == 0) use_arrays = atoi(v);
        else if (strcmp(argv[i], "debug_log") == 0) {
            debug_log = fopen(v, "w");
            if (debug_log == NULL) usage("cannot write ", v);
        }
        else usage("unknown option ", argv[i]);
    }
    if (use_arrays) {
#ifdef PKILAB_CERTS_HEADER
        ret = mbedtls_x509_crt_parse(&ca, (const unsigned char *) pkilab_ca_pem, pkilab_ca_pem_len);
        printf("parse ca ret=%s count=%d\n", code(ret), count_certs(&ca));
        failed |= ret != 0;
        ret = mbedtls_x509_crt_parse(&crt, (const unsigned char *) pkilab_device_crt_pem, pkilab_device_crt_pem_len);
#ifdef PKILAB_HAS_CHAIN
        if (ret == 0) ret = mbedtls_x509_crt_parse(&crt, (const unsigned char *) pkilab_device_chain_pem, pkilab_device_chain_pem_len);
#endif
        printf("parse crt ret=%s count=%d\n", code(ret), count_certs(&crt));
        failed |= ret != 0;
#if MBEDTLS_VERSION_NUMBER >= 0x03000000
        ret = mbedtls_pk_parse_key(&key, (const unsigned char *) pkilab_device_key_pem, pkilab_device_key_pem_len, NULL, 0, mbedtls_ctr_drbg_random, &drbg);
#else
        ret = mbedtls_pk_parse_key(&key, (const unsigned char *) pkilab_device_key_pem, pkilab_device_key_pem_len, NULL, 0);
#endif
        printf("parse key ret=%s\n", code(ret));
        failed |= ret != 0;
        crt_file = key_file = "(compiled in)";
#else
        usage("arrays=1: compiled without PKILAB_CERTS_HEADER", "");
#endif
    } else if (crt_file != NULL) {
        size_t len;
        unsigned char *buf = load(crt_file, &len, pem_nul);
        ret = mbedtls_x509_crt_parse(&crt, buf, len);
        printf("parse crt ret=%s count=%d\n", code(ret), count_certs(&crt));
        failed |= ret != 0;
        free(buf);
    }
    if (key_file != NULL && !use_arrays) {
        size_t len;
        unsigned char *buf = load(key_file, &len, pem_nul);
#if MBEDTLS_VERSION_NUMBER >= 0x03000000
        ret = mbedtls_pk_parse_key(&key, buf, len, NULL, 0, mbedtls_ctr_drbg_random, &drbg);
#else
        ret = mbedtls_pk_parse_key(&key, buf, len, NULL, 0);
#endif
        if (ret == 0) printf("parse key ret=0 type=%s bits=%u\n", mbedtls_pk_get_name(&key), (unsigned) mbedtls_pk_get_bitlen(&key));
        else printf("parse key ret=%s\n", code(ret));
        failed |= ret != 0;
        free(buf);
    }
    if (parse_only) return failed ? 1 : 0;
    if (port == NULL) usage("port= is required (or parse_only=1)", "");
    if ((crt_file == NULL) != (key_file == NULL)) usage("crt= and key= go together", "");

    /* --- configuration, as a device's TLS client task would set it up --- */
    if (mbedtls_ssl_config_defaults(&conf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM, MBEDTLS_SSL_PRESET_DEFAULT) != 0)
        usage("ssl_config_defaults failed", "");
    mbedtls_ssl_conf_rng(&conf, mbedtls_ctr_drbg_random, &drbg);
#if defined(MBEDTLS_DEBUG_C)
    mbedtls_ssl_conf_dbg(&conf, on_debug, NULL);
    mbedtls_debug_set_threshold(debug_log != NULL ? 4 : 3); /* 3 has "send alert level=2 message=N"; 4 the record dumps */
#endif
#if defined(MBEDTLS_X509_CRL_PARSE_C)
    mbedtls_ssl_conf_ca_chain(&conf, &ca, have_crl ? &crl : NULL);
#else
    mbedtls_ssl_conf_ca_chain(&conf, &ca, NULL);
#endif
    if (key_file != NULL && (ret = mbedtls_ssl_conf_own_cert(&conf, &crt, &key)) != 0) usage("ssl_conf_own_cert failed", "");
    if (strcmp(auth, "required") == 0) mbedtls_ssl_conf_authmode(&conf, MBEDTLS_SSL_VERIFY_REQUIRED);
    else if (strcmp(auth, "optional") == 0) mbedtls_ssl_conf_authmode(&conf, MBEDTLS_SSL_VERIFY_OPTIONAL);
    else if (strcmp(auth, "none") == 0) mbedtls_ssl_conf_authmode(&conf, MBEDTLS_SSL_VERIFY_NONE);
    else usage("auth= must be required|optional|none: ", auth);
    if (strcmp(profile, "next") == 0) mbedtls_ssl_conf_cert_profile(&conf, &mbedtls_x509_crt_profile_next);
    else if (strcmp(profile, "suiteb") == 0) mbedtls_ssl_conf_cert_profile(&conf, &mbedtls_x509_crt_profile_suiteb);
    else if (strcmp(profile, "custom") == 0) {
        if (profile_mds == NULL || profile_pks == NULL || profile_curves == NULL || profile_rsa_min == NULL)
            usage("profile=custom needs profile_mds=, profile_pks=, profile_curves= and profile_rsa_min=", "");
        custom_profile.allowed_mds = id_flags("profile_mds", profile_mds, md_id);
        custom_profile.allowed_pks = id_flags("profile_pks", profile_pks, pk_id);
        custom_profile.allowed_curves = id_flags("profile_curves", profile_curves, curve_id);
        custom_profile.rsa_min_bitlen = (uint32_t) strtoul(profile_rsa_min, NULL, 10);
        mbedtls_ssl_conf_cert_profile(&conf, &custom_profile);
    }
    else if (strcmp(profile, "default") != 0) usage("profile= must be default|next|suiteb|custom: ", profile);
    mbedtls_ssl_conf_read_timeout(&conf, (uint32_t) timeout_ms);

    if (strcmp(tls, "1.2") == 0) {
#if MBEDTLS_VERSION_NUMBER >= 0x03000000
        mbedtls_ssl_conf_min_tls_version(&conf, MBEDTLS_SSL_VERSION_TLS1_2);
        mbedtls_ssl_conf_max_tls_version(&conf, MBEDTLS_SSL_VERSION_TLS1_2);
#else
        mbedtls_ssl_conf_min_version(&conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);
        mbedtls_ssl_conf_max_version(&conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);
#endif
    } else if (strcmp(tls, "1.3") == 0) {
#if MBEDTLS_VERSION_NUMBER >= 0x03000000 && defined(MBEDTLS_SSL_PROTO_TLS1_3)
        mbedtls_ssl_conf_min_tls_version(&conf, MBEDTLS_SSL_VERSION_TLS1_3);
        mbedtls_ssl_conf_max_tls_version(&conf, MBEDTLS_SSL_VERSION_TLS1_3);
#else
        usage("tls=1.3: this build has no TLS 1.3", "");
#endif
    } else if (strcmp(tls, "any") != 0) usage("tls= must be 1.2|1.3|any: ", tls);

    if (curves != NULL) {
        char *list = strdup(curves), *name, *save = NULL;
        int n = 0;
        for (name = strtok_r(list, ",", &save); name != NULL && n < MAX_LIST; name = strtok_r(NULL, ",", &save)) {
            const mbedtls_ecp_curve_info *info = curve_by_name(name);
#if MBEDTLS_VERSION_NUMBER >= 0x03000000
            if (strncmp(name, "0x", 2) == 0) groups[n++] = (uint16_t) strtoul(name, NULL, 16);
            else if (info != NULL) groups[n++] = info->tls_id;
#else
            if (info != NULL) groups[n++] = info->grp_id;
#endif
            else usage("curve not known to (or not enabled in) this build: ", name);
        }
#if MBEDTLS_VERSION_NUMBER >= 0x03000000
        groups[n] = 0; /* MBEDTLS_SSL_IANA_TLS_GROUP_NONE */
        mbedtls_ssl_conf_groups(&conf, groups);
#else
        groups[n] = MBEDTLS_ECP_DP_NONE;
        mbedtls_ssl_conf_curves(&conf, groups);
#endif
        free(list);
    }
    if (suites != NULL) {
        char *list = strdup(suites), *name, *save = NULL;
        int n = 0;
        for (name = strtok_r(list, ",", &save); name != NULL && n < MAX_LIST; name = strtok_r(NULL, ",", &save)) {
            if ((suite_ids[n++] = mbedtls_ssl_get_ciphersuite_id(name)) == 0)
                usage("ciphersuite not known to (or not enabled in) this build: ", name);
        }
        suite_ids[n] = 0;
        mbedtls_ssl_conf_ciphersuites(&conf, suite_ids);
        free(list);
    }
    if (mfl != 0) {
#if defined(MBEDTLS_SSL_MAX_FRAGMENT_LENGTH)
        unsigned char mfl_code = mfl == 512 ? MBEDTLS_SSL_MAX_FRAG_LEN_512 : mfl == 1024 ? MBEDTLS_SSL_MAX_FRAG_LEN_1024
                               : mfl == 2048 ? MBEDTLS_SSL_MAX_FRAG_LEN_2048 : mfl == 4096 ? MBEDTLS_SSL_MAX_FRAG_LEN_4096 : 0;
        if (mfl_code == 0 || mbedtls_ssl_conf_max_frag_len(&conf, mfl_code) != 0) usage("mfl= must be 512|1024|2048|4096", "");
#else
        usage("mfl=: this build has no MBEDTLS_SSL_MAX_FRAGMENT_LENGTH", "");
#endif
    }

    if ((ret = mbedtls_ssl_setup(&ssl, &conf)) != 0) usage("ssl_setup failed", "");
    if (strcmp(host, "null") == 0) ret = mbedtls_ssl_set_hostname(&ssl, NULL);
    else if (strcmp(host, "none") != 0) ret = mbedtls_ssl_set_hostname(&ssl, host);
    if (ret != 0) {
        print_error("set_hostname", ret);
        return 1;
    }

    /* --- connect and handshake --- */
    if ((ret = mbedtls_net_connect(&net, server, port, MBEDTLS_NET_PROTO_TCP)) != 0) {
        print_error("connect", ret);
        return 1;
    }
    mbedtls_ssl_set_bio(&ssl, &net, mbedtls_net_send, NULL, mbedtls_net_recv_timeout);
    do ret = mbedtls_ssl_handshake(&ssl);
    while (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE);
    if (ret == 0) printf("handshake ret=0\n");
    else print_error("handshake", ret);
    if (ret == 0) printf("session version=%s ciphersuite=%s\n", mbedtls_ssl_get_version(&ssl), mbedtls_ssl_get_ciphersuite(&ssl));
    printf("verify flags=0x%08X\n", (unsigned) mbedtls_ssl_get_verify_result(&ssl));
    failed = ret != 0;

    /* --- optional HTTP request: proves the server accepted us (nginx rejects certs with a 400) --- */
    if (ret == 0 && request != NULL) {
        char out[512], in[4096];
        size_t have = 0;
        const char *name = strcmp(host, "none") == 0 || strcmp(host, "null") == 0 ? server : host;
        int n = snprintf(out, sizeof(out), "%s HTTP/1.0\r\nHost: %s\r\nConnection: close\r\n\r\n", request, name);
        while ((ret = mbedtls_ssl_write(&ssl, (const unsigned char *) out, (size_t) n)) == MBEDTLS_ERR_SSL_WANT_WRITE
               || ret == MBEDTLS_ERR_SSL_WANT_READ) {}
        while (ret >= 0 && have < sizeof(in) - 1) {
            ret = mbedtls_ssl_read(&ssl, (unsigned char *) in + have, sizeof(in) - 1 - have);
            if (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE) ret = 0;
#if defined(MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET)
            else if (ret == MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET) ret = 0; /* TLS 1.3 tickets */
#endif
            else if (ret == 0 || ret == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY) break;
            else if (ret > 0) have += (size_t) ret;
        }
        in[have] = '\0';
        if (ret < 0 && ret != MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY) print_error("request", ret);
        if (strncmp(in, "HTTP/", 5) == 0 && strchr(in, ' ') != NULL) {
            char *body = strstr(in, "\r\n\r\n"), *eol;
            body = body != NULL ? body + 4 : in + have;
            if ((eol = strpbrk(body, "\r\n")) != NULL) *eol = '\0';
            for (eol = body; *eol != '\0'; eol++)
                if (*eol == '"') *eol = '\''; /* keep the value quotable */
            printf("http status=%d body=\"%.200s\"\n", atoi(strchr(in, ' ') + 1), body);
        } else failed = 1;
    }
#if defined(MBEDTLS_DEBUG_C)
    if (alert_received >= 0) printf("alert=%d\n", alert_received);
    if (alert_sent >= 0) printf("alert_sent=%d\n", alert_sent);
#endif
    mbedtls_ssl_close_notify(&ssl);
    mbedtls_net_free(&net);
    mbedtls_ssl_free(&ssl);
    mbedtls_ssl_config_free(&conf);
    mbedtls_x509_crt_free(&ca);
    mbedtls_x509_crt_free(&crt);
    mbedtls_pk_free(&key);
    mbedtls_ctr_drbg_free(&drbg);
    mbedtls_entropy_free(&entropy);
    if (debug_log != NULL) fclose(debug_log);
    return failed ? 1 : 0;
}
